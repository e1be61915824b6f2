import { DELETE_RULES } from '../../deletion/delete-rule';
import type { RuleEdge, RuleGraph } from '../../deletion/rule-graph';
import { ErrorSeverity } from '../../errors/error-code';
import { ident } from '../../sql';
import { type ChangeScope, carriedIds } from '../changes';
import type { PlanChecks } from './check-source';
import { type CheckKind, countingStatement, type IntegrityCheck, IntegrityCheckKind, readyCheck } from './integrity-check';

export const ORPHAN: CheckKind = {
  kind: IntegrityCheckKind.ORPHAN,
  // Wrong data already there.
  severity: ErrorSeverity.HIGH,
  checks: 'no child row points at a parent row that is missing',
  from: 'each relation of the rule graph',
  repair: `the relation's rule: ${DELETE_RULES.map((rule) => `${rule.name} ${rule.orphanRepair}`).join(', ')}`,
};

/** Rows of `table` whose non-null `columns` match no row of `referencedTable`, as foreign keys of MATCH SIMPLE see it. */
export function danglingRows(
  graph: RuleGraph,
  table: string,
  columns: readonly string[],
  referencedTable: string,
  referencedColumns: readonly string[],
): string {
  const present = columns.map((column) => `c.${ident(column)} is not null`).join(' and ');
  const joined = columns.map((column, i) => `p.${ident(referencedColumns[i])} = c.${ident(column)}`).join(' and ');
  return `select c.${ident(graph.primaryKeyOf(table))} as id from ${ident(table)} c
    where ${present} and not exists (select 1 from ${ident(referencedTable)} p where ${joined})`;
}

/**
 * The orphans among the child rows written since the base, those pointing at a parent row
 * written or deleted since (a parent's delete is what orphans a child that did not change),
 * and those the base found: a child row changes neither, and its parent stays, or it is not.
 */
function changedOrphans(graph: RuleGraph, edge: RuleEdge, scope: ChangeScope, carried: string): string {
  const child = ident(edge.childTable);
  const pk = ident(graph.primaryKeyOf(edge.childTable));
  const candidates = `${scope.touched(edge.childTable, graph.primaryKeyOf(edge.childTable))}
    union select k.${pk} from ${child} k where k.${ident(edge.column)} in (${scope.touched(edge.parentTable, edge.parentColumn)})
    union ${carriedIds(carried)}`;
  return `select o.id from (${danglingRows(graph, edge.childTable, [edge.column], edge.parentTable, [edge.parentColumn])}) o where o.id in (${candidates})`;
}

export function orphanCheck(graph: RuleGraph, edge: RuleEdge): IntegrityCheck {
  const where = `${edge.childTable}.${edge.column}`;
  const violations = danglingRows(graph, edge.childTable, [edge.column], edge.parentTable, [edge.parentColumn]);
  return readyCheck({
    name: `orphan:${where}`,
    kind: ORPHAN.kind,
    severity: ORPHAN.severity!,
    table: edge.childTable,
    edge,
    description: `Rows of ${edge.childTable} whose ${edge.column} points at a ${edge.parentTable} row that does not exist (ON DELETE ${edge.rule.name}). Ids are ${edge.childTable}.`,
    suggestedFix: edge.rule.orphanFix(where, edge.parentTable),
    statement: (limit) => countingStatement(violations, limit),
    violations,
    scoped: {
      tables: [edge.childTable, edge.parentTable],
      statement: (scope, carried, limit) => countingStatement(changedOrphans(graph, edge, scope, carried), limit),
    },
  });
}

export const planOrphanChecks: PlanChecks = ({ graph }) => graph.edges.map((edge) => orphanCheck(graph, edge));
