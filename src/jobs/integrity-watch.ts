import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import { initOrm, integrityConnectionOptions } from '../db/database';
import { IntegrityRunMode, IntegrityRunTrigger } from '../entities/integrity-run.entity';
import { classifyPgError } from '../errors/classify-pg-error';
import { RequestError } from '../errors/request-error';
import { type CheckProgress, type IntegrityFindings, type IntegrityReport, IntegrityRunUnderWay, runIntegrityReport } from '../integrity/integrity-report';
import { incrementalBase, type RunRequest, recordAbortedRun, recordIntegrityRun, runsSinceFull } from '../integrity/integrity-runs';
import type { Caller } from '../kernel/caller';
import type { Logger } from '../logging/logger';
import { sqlStateOf } from '../sql';

export interface WatchedRun {
  trigger: IntegrityRunTrigger;
  /** Where to run and record it: the request's EntityManager, the CLI's; absent, the watch's own connection. */
  em?: EntityManager;
  caller?: Caller | null;
  checks?: readonly string[] | null;
  sampleLimit?: number | null;
  /** Skipped with IntegrityRunUnderWay while another exclusive run holds the lock (the schedule's runs). */
  exclusive?: boolean;
  /**
   * Reads only what changed since the latest run of every check, where it can (a run of
   * every check only); with `fullEvery`, every that-many-th run of this trigger is full.
   * No base to start from: full.
   */
  incremental?: boolean | { fullEvery: number };
  onProgress?: (progress: CheckProgress) => void | Promise<void>;
}

/** What is told of a stored run: in the transaction that stores it, and after it committed. */
export interface RunListener {
  /** Writes what must land with the run or not at all (a notification of it). */
  withRecord?(tx: EntityManager, report: IntegrityReport, run: WatchedRun): Promise<void>;
  /** Acts on the run once stored (alerts); a failure here is logged and leaves the run stored. */
  afterRecorded?(report: IntegrityReport, run: WatchedRun): Promise<void>;
}

/**
 * Every integrity run goes through here, whoever starts it: it runs the report, stores it
 * in the history with each check's newlyFailing, and tells the listeners (the alerts). A
 * run that could not finish is stored ABORTED, with why; a request that names an unknown
 * check is no run at all, and is refused as before.
 */
export interface IntegrityWatch {
  run(run: WatchedRun): Promise<IntegrityReport>;
  /** Closes the watch's own connection; stop the scheduler first, which waits for its run. */
  close(): Promise<void>;
}

/** Why a run could not finish, in words safe to store and show (its error code's): the log has PostgreSQL's own. */
function abortReason(error: unknown): string {
  const classified = classifyPgError(error);
  if (classified) return `Could not finish: ${classified.code}, ${classified.message} The log has the details.`;
  const state = sqlStateOf(error);
  return state
    ? `Could not finish: PostgreSQL answered error ${state}; the log has the details.`
    : 'Could not finish: an unexpected error; the log has the details.';
}

/** Whether this run is to read only the changes: asked for, of every check, and not the run of the trigger that is due in full. */
async function wantsIncremental(em: EntityManager, watched: WatchedRun): Promise<boolean> {
  if (!watched.incremental || watched.checks?.length) return false;
  if (watched.incremental === true) return true;
  const since = await runsSinceFull(em, watched.trigger);
  return since !== undefined && since + 1 < watched.incremental.fullEvery;
}

export function createIntegrityWatch(deps: { url: string; config: Config; logger: Logger; listeners?: readonly RunListener[] }): IntegrityWatch {
  const { config, logger } = deps;
  const listeners = deps.listeners ?? [];
  let own: Promise<MikroORM> | undefined;
  // The schedule's runs, on a connection of their own opened at the first: never a request's.
  const ownEm = async () => {
    own ??= initOrm(deps.url, logger, integrityConnectionOptions(config));
    return (await own).em;
  };

  const run = async (watched: WatchedRun): Promise<IntegrityReport> => {
    const em = watched.em ?? (await ownEm());
    const incremental = await wantsIncremental(em, watched);
    const request: RunRequest = {
      trigger: watched.trigger,
      mode: incremental ? IntegrityRunMode.INCREMENTAL : IntegrityRunMode.FULL,
      caller: watched.caller ?? null,
      selection: watched.checks,
    };
    const startedAt = new Date();
    let report: IntegrityReport;
    let findings: IntegrityFindings;
    try {
      findings = await runIntegrityReport(em, {
        checks: watched.checks,
        sampleLimit: watched.sampleLimit,
        statementTimeoutMs: config.integrityStatementTimeoutMs,
        parallelWorkers: config.integrityParallelWorkers,
        logger,
        onProgress: watched.onProgress,
        exclusive: watched.exclusive,
        since: incremental ? (tx) => incrementalBase(tx, config.integrityRunRetentionMs) : undefined,
      });
      request.mode = findings.since ? IntegrityRunMode.INCREMENTAL : IntegrityRunMode.FULL;
      report = await recordIntegrityRun(em, request, findings, async (tx, stored) => {
        for (const listener of listeners) await listener.withRecord?.(tx, stored, watched);
      });
    } catch (error) {
      if (error instanceof RequestError || error instanceof IntegrityRunUnderWay) throw error;
      logger.error({ err: error, trigger: watched.trigger }, 'integrity run could not finish');
      await recordAbortedRun(em, request, startedAt, abortReason(error)).catch((cause) =>
        logger.warn({ err: cause }, 'could not store the aborted integrity run either'),
      );
      throw error;
    }
    const failing = report.checks.filter((check) => !check.passed);
    logger.info(
      {
        runId: report.runId,
        trigger: watched.trigger,
        ok: report.ok,
        durationMs: report.durationMs,
        mode: request.mode,
        ...(findings.since ? { base: findings.since.runId, checksOnChanges: findings.checks.filter((check) => check.onChanges).length } : {}),
        failing: failing.length,
        newlyFailing: failing.filter((check) => check.newlyFailing).map((check) => check.name),
      },
      'integrity run recorded',
    );
    for (const listener of listeners) {
      await listener.afterRecorded?.(report, watched).catch((error) => logger.warn({ err: error, runId: report.runId }, 'integrity run listener failed'));
    }
    return report;
  };

  return {
    run,
    close: async () => {
      if (own) await (await own).close();
    },
  };
}
