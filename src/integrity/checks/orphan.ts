import { DELETE_RULES } from '../../deletion/delete-rule';
import type { RuleEdge, RuleGraph } from '../../deletion/rule-graph';
import { ErrorSeverity } from '../../errors/error-code';
import { ident } from '../../sql';
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
  });
}

export const planOrphanChecks: PlanChecks = ({ graph }) => graph.edges.map((edge) => orphanCheck(graph, edge));
