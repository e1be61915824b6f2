import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SAMPLE_SIZE } from '../deletion/delete-impact';
import { MAX_CARRIED_IDS, MAX_STORED_SAMPLE_IDS } from '../entities/integrity-run-check.entity';
import { classifyPgError } from '../errors/classify-pg-error';
import { ErrorCode, ErrorSeverity } from '../errors/error-code';
import { RequestError } from '../errors/request-error';
import type { Logger } from '../logging/logger';
import { sqlStateOf } from '../sql';
import { type ChangeScope, carriedSet, changeScope, trustedTables } from './changes';
import { type IntegrityCheck, IntegrityCheckKind, type PreparedCheck } from './checks/integrity-check';
import { planIntegrityChecks, selectChecks } from './checks/plan';

export const DEFAULT_SAMPLE_LIMIT = SAMPLE_SIZE;
/** A report asks for no more sample ids than its stored run keeps. */
export const MAX_SAMPLE_LIMIT = MAX_STORED_SAMPLE_IDS;

/** What a check found, as a report answers it and as a run stores it: fields its GraphQL types inherit. It is in no field's type, so the schema leaves it out. */
@ObjectType()
export abstract class CheckOutcome {
  @Field(() => String, {
    description:
      'orphan:<table>.<column>, fk_rule:<table>.<column>, unindexed_fk:<table>.<column>, not_valid:<constraint>, check:<constraint>, trigger:<table>.<trigger> or rule:<name>.',
  })
  name!: string;

  @Field(() => IntegrityCheckKind, { description: 'What the check looks at.' })
  kind!: IntegrityCheckKind;

  @Field(() => ErrorSeverity, { description: 'How bad a failure of this check is.' })
  severity!: ErrorSeverity;

  @Field(() => Boolean, { description: 'Whether it found nothing wrong.' })
  passed!: boolean;

  @Field(() => Int, { description: 'Rows that break the rule; for fk_rule, unindexed_fk and trigger, 1 when the constraint, index or trigger is wrong.' })
  violationCount!: number;

  @Field(() => [ID], {
    description: 'Primary keys of up to sampleLimit violating rows, lowest first; the check’s description (IntegrityCheckResult) says of which table.',
  })
  sampleIds!: string[];

  @Field(() => Int, { description: 'How long the check ran, in milliseconds.' })
  durationMs!: number;

  @Field(() => String, { nullable: true, description: 'Why the check could not run (it timed out or failed); it then counts as failed.' })
  error!: string | null;

  @Field(() => Boolean, {
    description:
      'Failing now, and passing (or not run) in the latest earlier run that ran it (integrityRuns): a failure to look at, not one already known. A CRITICAL or HIGH one raises an alert (CRITICAL_ERROR_ALERTS).',
  })
  newlyFailing!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'The outcome of one integrity check.' })
export class IntegrityCheckResult extends CheckOutcome {
  @Field(() => String, { description: 'What the check looks for, and of which table sampleIds are.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'What to do about it; null when the check passed.' })
  suggestedFix!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Whether the hotel’s data is sound: every check read one snapshot of the database.' })
export class IntegrityReport {
  @Field(() => ID, { description: 'The run as the history keeps it: integrityRun(id).' })
  runId!: string;

  @Field(() => Boolean, { description: 'True when every check passed.' })
  ok!: boolean;

  @Field(() => Date, { description: 'When the report’s snapshot was taken.' })
  generatedAt!: Date;

  @Field(() => Int, { description: 'How long the whole report took, in milliseconds.' })
  durationMs!: number;

  @Field(() => [IntegrityCheckResult], { description: 'Each check run, failing or passing, in run order.' })
  checks!: IntegrityCheckResult[];
}

/** A check's result as a run finds it, before the history says whether it is newly failing. */
export type CheckFinding = Omit<IntegrityCheckResult, 'newlyFailing'> & {
  /** Whether it read only what the changes since the base touched (an incremental run). */
  onChanges: boolean;
  /** Every violating id, for the next incremental run; null when more than MAX_CARRIED_IDS, or the check could not run or checks no rows. */
  carriedIds: string[] | null;
};

/** What one run of the checks found, before it is stored (integrity-runs.ts turns it into an IntegrityReport). */
export interface IntegrityFindings extends Omit<IntegrityReport, 'runId' | 'checks'> {
  checks: CheckFinding[];
  /** The xmin of the run's snapshot: the base of the next incremental run. */
  snapshotXmin: string;
  /** Set when the run read the changes since this base. */
  since?: IncrementalBase;
}

/** What an incremental run starts from: a stored run of every check, its snapshot's xmin, and the violating ids of each of its checks that kept them. */
export interface IncrementalBase {
  runId: string;
  snapshotXmin: string;
  carried: ReadonlyMap<string, readonly string[]>;
}

/** Another run holding the lock of exclusive runs: this one did not start. */
export class IntegrityRunUnderWay extends Error {
  constructor() {
    super('another exclusive integrity run is under way');
  }
}

/** Arbitrary, fixed: the advisory lock an exclusive run holds for the life of its snapshot. */
export const EXCLUSIVE_RUN_LOCK_KEY = 7_340_164;

export interface CheckProgress {
  /** 0-based position of the check among those selected. */
  index: number;
  total: number;
  check: IntegrityCheck;
  /** Absent when the check is about to run. */
  result?: CheckFinding;
  /** The error behind `result.error`, for operators' eyes only (logs, the CLI). */
  cause?: unknown;
}

export interface IntegrityReportOptions {
  /** Names or prefixes (see selectChecks); none: every check. */
  checks?: readonly string[] | null;
  sampleLimit?: number | null;
  /** Each check's own statement timeout. */
  statementTimeoutMs: number;
  /**
   * max_parallel_workers_per_gather for the checks; default 0. A report runs beside the
   * live workload and should not take its cores; and on a small machine the serial plans
   * (merge joins over the foreign key indexes) are the faster ones anyway.
   */
  parallelWorkers?: number;
  logger?: Logger;
  /** Called before and after each check; awaited, so the checks wait for it. */
  onProgress?: (progress: CheckProgress) => void | Promise<void>;
  /**
   * Runs only while no other exclusive run does, in any process: it holds an advisory lock
   * for its snapshot's life, and throws IntegrityRunUnderWay at once when another holds it.
   * The schedule's runs are exclusive, so an interval shorter than a run never stacks them.
   */
  exclusive?: boolean;
  /**
   * An incremental run: reads its base in the run's own snapshot (so the changes the base
   * needs are there: the sweep keeps those of the latest base it sees), and the checks that
   * can read only the rows the changes since it touch (plus what it found) do; the others
   * run in full. No base: a full run. See changes.ts.
   */
  since?: (tx: EntityManager) => Promise<IncrementalBase | undefined>;
}

/** Rejects an out-of-range sample limit with a clear message instead of clamping it, as `first` does. */
export function sampleLimitOf(value: number | null | undefined): number {
  const limit = value ?? DEFAULT_SAMPLE_LIMIT;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_SAMPLE_LIMIT) {
    throw new RequestError(`sampleLimit must be between 0 and ${MAX_SAMPLE_LIMIT}, got ${limit}`);
  }
  return limit;
}

interface CheckRow {
  n: string | number;
  ids: string[];
  problem: string | null;
  /** Checks of rows: every violating id up to one more than MAX_CARRIED_IDS. */
  carried?: string[];
}

/** Why a check did not run, safe to show: PostgreSQL's own message stays in the log (and the CLI's stderr). */
function reasonFor(error: unknown, timeoutMs: number): string {
  if (classifyPgError(error)?.code === ErrorCode.STATEMENT_TIMEOUT)
    return `Did not finish within its statement timeout of ${timeoutMs} ms (INTEGRITY_STATEMENT_TIMEOUT_MS).`;
  const code = sqlStateOf(error);
  return code
    ? `Could not run: PostgreSQL refused the statement with error ${code}; the log has the details.`
    : 'Could not run: an unexpected error; the log has the details.';
}

/** How a check is to run: in full, or over the changes since a base (the scope, and the ids the base found). */
type CheckRun = { scope: ChangeScope; trusted: ReadonlySet<string>; carried: ReadonlyMap<string, readonly string[]> } | undefined;

/** The statement a check sends: over the changes when it has a scoped form, every table it reads is trusted, and its base result is known. */
function statementOf(prepared: PreparedCheck, name: string, sampleLimit: number, run: CheckRun): { statement: string; onChanges: boolean } {
  const carried = run?.carried.get(name);
  if (run && prepared.scoped && carried && prepared.scoped.tables.every((table) => run.trusted.has(table))) {
    return { statement: prepared.scoped.statement(run.scope, carriedSet(carried), sampleLimit), onChanges: true };
  }
  return { statement: prepared.statement(sampleLimit), onChanges: false };
}

/**
 * Runs one check in its own savepoint with its own statement timeout: a check that fails
 * or times out rolls back to the savepoint (a failed statement would otherwise abort the
 * whole transaction) and is reported as failed with the reason; the next one still runs.
 */
async function runCheck(tx: EntityManager, check: IntegrityCheck, sampleLimit: number, timeoutMs: number, run: CheckRun) {
  const started = performance.now();
  const base = { name: check.name, kind: check.kind, severity: check.severity, description: check.description };
  // One round trip for both: the statements are sent as one simple query.
  await tx.execute(`savepoint integrity_check; set local statement_timeout = ${Math.trunc(timeoutMs)}`, [], 'run');
  try {
    const prepared = await check.prepare(tx);
    const { statement, onChanges } = statementOf(prepared, check.name, sampleLimit, run);
    const [row] = await tx.execute<CheckRow[]>(statement);
    await tx.execute('release savepoint integrity_check', [], 'run');
    const violationCount = Number(row.n);
    const passed = violationCount === 0 && row.problem === null;
    const result: CheckFinding = {
      ...base,
      description: row.problem ? `${prepared.description} ${row.problem}` : prepared.description,
      passed,
      violationCount,
      sampleIds: row.ids,
      suggestedFix: passed ? null : prepared.suggestedFix,
      durationMs: Math.round(performance.now() - started),
      error: null,
      onChanges,
      carriedIds: row.carried && row.carried.length <= MAX_CARRIED_IDS ? row.carried : null,
    };
    return { result };
  } catch (cause) {
    await tx.execute('rollback to savepoint integrity_check; release savepoint integrity_check', [], 'run');
    const result: CheckFinding = {
      ...base,
      passed: false,
      violationCount: 0,
      sampleIds: [],
      suggestedFix: `Run it alone (checks: ["${check.name}"]) when the database is quieter, or raise INTEGRITY_STATEMENT_TIMEOUT_MS. ${check.suggestedFix}`,
      durationMs: Math.round(performance.now() - started),
      error: reasonFor(cause, timeoutMs),
      onChanges: false,
      carriedIds: null,
    };
    return { result, cause };
  }
}

/**
 * The integrity report: every selected check, each one set-based statement, all reading
 * one snapshot (a read-only REPEATABLE READ transaction on a connection of its own), so
 * the counts agree with each other however busy the hotel is. It never changes data.
 */
export async function runIntegrityReport(em: EntityManager, options: IntegrityReportOptions): Promise<IntegrityFindings> {
  const sampleLimit = sampleLimitOf(options.sampleLimit);
  const generatedAt = new Date();
  const started = performance.now();
  let snapshotXmin = '';
  let base: IncrementalBase | undefined;
  const checks = await em.fork({ clear: true }).transactional(
    async (tx) => {
      await tx.execute(`set local max_parallel_workers_per_gather = ${Math.trunc(options.parallelWorkers ?? 0)}`, [], 'run');
      if (options.exclusive) {
        const [{ locked }] = await tx.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(${EXCLUSIVE_RUN_LOCK_KEY}) as locked`);
        if (!locked) throw new IntegrityRunUnderWay();
      }
      const [{ xmin }] = await tx.execute<{ xmin: string }[]>('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin');
      snapshotXmin = xmin;
      let run: CheckRun;
      base = await options.since?.(tx);
      if (base) {
        const trusted = await trustedTables(tx, base.snapshotXmin);
        run = { trusted, scope: changeScope(base.snapshotXmin, trusted), carried: base.carried };
      }
      const selected = selectChecks(await planIntegrityChecks(tx), options.checks);
      const results: CheckFinding[] = [];
      for (const [index, check] of selected.entries()) {
        await options.onProgress?.({ index, total: selected.length, check });
        const { result, cause } = await runCheck(tx, check, sampleLimit, options.statementTimeoutMs, run);
        if (cause) options.logger?.warn({ err: cause, check: check.name }, 'integrity check could not run');
        results.push(result);
        await options.onProgress?.({ index, total: selected.length, check, result, cause });
      }
      return results;
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
  return {
    ok: checks.every((check) => check.passed),
    generatedAt,
    durationMs: Math.round(performance.now() - started),
    checks,
    snapshotXmin,
    ...(base ? { since: base } : {}),
  };
}
