import { BusinessRuleError } from '../errors/business-rule-error';

/** Which status may follow which: the whole state machine of one entity's status, as one table. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

/** Moves `record` to `to` when its table lets that status follow the current one; any other move is INVALID_STATE_TRANSITION. */
export function moveStatus<S extends string>(entity: string, transitions: Transitions<S>, record: { status: S }, to: S): void {
  if (!transitions[record.status].includes(to)) throw BusinessRuleError.invalidTransition(entity, record.status, to);
  record.status = to;
}
