import type { EntityManager } from '@mikro-orm/postgresql';
import type { LoginThrottle } from '../auth/login-throttle';
import type { Config } from '../config';
import type { Cancellation } from '../db/transaction';
import type { ErrorMonitor } from '../errors/error-monitor';
import type { IntegrityWatch } from '../jobs/integrity-watch';
import type { Caller } from '../kernel/caller';
import type { Logger } from '../logging/logger';
import type { Loaders } from './loaders';

/**
 * What every resolver and service sees of the request. `em` is the request's own fork;
 * inside a mutation it is that mutation's transaction.
 */
export interface GraphQLContext {
  em: EntityManager;
  loaders: Loaders;
  caller: Caller | null;
  /** Why a bearer token was not accepted, when one was sent. */
  authFailure: string | null;
  requestId: string;
  clientAddress: string;
  config: Config;
  logger: Logger;
  errorMonitor: ErrorMonitor;
  /** Runs the integrity report and keeps its history (integrityReport, integrityRuns). */
  integrity: IntegrityWatch;
  /** The count of failed logins every API process shares. */
  loginThrottle: LoginThrottle;
  /** The Idempotency-Key header, when sent: the mutation runs at most once per key. */
  idempotencyKey: string | null;
  /** Aborted at the request's deadline or when shutdown's grace runs out; a mutation's transaction then rolls back. */
  cancellation: Cancellation;
}
