import { Field, ObjectType } from 'type-graphql';
import { inWords } from '../in-words';
import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

const CODES = [ErrorCode.BUSINESS_RULE_VIOLATION, ErrorCode.INVALID_STATE_TRANSITION] as const;

@ObjectType({
  implements: ClassifiedError,
  description:
    'A rule of the hotel the change would break (BUSINESS_RULE_VIOLATION), or a status that may not follow the current one (INVALID_STATE_TRANSITION); `rule` names which.',
})
export class BusinessRuleError extends ClassifiedError {
  static override readonly codes = CODES;

  @Field(() => String, { description: 'Name of the rule, e.g. "folio_settled", "booking_status".' })
  readonly rule: string;

  constructor(rule: string, message: string, options: { code?: (typeof CODES)[number]; constraint?: string; cause?: unknown } = {}) {
    super(options.code ?? ErrorCode.BUSINESS_RULE_VIOLATION, message, options);
    this.rule = rule;
  }

  /** A status that may not follow the current one: the rule is `<entity>_status`, in snake case (MaintenanceRequest: maintenance_request_status). */
  static invalidTransition(entity: string, fromState: string, toState: string): BusinessRuleError {
    const words = inWords(entity);
    return new BusinessRuleError(`${words.replaceAll(' ', '_')}_status`, `A ${words} that is ${fromState} cannot become ${toState}.`, {
      code: ErrorCode.INVALID_STATE_TRANSITION,
    });
  }
}
