import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SAMPLE_SIZE } from '../deletion/delete-impact';
import { classifyPgError } from '../errors/classify-pg-error';
import { ErrorCode, ErrorSeverity } from '../errors/error-code';
import { RequestError } from '../errors/request-error';
import type { Logger } from '../logging/logger';
import { sqlStateOf } from '../sql';
import { type IntegrityCheck, IntegrityCheckKind } from './checks/integrity-check';
import { planIntegrityChecks, selectChecks } from './checks/plan';

export const DEFAULT_SAMPLE_LIMIT = SAMPLE_SIZE;
export const MAX_SAMPLE_LIMIT = 100;

@ObjectType({ simpleResolvers: true, description: 'The outcome of one integrity check.' })
export class IntegrityCheckResult {
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

  @Field(() => [ID], { description: 'Primary keys of up to sampleLimit violating rows, lowest first; the description says of which table.' })
  sampleIds!: string[];

  @Field(() => String, { description: 'What the check looks for, and of which table sampleIds are.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'What to do about it; null when the check passed.' })
  suggestedFix!: string | null;

  @Field(() => Int, { description: 'How long the check ran, in milliseconds.' })
  durationMs!: number;

  @Field(() => String, { nullable: true, description: 'Why the check could not run (it timed out or failed); it then counts as failed.' })
  error!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Whether the hotel’s data is sound: every check read one snapshot of the database.' })
export class IntegrityReport {
  @Field(() => Boolean, { description: 'True when every check passed.' })
  ok!: boolean;

  @Field(() => Date, { description: 'When the report’s snapshot was taken.' })
  generatedAt!: Date;

  @Field(() => Int, { description: 'How long the whole report took, in milliseconds.' })
  durationMs!: number;

  @Field(() => [IntegrityCheckResult], { description: 'Each check run, failing or passing, in run order.' })
  checks!: IntegrityCheckResult[];
}

export interface CheckProgress {
  /** 0-based position of the check among those selected. */
  index: number;
  total: number;
  check: IntegrityCheck;
  /** Absent when the check is about to run. */
  result?: IntegrityCheckResult;
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

/**
 * Runs one check in its own savepoint with its own statement timeout: a check that fails
 * or times out rolls back to the savepoint (a failed statement would otherwise abort the
 * whole transaction) and is reported as failed with the reason; the next one still runs.
 */
async function runCheck(tx: EntityManager, check: IntegrityCheck, sampleLimit: number, timeoutMs: number) {
  const started = performance.now();
  const base = { name: check.name, kind: check.kind, severity: check.severity, description: check.description };
  // One round trip for both: the statements are sent as one simple query.
  await tx.execute(`savepoint integrity_check; set local statement_timeout = ${Math.trunc(timeoutMs)}`, [], 'run');
  try {
    const prepared = await check.prepare(tx);
    const [row] = await tx.execute<CheckRow[]>(prepared.statement(sampleLimit));
    await tx.execute('release savepoint integrity_check', [], 'run');
    const violationCount = Number(row.n);
    const passed = violationCount === 0 && row.problem === null;
    const result: IntegrityCheckResult = {
      ...base,
      description: row.problem ? `${prepared.description} ${row.problem}` : prepared.description,
      passed,
      violationCount,
      sampleIds: row.ids,
      suggestedFix: passed ? null : prepared.suggestedFix,
      durationMs: Math.round(performance.now() - started),
      error: null,
    };
    return { result };
  } catch (cause) {
    await tx.execute('rollback to savepoint integrity_check; release savepoint integrity_check', [], 'run');
    const result: IntegrityCheckResult = {
      ...base,
      passed: false,
      violationCount: 0,
      sampleIds: [],
      suggestedFix: `Run it alone (checks: ["${check.name}"]) when the database is quieter, or raise INTEGRITY_STATEMENT_TIMEOUT_MS. ${check.suggestedFix}`,
      durationMs: Math.round(performance.now() - started),
      error: reasonFor(cause, timeoutMs),
    };
    return { result, cause };
  }
}

/**
 * The integrity report: every selected check, each one set-based statement, all reading
 * one snapshot (a read-only REPEATABLE READ transaction on a connection of its own), so
 * the counts agree with each other however busy the hotel is. It never changes data.
 */
export async function runIntegrityReport(em: EntityManager, options: IntegrityReportOptions): Promise<IntegrityReport> {
  const sampleLimit = sampleLimitOf(options.sampleLimit);
  const generatedAt = new Date();
  const started = performance.now();
  const checks = await em.fork({ clear: true }).transactional(
    async (tx) => {
      await tx.execute(`set local max_parallel_workers_per_gather = ${Math.trunc(options.parallelWorkers ?? 0)}`, [], 'run');
      const selected = selectChecks(await planIntegrityChecks(tx), options.checks);
      const results: IntegrityCheckResult[] = [];
      for (const [index, check] of selected.entries()) {
        await options.onProgress?.({ index, total: selected.length, check });
        const { result, cause } = await runCheck(tx, check, sampleLimit, options.statementTimeoutMs);
        if (cause) options.logger?.warn({ err: cause, check: check.name }, 'integrity check could not run');
        results.push(result);
        await options.onProgress?.({ index, total: selected.length, check, result, cause });
      }
      return results;
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
  return { ok: checks.every((check) => check.passed), generatedAt, durationMs: Math.round(performance.now() - started), checks };
}
