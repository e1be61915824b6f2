import type { RuleEdge } from '../../deletion/rule-graph';
import { ErrorSeverity } from '../../errors/error-code';
import { ident } from '../../sql';
import { attnum, regclass } from './catalog';
import type { PlanChecks } from './check-source';
import { type CheckKind, type IntegrityCheck, IntegrityCheckKind, readyCheck } from './integrity-check';

export const UNINDEXED_FK: CheckKind = {
  kind: IntegrityCheckKind.UNINDEXED_FK,
  // A missing index costs time, not truth.
  severity: ErrorSeverity.LOW,
  checks: 'a valid, non-partial index leads with the foreign key column',
  from: 'each relation of the rule graph',
  repair: 'none: the fix gives the `create index concurrently`',
};

function unindexedCheck(edge: RuleEdge): IntegrityCheck {
  const where = `${edge.childTable}.${edge.column}`;
  const statement = `select case when exists (
      select 1 from pg_index i
      where i.indrelid = ${regclass(edge.childTable)} and i.indisvalid and i.indpred is null and i.indkey[0] = ${attnum('i.indrelid', edge.column)}
    ) then 0 else 1 end::bigint as n, '{}'::text[] as ids, null::text as problem`;
  return readyCheck({
    name: `unindexed_fk:${where}`,
    kind: UNINDEXED_FK.kind,
    severity: UNINDEXED_FK.severity!,
    table: edge.childTable,
    edge,
    description: `The foreign key column ${where} has no valid, non-partial index that leads with it, so every delete of a ${edge.parentTable} row and every orphan scan reads the whole of ${edge.childTable}.`,
    suggestedFix: `create index concurrently ${ident(`${edge.childTable}_${edge.column}_index`)} on ${ident(edge.childTable)} (${ident(edge.column)}); the entities declare it, so a migration would too.`,
    statement: () => statement,
  });
}

export const planUnindexedFkChecks: PlanChecks = ({ graph }) => graph.edges.map(unindexedCheck);
