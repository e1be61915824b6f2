import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestError } from '../../errors/request-error';
import { planBusinessRuleChecks, RULE } from './business-rule';
import { CHECK, planCheckChecks } from './check-constraint';
import { checkSource, type PlanChecks } from './check-source';
import { FK_RULE, planFkRuleChecks } from './fk-rule';
import { type CheckKind, type IntegrityCheck, IntegrityCheckKind, kindPrefix } from './integrity-check';
import { NOT_VALID, planNotValidChecks } from './not-valid';
import { ORPHAN, planOrphanChecks } from './orphan';
import { planTriggerChecks, TRIGGER } from './trigger';
import { planUnindexedFkChecks, UNINDEXED_FK } from './unindexed-fk';

/**
 * Every kind of check with its planner, in the order the report runs them: the catalog
 * first (fast), then the data. Each kind is derived wherever possible, so that a new
 * relation or constraint is checked without new code: orphan, fk_rule and unindexed_fk
 * from the edges of the rule graph (the entities' metadata); not_valid and check from the
 * live catalog (plus the CHECKs the entities declare that the catalog lacks); the triggers
 * and the business rules from their short explicit lists.
 */
export const CHECK_KINDS: readonly (CheckKind & { plan: PlanChecks })[] = [
  { ...FK_RULE, plan: planFkRuleChecks },
  { ...UNINDEXED_FK, plan: planUnindexedFkChecks },
  { ...NOT_VALID, plan: planNotValidChecks },
  { ...CHECK, plan: planCheckChecks },
  { ...TRIGGER, plan: planTriggerChecks },
  { ...ORPHAN, plan: planOrphanChecks },
  { ...RULE, plan: planBusinessRuleChecks },
];

const PREFIXES = Object.values(IntegrityCheckKind).map(kindPrefix);

/** Every check of the integrity report, in run order. Reads the catalog: call it inside the snapshot the checks will run in. */
export async function planIntegrityChecks(em: EntityManager): Promise<IntegrityCheck[]> {
  const source = checkSource(em);
  const planned: IntegrityCheck[] = [];
  for (const kind of CHECK_KINDS) planned.push(...(await kind.plan(source)).sort((a, b) => a.name.localeCompare(b.name)));
  return planned;
}

/** The one check named `name`, planning only the checks of its kind; undefined when there is none. */
export async function findCheck(em: EntityManager, name: string): Promise<IntegrityCheck | undefined> {
  const kind = CHECK_KINDS.find((candidate) => name.startsWith(kindPrefix(candidate.kind)));
  return kind && (await kind.plan(checkSource(em))).find((check) => check.name === name);
}

/**
 * The checks a selection names: each entry is a check's name, or a prefix ending in ':' or
 * '.' ("orphan:", "orphan:payments."), or a kind alone ("orphan"). No selection: all.
 * An entry that matches nothing is an error listing what exists.
 */
export function selectChecks(all: readonly IntegrityCheck[], selection?: readonly string[] | null): IntegrityCheck[] {
  if (!selection?.length) return [...all];
  const chosen = new Set<IntegrityCheck>();
  const unknown: string[] = [];
  for (const raw of selection) {
    const entry = PREFIXES.includes(`${raw.trim()}:`) ? `${raw.trim()}:` : raw.trim();
    const isPrefix = entry.endsWith(':') || entry.endsWith('.');
    const matches = all.filter((check) => (isPrefix ? check.name.startsWith(entry) : check.name === entry));
    if (!matches.length) unknown.push(raw);
    for (const check of matches) chosen.add(check);
  }
  if (unknown.length) {
    throw new RequestError(
      `Unknown integrity check${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => JSON.stringify(name)).join(', ')}. ` +
        `Name a check, or select by a prefix ending in ':' or '.' (${PREFIXES.join(', ')}). The checks are: ${all.map((check) => check.name).join(', ')}.`,
    );
  }
  return all.filter((check) => chosen.has(check));
}
