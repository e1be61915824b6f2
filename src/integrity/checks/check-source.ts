import type { EntityManager } from '@mikro-orm/postgresql';
import { type RuleGraph, ruleGraphOf } from '../../deletion/rule-graph';
import { type DeclaredCheck, declaredConstraints } from '../declared-constraints';
import { constraintKeys, type LiveConstraint, liveConstraints } from './catalog';
import type { IntegrityCheck } from './integrity-check';

/** What the checks are derived from, each part read once and only when a kind asks for it. */
export interface CheckSource {
  readonly em: EntityManager;
  readonly graph: RuleGraph;
  /** The live catalog's constraints of the model's tables. */
  live(): Promise<readonly LiveConstraint[]>;
  /** The CHECKs the entities declare that the live catalog lacks. */
  missingChecks(): Promise<readonly DeclaredCheck[]>;
  /** A constraint's name in a check's name: qualified by its table where two tables share it. */
  constraintKey(): Promise<(constraint: { name: string; table: string }) => string>;
}

/** A kind's checks, planned from the source. */
export type PlanChecks = (source: CheckSource) => Promise<IntegrityCheck[]> | IntegrityCheck[];

const once = <T>(read: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => {
    value ??= read();
    return value;
  };
};

/** Reads the catalog through `em`: inside the snapshot the checks will run in, for a report. */
export function checkSource(em: EntityManager): CheckSource {
  const live = once(() => liveConstraints(em));
  const missingChecks = once(async () => {
    const liveChecks = (await live()).filter((c) => c.type === 'c');
    return declaredConstraints(em).checks.filter((d) => !liveChecks.some((c) => c.table === d.table && c.name === d.name));
  });
  const constraintKey = once(async () => constraintKeys([...(await live()), ...(await missingChecks())]));
  return { em, graph: ruleGraphOf(em.getMetadata()), live, missingChecks, constraintKey };
}
