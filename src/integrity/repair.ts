import type { QueryResult } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { deleteGuardFor } from '../deletion/delete-guard';
import { SAMPLE_SIZE } from '../deletion/delete-impact';
import { AuditEntry } from '../entities/audit-entry.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { audit } from '../kernel/audit';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { ident, isCheckViolation, isForeignKeyViolation, pgFields } from '../sql';
import { BUSINESS_RULES, type BusinessRule } from './business-rules';
import { fkRuleCheck } from './checks/fk-rule';
import { type IntegrityCheck, IntegrityCheckKind, kindPrefix, type PreparedCheck } from './checks/integrity-check';
import { findCheck } from './checks/plan';

export enum RepairActionKind {
  DELETE = 'DELETE',
  SET_NULL = 'SET_NULL',
  VALIDATE = 'VALIDATE',
  REBUILD = 'REBUILD',
}
export const REPAIR_ACTION_KIND_MEANINGS: Readonly<Record<RepairActionKind, string>> = {
  DELETE: 'Orphan rows deleted, their relation being ON DELETE CASCADE.',
  SET_NULL: 'The dangling reference of orphan rows cleared, their relation being ON DELETE SET NULL.',
  VALIDATE: 'A NOT VALID constraint validated, no row violating it.',
  REBUILD: 'Rows the database derives (the room-type inventory) written again from their sources.',
};

@ObjectType({ simpleResolvers: true, description: 'One thing a repair does (or, on a dry run, would do).' })
export class RepairAction {
  @Field(() => RepairActionKind, { description: 'What was (or would be) done.' })
  kind!: RepairActionKind;

  @Field(() => String, { description: 'The table acted on.' })
  table!: string;

  @Field(() => String, { nullable: true, description: 'SET_NULL: the column cleared.' })
  column!: string | null;

  @Field(() => String, { nullable: true, description: 'VALIDATE: the constraint validated.' })
  constraint!: string | null;

  @Field(() => Int, { description: 'Rows deleted or cleared; for VALIDATE, constraints validated; for REBUILD, the rows found wrong and written again.' })
  count!: number;

  @Field(() => String, { description: 'What was (or would be) done, in words.' })
  description!: string;
}

export interface RepairCommand {
  check: string;
  /** Default true: report what would be done and change nothing. */
  dryRun?: boolean | null;
  reason?: string | null;
}

export interface RepairOutcome {
  check: string;
  dryRun: boolean;
  actions: RepairAction[];
  /** Null on a dry run. */
  audit: AuditEntry | null;
}

const rows = (count: number) => `${count} row${count === 1 ? '' : 's'}`;

/** The audit column is 60 characters; a longer check name is kept whole in the details. */
const ENTITY_ID_LENGTH = 60;

async function countOf(ctx: OperationContext, query: string): Promise<number> {
  const [{ n }] = await ctx.em.execute<{ n: string }[]>(`select count(*) as n from (${query}) q`);
  return Number(n);
}

/**
 * PostgreSQL carries the cascade below the orphans: that needs its foreign key triggers to
 * fire (not so under session_replication_role = replica) and, on every relation out of a
 * table the repair removes rows from, a live foreign key with the declared ON DELETE (a NOT
 * VALID one fires like any other). Where one is missing the cascade would silently stop
 * there and leave new orphans behind, so the repair refuses and says what to restore.
 * Relations that block need no look: the guard counted no row under them.
 */
async function assertCascadeWillFire(ctx: OperationContext, tables: readonly string[], where: string): Promise<void> {
  const [{ role }] = await ctx.em.execute<{ role: string }[]>(`select current_setting('session_replication_role') as role`);
  if (role === 'replica') {
    throw new BusinessRuleError(
      'repair_needs_triggers',
      `The session runs with session_replication_role = replica, under which PostgreSQL fires no foreign key actions; repair ${where} from a normal session.`,
    );
  }
  const broken: string[] = [];
  const graph = deleteGuardFor(ctx.em).graph;
  for (const edge of graph.edges.filter((candidate) => tables.includes(candidate.parentTable) && candidate.rule.effect !== 'block')) {
    const check = fkRuleCheck(edge);
    const [row] = await ctx.em.execute<{ n: string }[]>((await check.prepare(ctx.em)).statement(0));
    if (Number(row.n) > 0) broken.push(check.name);
  }
  if (broken.length) {
    throw new BusinessRuleError(
      'repair_needs_foreign_keys',
      `Repairing ${where} relies on PostgreSQL's cascades, but ${broken.join(', ')} fail${broken.length === 1 ? 's' : ''}: ` +
        'restore those foreign keys as declared first (npm run integrity:adopt adds missing ones NOT VALID), then repair again.',
    );
  }
}

/**
 * The statements of a repair that PostgreSQL can still refuse, turned into what to do: a
 * row it changes (a SET NULL, here or by cascade) that breaks a CHECK not yet validated,
 * which PostgreSQL checks again on every row it writes; or a RESTRICTing row committed
 * since the count.
 */
async function explainRefusal<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { constraint, table } = pgFields(error) ?? {};
    if (isCheckViolation(error)) {
      throw new BusinessRuleError(
        'repair_blocked_by_check',
        `The repair would change rows of ${table} that break the CHECK ${constraint}, not yet validated, and PostgreSQL checks every row it changes: correct those rows first (check:${constraint}), then repair again.`,
      );
    }
    if (isForeignKeyViolation(error)) {
      throw new BusinessRuleError(
        'orphan_cascade_restricted',
        `A row that RESTRICTs the removal (${table}) was added since the repair counted: preview again with dryRun: true.`,
      );
    }
    throw error;
  }
}

/**
 * Orphans go as their relation's own rule says they would have gone with their parent: a
 * rule that clears the reference clears it; one that deletes deletes them and lets
 * PostgreSQL cascade below them, after counting exactly that with the delete guard; one
 * that blocks is never repaired automatically (the row must not outlive its parent
 * silently: a person decides).
 */
async function repairOrphans(ctx: OperationContext, check: IntegrityCheck, prepared: PreparedCheck, dryRun: boolean): Promise<RepairAction[]> {
  const edge = check.edge!;
  const where = `${edge.childTable}.${edge.column}`;
  const violations = prepared.violations!;
  const guard = deleteGuardFor(ctx.em);
  const orphans = `${ident(guard.graph.primaryKeyOf(edge.childTable))} in (${violations})`;

  if (edge.rule.effect === 'block') {
    const count = await countOf(ctx, violations);
    throw new BusinessRuleError(
      'orphan_not_repairable',
      `${rows(count)} of ${edge.childTable} ${count === 1 ? 'points' : 'point'} at missing ${edge.parentTable} rows through ${where}, ON DELETE ${edge.rule.name}. ${prepared.suggestedFix}`,
    );
  }
  if (edge.rule.effect === 'nullify') {
    const count = dryRun
      ? await countOf(ctx, violations)
      : await explainRefusal(
          async () =>
            (await ctx.em.execute<QueryResult>(`update ${ident(edge.childTable)} set ${ident(edge.column)} = null where ${orphans}`, [], 'run')).affectedRows,
        );
    return [
      {
        kind: RepairActionKind.SET_NULL,
        table: edge.childTable,
        column: edge.column,
        constraint: null,
        count,
        description: `Clear ${where} on ${rows(count)} whose ${edge.parentTable} row is missing.`,
      },
    ];
  }

  // Locked first, so no payment or log line can be added under an orphan while it is counted and removed.
  if (!dryRun) await ctx.em.execute(`select 1 from ${ident(edge.childTable)} where ${orphans} for update`);
  const impact = await guard.impactOfSelection(ctx.em, edge.childTable, violations);
  if (impact.blockers.length) {
    const blockers = impact.blockers.map((b) => `${rows(b.count)} of ${b.table} (${b.column}; ids ${b.sampleIds.join(', ')})`).join('; ');
    throw new BusinessRuleError(
      'orphan_cascade_restricted',
      `Removing the orphans of ${where} would remove rows that others still RESTRICT: ${blockers}. Delete or reassign those rows first, then repair again.`,
    );
  }
  await assertCascadeWillFire(
    ctx,
    impact.deletes.map((entry) => entry.table),
    check.name,
  );
  if (!dryRun) await explainRefusal(() => ctx.em.execute(`delete from ${ident(edge.childTable)} where ${orphans}`, [], 'run'));
  return [
    ...impact.deletes.map((entry) => ({
      kind: RepairActionKind.DELETE,
      table: entry.table,
      column: null,
      constraint: null,
      count: entry.count,
      description:
        entry.table === edge.childTable
          ? `Delete ${rows(entry.count)} of ${entry.table}: the orphans of ${where} (and any of their own that cascade).`
          : `Delete ${rows(entry.count)} of ${entry.table} by CASCADE.`,
    })),
    ...impact.nullifies.map((entry) => ({
      kind: RepairActionKind.SET_NULL,
      table: entry.table,
      column: entry.column,
      constraint: null,
      count: entry.count,
      description: `Clear ${entry.table}.${entry.column} on ${rows(entry.count)} by SET NULL.`,
    })),
  ];
}

/** VALIDATE CONSTRAINT, once nothing violates it; otherwise a refusal that says which rows to repair first. */
async function validateConstraint(ctx: OperationContext, check: IntegrityCheck, prepared: PreparedCheck, dryRun: boolean): Promise<RepairAction[]> {
  const constraint = check.constraint!;
  if (constraint.validated) return [];
  const [{ n, ids }] = await ctx.em.execute<{ n: string; ids: string[] }[]>(
    `with v as materialized (${prepared.violations}) select count(*) as n, array(select v.id::text from v order by v.id limit ${SAMPLE_SIZE}) as ids from v`,
  );
  if (Number(n) > 0) {
    const first = constraint.type === 'f' ? `repair the orphan:${constraint.table}.${constraint.columns[0]} check` : 'correct those rows';
    throw new BusinessRuleError(
      'constraint_violated',
      `${rows(Number(n))} of ${constraint.table} (ids ${ids.join(', ')}${Number(n) > ids.length ? ', …' : ''}) ${Number(n) === 1 ? 'breaks' : 'break'} ${constraint.name}, so it cannot be validated yet: ${first}, then validate again.`,
    );
  }
  if (!dryRun) await ctx.em.execute(`alter table ${ident(constraint.table)} validate constraint ${ident(constraint.name)}`, [], 'run');
  return [
    {
      kind: RepairActionKind.VALIDATE,
      table: constraint.table,
      column: null,
      constraint: constraint.name,
      count: 1,
      description: `Validate ${constraint.name} of ${constraint.table}: no row violates it.`,
    },
  ];
}

type Rebuild = NonNullable<BusinessRule['rebuild']>;

/** How a rule: check's table is derived again, if it is over a derived table. */
const rebuildOf = (check: IntegrityCheck): Rebuild | undefined =>
  check.kind === IntegrityCheckKind.RULE
    ? BUSINESS_RULES.find((rule) => `${kindPrefix(IntegrityCheckKind.RULE)}${rule.name}` === check.name)?.rebuild
    : undefined;

/** A rule over a table the database derives is mended by deriving it again, in the repair's transaction: the count is what the check found wrong. */
async function rebuildDerived(ctx: OperationContext, rebuild: Rebuild, prepared: PreparedCheck, dryRun: boolean): Promise<RepairAction[]> {
  const { table, statements, description } = rebuild;
  const count = await countOf(ctx, prepared.violations!);
  if (!dryRun) for (const statement of statements) await ctx.em.execute(statement, [], 'run');
  return [{ kind: RepairActionKind.REBUILD, table, column: null, constraint: null, count, description: `${description}: ${rows(count)} found wrong.` }];
}

/**
 * Mends what one integrity check found, in the mutation's one transaction with one audit
 * entry: orphans by their relation's rule, NOT VALID constraints by validating them. A dry
 * run (the default) counts exactly what would be done and changes nothing.
 */
export const repairIntegrity = operation([BusinessRuleError, NotFoundError], async (ctx, command: RepairCommand): Promise<RepairOutcome> => {
  const input = new InputCheck();
  const name = input.text('check', command.check, { max: 200 });
  const reason = input.text('reason', command.reason, { max: 1000 });
  input.done();
  const dryRun = command.dryRun ?? true;

  const check = await findCheck(ctx.em, name!);
  if (!check) throw new NotFoundError('IntegrityCheck', name!, `No integrity check is named ${name}; integrityReport lists them all.`);

  const prepared = await check.prepare(ctx.em);
  let actions: RepairAction[];
  if (check.kind === IntegrityCheckKind.ORPHAN) actions = await repairOrphans(ctx, check, prepared, dryRun);
  else if (check.kind === IntegrityCheckKind.NOT_VALID) actions = await validateConstraint(ctx, check, prepared, dryRun);
  else if (rebuildOf(check)) actions = await rebuildDerived(ctx, rebuildOf(check)!, prepared, dryRun);
  else
    throw new BusinessRuleError(
      'integrity_repairable',
      `${check.name} has no automatic repair (only orphan:, not_valid: and derived rule: checks do). ${prepared.suggestedFix}`,
    );

  if (dryRun) return { check: check.name, dryRun, actions, audit: null };
  const entry = audit(ctx, {
    action: 'REPAIR',
    entity: 'INTEGRITY',
    entityId: check.name.slice(0, ENTITY_ID_LENGTH),
    reason: reason ?? null,
    details: {
      check: check.name,
      kind: check.kind,
      actions: actions.map(({ kind, table, column, constraint, count }) => ({ kind, table, column, constraint, count })),
    },
  });
  return { check: check.name, dryRun, actions, audit: entry };
});
