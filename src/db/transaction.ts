import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClassifiedError } from '../errors/classified-error';
import { classifyPgError } from '../errors/classify-pg-error';
import { ErrorCode } from '../errors/error-code';
import { ServiceUnavailableError } from '../errors/service-unavailable-error';
import type { Logger } from '../logging/logger';
import { sqlStateOf } from '../sql';

/** What PostgreSQL says may succeed on a fresh transaction. */
const TRANSIENT = new Set<ErrorCode>([ErrorCode.SERIALIZATION_FAILURE, ErrorCode.DEADLOCK_DETECTED, ErrorCode.CONNECTION_LOST]);

/**
 * How a transaction is ended from outside before it commits: `signal` aborts (the request's
 * deadline passed, the process is stopping), its reason the error to answer with.
 */
export interface Cancellation {
  signal: AbortSignal;
  /** Cancels the statement the transaction's backend runs, from another connection. */
  cancelBackend(pid: number): Promise<void>;
}

export interface TransactionOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Base of the exponential backoff; each wait is a random fraction of base·2^attempt. */
  backoffMs: number;
  logger: Logger;
  cancellation?: Cancellation;
}

/** The PostgreSQL backend serving a transaction: knex holds one connection for it, node-postgres knows its pid. */
async function backendOf(tx: EntityManager): Promise<number | undefined> {
  const knexTransaction = tx.getTransactionContext() as { client?: { acquireConnection(): Promise<{ processID?: number }> } } | undefined;
  return (await knexTransaction?.client?.acquireConnection())?.processID;
}

/**
 * Watches `cancellation` for one attempt: on abort, before COMMIT was sent, the backend's
 * statement is cancelled. `settled()` waits for that cancel to have reached PostgreSQL, so
 * it can never land on a later statement of whoever gets the pooled connection next (a
 * cancel that finds the backend idle is ignored).
 */
function watch(cancellation: Cancellation | undefined, pid: number | undefined) {
  let committing = false;
  let cancelled: Promise<void> | undefined;
  const onAbort = () => {
    if (!committing && pid !== undefined) cancelled = cancellation!.cancelBackend(pid).catch(() => undefined);
  };
  cancellation?.signal.addEventListener('abort', onAbort, { once: true });
  return {
    /** The error to answer with, once aborted. */
    get reason(): unknown {
      return cancellation?.signal.aborted ? cancellation.signal.reason : undefined;
    },
    /** From here on COMMIT is sent and the transaction is no longer cancelled; throws the reason if it was aborted before. */
    async commit(): Promise<void> {
      committing = true;
      if (this.reason !== undefined) {
        await cancelled;
        throw this.reason;
      }
    },
    settled: () => cancelled,
    stop: () => cancellation?.signal.removeEventListener('abort', onAbort),
  };
}

export const DEFAULT_TRANSACTION_OPTIONS = { attempts: 3, backoffMs: 25 } as const;

/**
 * node-postgres refuses a query on a connection it already knows is broken without sending
 * it: a COMMIT refused so never reached PostgreSQL, and the transaction is known not to
 * have committed (its connection died with it), so it may run again.
 */
const NOT_SENT = /is not queryable/;
const neverSent = (error: unknown): boolean => error instanceof Error && NOT_SENT.test(error.message);

/**
 * knex ends a transaction itself when its connection fails under it (a backend terminated
 * while the connection sat in the pool, a restart), and refuses the next statement with
 * this. Before COMMIT it is a connection lost like any other: nothing was kept, run again.
 */
const ENDED_UNDER_IT = /Transaction query already complete/;
const endedUnderIt = (error: unknown): boolean => error instanceof Error && ENDED_UNDER_IT.test(error.message);

/**
 * Runs `work` in one database transaction on a fresh fork of `em` (a clean identity map,
 * so nothing of a failed attempt leaks into the next), flushes, commits. When PostgreSQL
 * reports a serialization failure, a deadlock, or a lost connection before COMMIT was
 * sent, the whole unit runs again on a new transaction, up to `attempts` times with
 * jittered backoff; then it fails as SERVICE_UNAVAILABLE, retryable, the last original
 * error kept as its cause for the log. A connection lost during COMMIT leaves the outcome
 * unknown and is never retried. Everything else is rethrown as it came. A `cancellation`
 * that aborts before COMMIT cancels the running statement and rolls back: the transaction
 * commits only when nothing has asked it to stop, and the caller answers with the reason.
 */
export async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>, options: TransactionOptions): Promise<T> {
  const { cancellation } = options;
  for (let attempt = 1; ; attempt++) {
    if (cancellation?.signal.aborted) throw cancellation.signal.reason;
    const tx = em.fork({ clear: true });
    let committing = false;
    let watcher: ReturnType<typeof watch> | undefined;
    try {
      await tx.begin();
      watcher = watch(cancellation, cancellation ? await backendOf(tx) : undefined);
      const result = await work(tx);
      await tx.flush();
      await watcher.commit();
      committing = true;
      await tx.commit();
      return result;
    } catch (error) {
      if (!committing) {
        await watcher?.settled();
        await tx.rollback().catch(() => undefined);
      }
      // Cancelled from outside before COMMIT: whatever the statement said, the answer is why, and no retry.
      if (!committing && watcher?.reason !== undefined) throw watcher.reason;
      const classified =
        error instanceof ClassifiedError
          ? undefined
          : !committing && endedUnderIt(error)
            ? { code: ErrorCode.CONNECTION_LOST, constraint: undefined }
            : classifyPgError(error);
      if (!classified || !TRANSIENT.has(classified.code)) throw error;
      if (committing && classified.code === ErrorCode.CONNECTION_LOST && !neverSent(error)) {
        throw new ServiceUnavailableError(ErrorCode.COMMIT_OUTCOME_UNKNOWN, { cause: error });
      }
      const backoff = options.backoffMs * 2 ** attempt;
      if (attempt >= options.attempts) {
        throw new ServiceUnavailableError(ErrorCode.SERVICE_UNAVAILABLE, { retryAfterMs: backoff, cause: error, constraint: classified.constraint });
      }
      options.logger.warn({ attempt, code: classified.code, sqlState: sqlStateOf(error) }, 'transient database failure; retrying on a fresh transaction');
      await sleep(Math.random() * backoff);
    } finally {
      watcher?.stop();
    }
  }
}
