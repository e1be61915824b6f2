import type { RuleGraph } from '../../deletion/rule-graph';
import { ErrorSeverity } from '../../errors/error-code';
import { ident } from '../../sql';
import { type ChangeScope, carriedIds } from '../changes';
import { expressionOf, type LiveConstraint } from './catalog';
import type { PlanChecks } from './check-source';
import { type CheckKind, type CheckTexts, countingStatement, type IntegrityCheck, IntegrityCheckKind, NOTHING_FOUND } from './integrity-check';

export const CHECK: CheckKind = {
  kind: IntegrityCheckKind.CHECK,
  // Wrong data already there.
  severity: ErrorSeverity.HIGH,
  checks: 'no row makes the CHECK false; rows are counted while it is NOT VALID or missing (a validated CHECK holds for every row)',
  from: 'each CHECK in `pg_constraint`, evaluated from its own expression, and each CHECK the entities declare that the database lacks',
  repair: 'none: correct the rows, then validate',
};

/** `(expression)`, without doubling the parentheses PostgreSQL already prints around it. */
function parenthesized(expression: string): string {
  let depth = 0;
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] === '(') depth++;
    else if (expression[i] === ')') depth--;
    if (depth === 0 && i < expression.length - 1) return `(${expression})`;
  }
  return expression.startsWith('(') ? expression : `(${expression})`;
}

/** Rows of `table` for which a CHECK's expression is false (a CHECK passes when it is true or null). */
export function checkViolations(graph: RuleGraph, table: string, expression: string): string {
  return `select ${ident(graph.primaryKeyOf(table))} as id from ${ident(table)} where ${parenthesized(expression)} is false`;
}

/**
 * A CHECK of the live catalog, or one the entities declare that the database lacks. A
 * validated CHECK holds for every row by construction (PostgreSQL proved the old rows and
 * checks each row written since; replica mode does not switch CHECKs off), so its rows
 * are counted only while it is NOT VALID or missing: at a million bookings the scans of
 * validated CHECKs would cost a third of the report to prove what cannot be false.
 */
function checkCheck(graph: RuleGraph, name: string, table: string, declared: { expression: string } | LiveConstraint): IntegrityCheck {
  const constraint = 'type' in declared ? declared : undefined;
  const proven = constraint?.validated === true;
  const texts = (expression: string): CheckTexts => ({
    description: proven
      ? `The CHECK ${name} holds for every row of ${table}: PostgreSQL has validated it and checks every row written since. Rows are counted while a CHECK is NOT VALID or missing.`
      : `Rows of ${table} for which the CHECK ${name}, ${parenthesized(expression)}, is false. Ids are ${table}.`,
    suggestedFix: constraint
      ? `Correct these rows so that ${parenthesized(expression)} holds, then validate the constraint (repairIntegrity with not_valid:${name}).`
      : `Correct these rows so that ${parenthesized(expression)} holds, then restore the constraint: npm run integrity:adopt adds it NOT VALID.`,
  });
  return {
    name: `check:${name}`,
    kind: CHECK.kind,
    severity: CHECK.severity!,
    table,
    constraint,
    // Until its expression is read, the texts show where it goes.
    ...texts('…'),
    async prepare(em) {
      if (proven) return { ...texts('…'), statement: () => NOTHING_FOUND };
      const expression = constraint ? await expressionOf(em, constraint) : (declared as { expression: string }).expression;
      const violations = checkViolations(graph, table, expression);
      const problem = constraint ? null : 'The entity declares this CHECK, but the database does not have it.';
      // A CHECK is of one row alone: only rows written since can newly break it.
      const pk = graph.primaryKeyOf(table);
      const changed = (scope: ChangeScope, carried: string) =>
        `select v.id from (${violations}) v where v.id in (${scope.touched(table, pk)} union ${carriedIds(carried)})`;
      return {
        ...texts(expression),
        statement: (limit) => countingStatement(violations, limit, problem),
        violations,
        scoped: { tables: [table], statement: (scope, carried, limit) => countingStatement(changed(scope, carried), limit, problem) },
      };
    },
  };
}

export const planCheckChecks: PlanChecks = async ({ graph, live, missingChecks, constraintKey }) => {
  const key = await constraintKey();
  return [
    ...(await live()).filter((c) => c.type === 'c').map((constraint) => checkCheck(graph, key(constraint), constraint.table, constraint)),
    ...(await missingChecks()).map((check) => checkCheck(graph, key(check), check.table, check)),
  ];
};
