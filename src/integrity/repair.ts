import type { QueryResult } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { deleteGuardFor } from '../deletion/delete-guard';
import { AuditEntry } from '../entities/audit-entry.entity';
import { BusinessRuleViolation, NotFound } from '../errors/hotel-error';
import { InputCheck } from '../kernel/input-check';
import { actorLabel, type OperationContext } from '../kernel/operation-context';
import { type IntegrityCheck, IntegrityCheckKind, ident, planIntegrityChecks } from './integrity-checks';

export enum RepairActionKind {
  DELETE = 'DELETE',
  SET_NULL = 'SET_NULL',
  VALIDATE = 'VALIDATE',
}
registerEnumType(RepairActionKind, { name: 'RepairActionKind', description: 'What a repair does to rows or constraints.' });

export interface RepairAction {
  kind: RepairActionKind;
  table: string;
  /** SET_NULL: the column cleared. */
  column: string | null;
  /** VALIDATE: the constraint validated. */
  constraint: string | null;
  /** Rows deleted or cleared; for VALIDATE, the constraints validated. */
  count: number;
  description: string;
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
 */
async function assertCascadeWillFire(ctx: OperationContext, checks: readonly IntegrityCheck[], tables: readonly string[], where: string): Promise<void> {
  const [{ role }] = await ctx.em.execute<{ role: string }[]>(`select current_setting('session_replication_role') as role`);
  if (role === 'replica') {
    throw new BusinessRuleViolation(
      'repair_needs_triggers',
      `The session runs with session_replication_role = replica, under which PostgreSQL fires no foreign key actions; repair ${where} from a normal session.`,
    );
  }
  const broken: string[] = [];
  for (const check of checks) {
    if (check.kind !== IntegrityCheckKind.FK_RULE || !check.edge || !tables.includes(check.edge.parentTable) || check.edge.rule === 'RESTRICT') continue;
    const [row] = await ctx.em.execute<{ n: string }[]>(check.statement(0));
    if (Number(row.n) > 0) broken.push(check.name);
  }
  if (broken.length) {
    throw new BusinessRuleViolation(
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
    const { code, constraint, table } = error as { code?: string; constraint?: string; table?: string };
    if (code === '23514') {
      throw new BusinessRuleViolation(
        'repair_blocked_by_check',
        `The repair would change rows of ${table} that break the CHECK ${constraint}, not yet validated, and PostgreSQL checks every row it changes: correct those rows first (check:${constraint}), then repair again.`,
      );
    }
    if (code === '23503' || code === '23001') {
      throw new BusinessRuleViolation(
        'orphan_cascade_restricted',
        `A row that RESTRICTs the removal (${table}) was added since the repair counted: preview again with dryRun: true.`,
      );
    }
    throw error;
  }
}

/**
 * Orphans go as their relation's own rule says they would have gone with their parent:
 * SET NULL clears the reference; CASCADE deletes them and lets PostgreSQL cascade below
 * them, after counting exactly that with the delete guard; RESTRICT is never repaired
 * automatically (the row must not outlive its parent silently: a person decides).
 */
async function repairOrphans(ctx: OperationContext, check: IntegrityCheck, checks: readonly IntegrityCheck[], dryRun: boolean): Promise<RepairAction[]> {
  const edge = check.edge!;
  const where = `${edge.childTable}.${edge.column}`;
  const violations = check.violations!;
  const pk = ident(deleteGuardFor(ctx.em).graph.primaryKeyOf(edge.childTable));
  const orphans = `${pk} in (${violations})`;

  if (edge.rule === 'SET NULL') {
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
  if (edge.rule !== 'CASCADE') {
    const count = await countOf(ctx, violations);
    throw new BusinessRuleViolation(
      'orphan_not_repairable',
      `${rows(count)} of ${edge.childTable} ${count === 1 ? 'points' : 'point'} at missing ${edge.parentTable} rows through ${where}, ON DELETE ${edge.rule}. ${check.suggestedFix}`,
    );
  }

  // Locked first, so no payment or log line can be added under an orphan while it is counted and removed.
  if (!dryRun) await ctx.em.execute(`select 1 from ${ident(edge.childTable)} where ${orphans} for update`);
  const impact = await deleteGuardFor(ctx.em).impactOfSelection(ctx.em, edge.childTable, violations);
  if (impact.blockers.length) {
    const blockers = impact.blockers.map((b) => `${rows(b.count)} of ${b.table} (${b.column}; ids ${b.sampleIds.join(', ')})`).join('; ');
    throw new BusinessRuleViolation(
      'orphan_cascade_restricted',
      `Removing the orphans of ${where} would remove rows that others still RESTRICT: ${blockers}. Delete or reassign those rows first, then repair again.`,
    );
  }
  const tables = impact.deletes.map((entry) => entry.table);
  await assertCascadeWillFire(ctx, checks, tables, check.name);
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
async function validateConstraint(ctx: OperationContext, check: IntegrityCheck, dryRun: boolean): Promise<RepairAction[]> {
  const constraint = check.constraint!;
  if (constraint.validated) return [];
  const [{ n, ids }] = await ctx.em.execute<{ n: string; ids: string[] }[]>(
    `with v as materialized (${check.violations}) select count(*) as n, array(select v.id::text from v order by v.id limit 10) as ids from v`,
  );
  if (Number(n) > 0) {
    const first = constraint.type === 'f' ? `repair the orphan:${constraint.table}.${constraint.columns[0]} check` : 'correct those rows';
    throw new BusinessRuleViolation(
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

/**
 * Mends what one integrity check found, in the mutation's one transaction with one audit
 * entry: orphans by their relation's rule, NOT VALID constraints by validating them. A dry
 * run (the default) counts exactly what would be done and changes nothing.
 */
export async function repairIntegrity(ctx: OperationContext, command: RepairCommand): Promise<RepairOutcome> {
  const input = new InputCheck();
  const name = input.text('check', command.check, { max: 200 });
  const reason = input.text('reason', command.reason, { max: 1000 });
  input.done();
  const dryRun = command.dryRun ?? true;

  const checks = await planIntegrityChecks(ctx.em);
  const check = checks.find((candidate) => candidate.name === name);
  if (!check) throw new NotFound('IntegrityCheck', name!, `No integrity check is named ${name}; integrityReport lists them all.`);

  await check.prepare?.(ctx.em);
  let actions: RepairAction[];
  if (check.kind === IntegrityCheckKind.ORPHAN) actions = await repairOrphans(ctx, check, checks, dryRun);
  else if (check.kind === IntegrityCheckKind.NOT_VALID) actions = await validateConstraint(ctx, check, dryRun);
  else
    throw new BusinessRuleViolation(
      'integrity_repairable',
      `${check.name} has no automatic repair (only orphan: and not_valid: checks do). ${check.suggestedFix}`,
    );

  if (dryRun) return { check: check.name, dryRun, actions, audit: null };
  const audit = ctx.em.create(AuditEntry, {
    actor: actorLabel(ctx),
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
  return { check: check.name, dryRun, actions, audit };
}
