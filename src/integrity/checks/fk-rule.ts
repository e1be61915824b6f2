import { DELETE_ACTION_NAMES } from '../../deletion/delete-rule';
import type { RuleEdge } from '../../deletion/rule-graph';
import { ErrorSeverity } from '../../errors/error-code';
import { literal } from '../../sql';
import { attnum, regclass } from './catalog';
import type { PlanChecks } from './check-source';
import { type CheckKind, type IntegrityCheck, IntegrityCheckKind, readyCheck } from './integrity-check';

export const FK_RULE: CheckKind = {
  kind: IntegrityCheckKind.FK_RULE,
  // A foreign key missing or with another ON DELETE than declared lets wrong data in, or
  // makes deletes do the wrong thing, from now on.
  severity: ErrorSeverity.CRITICAL,
  checks: 'the foreign key exists in the live database with the ON DELETE its entity declares',
  from: 'each relation of the rule graph',
  repair: 'none: a migration, or `integrity:adopt` for a missing one',
};

const ACTION_NAME = `case fk.confdeltype ${Object.entries(DELETE_ACTION_NAMES)
  .map(([code, name]) => `when ${literal(code)} then ${literal(name)}`)
  .join(' ')} end`;

export function fkRuleCheck(edge: RuleEdge): IntegrityCheck {
  const code = literal(edge.rule.confdeltype);
  const where = `${edge.childTable}.${edge.column}`;
  const statement = `with fk as (
      select c.conname, c.confdeltype from pg_constraint c
      where c.contype = 'f' and c.conrelid = ${regclass(edge.childTable)} and c.confrelid = ${regclass(edge.parentTable)}
        and c.conkey = array[${attnum('c.conrelid', edge.column)}]::int2[] and c.confkey = array[${attnum('c.confrelid', edge.parentColumn)}]::int2[])
    select case when exists (select 1 from fk where confdeltype = ${code}) then 0 else 1 end::bigint as n, '{}'::text[] as ids,
      case when not exists (select 1 from fk) then 'The live database has no such foreign key.'
           when not exists (select 1 from fk where confdeltype = ${code})
           then 'The live foreign key ' || (select string_agg(fk.conname || ' has ON DELETE ' || ${ACTION_NAME}, '; ' order by fk.conname) from fk) || '.' end as problem`;
  return readyCheck({
    name: `fk_rule:${where}`,
    kind: FK_RULE.kind,
    severity: FK_RULE.severity!,
    table: edge.childTable,
    edge,
    description: `${where} must be a foreign key to ${edge.parentTable}.${edge.parentColumn} with ON DELETE ${edge.rule.name}, as the ${edge.childEntity} entity declares.`,
    suggestedFix:
      'A missing foreign key: npm run integrity:adopt adds it NOT VALID, to be validated once its orphans are repaired. A different ON DELETE: write a migration that drops the foreign key and adds it again as declared.',
    statement: () => statement,
  });
}

export const planFkRuleChecks: PlanChecks = ({ graph }) => graph.edges.map(fkRuleCheck);
