import type { EntityManager } from '@mikro-orm/postgresql';
import type { RuleGraph } from '../../deletion/rule-graph';
import { ErrorSeverity } from '../../errors/error-code';
import { ident } from '../../sql';
import { CONSTRAINT_TYPE_NAME, expressionOf, type LiveConstraint } from './catalog';
import { checkViolations } from './check-constraint';
import type { PlanChecks } from './check-source';
import { type CheckKind, countingStatement, type IntegrityCheck, IntegrityCheckKind, NOTHING_FOUND } from './integrity-check';
import { danglingRows } from './orphan';

export const NOT_VALID: CheckKind = {
  kind: IntegrityCheckKind.NOT_VALID,
  // Enforced on new rows, only unproven on old ones.
  severity: ErrorSeverity.MEDIUM,
  checks: 'the constraint is validated; counts the rows that keep it from being so',
  from: 'each foreign key and CHECK in `pg_constraint` (and NOT NULL constraints not validated)',
  repair: '`VALIDATE CONSTRAINT`, once no row violates it',
};

/** The rows that keep a NOT VALID constraint from being validated. */
async function rowsViolating(em: EntityManager, graph: RuleGraph, constraint: LiveConstraint): Promise<string> {
  if (constraint.type === 'f') return danglingRows(graph, constraint.table, constraint.columns, constraint.referencedTable!, constraint.referencedColumns!);
  if (constraint.type === 'c') return checkViolations(graph, constraint.table, await expressionOf(em, constraint));
  return `select ${ident(graph.primaryKeyOf(constraint.table))} as id from ${ident(constraint.table)} where ${constraint.columns.map((c) => `${ident(c)} is null`).join(' or ')}`;
}

function notValidCheck(graph: RuleGraph, constraint: LiveConstraint, name: string): IntegrityCheck {
  const what = `The ${CONSTRAINT_TYPE_NAME[constraint.type]} ${constraint.name} of ${constraint.table}`;
  const texts = {
    description: `${what} must be validated: a NOT VALID constraint holds for new rows only, the existing ones unproven. Violations are the rows that keep it from being validated; ids are ${constraint.table}.`,
    suggestedFix: `Repair the rows that break it (see the ${constraint.type === 'f' ? 'orphan:' : 'check:'} checks of ${constraint.table}), then repairIntegrity(input: {check: "not_valid:${name}", dryRun: false}) validates it.`,
  };
  return {
    name: `not_valid:${name}`,
    kind: NOT_VALID.kind,
    severity: NOT_VALID.severity!,
    table: constraint.table,
    constraint,
    ...texts,
    async prepare(em) {
      // A validated constraint needs no expression and no scan: PostgreSQL has proven it.
      if (constraint.validated) return { ...texts, statement: () => NOTHING_FOUND };
      const violations = await rowsViolating(em, graph, constraint);
      const problem = 'PostgreSQL has not validated it: it holds for new rows, the old ones are unproven.';
      return { ...texts, statement: (limit) => countingStatement(violations, limit, problem), violations };
    },
  };
}

export const planNotValidChecks: PlanChecks = async ({ graph, live, constraintKey }) => {
  const key = await constraintKey();
  return (await live()).map((constraint) => notValidCheck(graph, constraint, key(constraint)));
};
