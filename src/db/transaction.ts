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

export interface TransactionOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Base of the exponential backoff; each wait is a random fraction of base·2^attempt. */
  backoffMs: number;
  logger: Logger;
}

export const DEFAULT_TRANSACTION_OPTIONS = { attempts: 3, backoffMs: 25 } as const;

/**
 * Runs `work` in one database transaction on a fresh fork of `em` (a clean identity map,
 * so nothing of a failed attempt leaks into the next), flushes, commits. When PostgreSQL
 * reports a serialization failure, a deadlock, or a lost connection before COMMIT was
 * sent, the whole unit runs again on a new transaction, up to `attempts` times with
 * jittered backoff; then it fails as SERVICE_UNAVAILABLE, retryable, the last original
 * error kept as its cause for the log. A connection lost during COMMIT leaves the outcome
 * unknown and is never retried. Everything else is rethrown as it came.
 */
export async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>, options: TransactionOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = em.fork({ clear: true });
    let committing = false;
    try {
      await tx.begin();
      const result = await work(tx);
      await tx.flush();
      committing = true;
      await tx.commit();
      return result;
    } catch (error) {
      if (!committing) await tx.rollback().catch(() => undefined);
      const classified = error instanceof ClassifiedError ? undefined : classifyPgError(error);
      if (!classified || !TRANSIENT.has(classified.code)) throw error;
      if (committing && classified.code === ErrorCode.CONNECTION_LOST) {
        throw new ServiceUnavailableError(ErrorCode.COMMIT_OUTCOME_UNKNOWN, { cause: error });
      }
      const backoff = options.backoffMs * 2 ** attempt;
      if (attempt >= options.attempts) {
        throw new ServiceUnavailableError(ErrorCode.SERVICE_UNAVAILABLE, { retryAfterMs: backoff, cause: error, constraint: classified.constraint });
      }
      options.logger.warn({ attempt, code: classified.code, sqlState: sqlStateOf(error) }, 'transient database failure; retrying on a fresh transaction');
      await sleep(Math.random() * backoff);
    }
  }
}
