import path from 'node:path';

/** Everything the process reads from its environment, parsed once at start. */
export interface Config {
  /** Unset: an embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  nodeEnv: string;
  bootstrapAdminToken: string | undefined;
  /** Longest stay a booking may cover. */
  maxStayNights: number;
  /** Classified errors of one kind in one window above which an alert line is logged. */
  errorFrequencyThreshold: number;
  errorFrequencyWindowMs: number;
  /** Lets internal error details through to clients; for local debugging only. */
  exposeErrorDetails: boolean;
  /** Currency of room rates and payments. */
  currency: string;
  /** How long a session token from `login` stays valid. */
  sessionTtlMs: number;
  /** Failed logins allowed per email address and per client address within `loginFailureWindowMs`. */
  loginMaxFailuresPerEmail: number;
  loginMaxFailuresPerAddress: number;
  loginFailureWindowMs: number;
  /** Longest one integrity check may run before it is reported as failed and the next runs. */
  integrityStatementTimeoutMs: number;
  /** Parallel workers one integrity check may use; 0 keeps the report to one core, off the live workload's. */
  integrityParallelWorkers: number;
  /** How long, after SIGTERM, requests already running may take before they are cancelled and rolled back. */
  shutdownGraceMs: number;
  /** The whole-request deadline: past it, the request's work is cancelled and it answers REQUEST_TIMEOUT. */
  requestTimeoutMs: number;
  /** The API's database sessions: the longest statement, the longest wait for a lock, the longest idle open transaction. */
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /** Connections of the request pool, and how long a request waits for one. */
  poolSize: number;
  poolAcquireTimeoutMs: number;
  /** Statement timeout of the control connections: authentication, /readyz, cancellation, shared counters. */
  controlTimeoutMs: number;
  /** /metrics: behind this bearer token on the API's port; or on a port of its own. Neither: loopback clients only. */
  metricsToken: string | undefined;
  metricsPort: number | undefined;
  /** How often expired idempotency records are swept (once per interval across all processes). */
  idempotencySweepIntervalMs: number;
  /** How long a process keeps error counts before it adds them to the shared ones errorStats reads. */
  errorStatsFlushMs: number;
  /** Embedded PostgreSQL: how many times it is restarted after dying before the process gives up. */
  embeddedRestarts: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && token.length < 24) throw new ConfigError('METRICS_TOKEN must be at least 24 characters long');
  return token;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const bootstrapAdminToken = env.HOTEL_BOOTSTRAP_ADMIN_TOKEN || undefined;
  if (bootstrapAdminToken !== undefined && bootstrapAdminToken.length < 24) {
    throw new ConfigError('HOTEL_BOOTSTRAP_ADMIN_TOKEN must be at least 24 characters long');
  }
  const currency = env.HOTEL_CURRENCY ?? 'EUR';
  if (!/^[A-Z]{3}$/.test(currency)) throw new ConfigError(`HOTEL_CURRENCY must be an ISO 4217 code such as EUR, got "${currency}"`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.HOTEL_DATA_DIR || '.data'),
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    logLevel: env.LOG_LEVEL || 'info',
    nodeEnv: env.NODE_ENV || 'development',
    bootstrapAdminToken,
    maxStayNights: integer(env, 'MAX_STAY_NIGHTS', 30, 1, 365),
    errorFrequencyThreshold: integer(env, 'ERROR_FREQUENCY_THRESHOLD', 10, 1, 1_000_000),
    errorFrequencyWindowMs: integer(env, 'ERROR_FREQUENCY_WINDOW_SECONDS', 60, 1, 86_400) * 1000,
    exposeErrorDetails: env.HOTEL_DEBUG_ERRORS === '1',
    currency,
    sessionTtlMs: integer(env, 'SESSION_TTL_MINUTES', 720, 1, 43_200) * 60_000,
    loginMaxFailuresPerEmail: integer(env, 'LOGIN_MAX_FAILURES_PER_EMAIL', 5, 1, 1000),
    loginMaxFailuresPerAddress: integer(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 20, 1, 10_000),
    loginFailureWindowMs: integer(env, 'LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400) * 1000,
    integrityStatementTimeoutMs: integer(env, 'INTEGRITY_STATEMENT_TIMEOUT_MS', 30_000, 10, 86_400_000),
    integrityParallelWorkers: integer(env, 'INTEGRITY_PARALLEL_WORKERS', 0, 0, 64),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_SECONDS', 10, 0, 3600) * 1000,
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 15_000, 10, 3_600_000),
    lockTimeoutMs: integer(env, 'LOCK_TIMEOUT_MS', 5_000, 10, 3_600_000),
    idleInTransactionTimeoutMs: integer(env, 'IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, 100, 3_600_000),
    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    poolAcquireTimeoutMs: integer(env, 'DATABASE_POOL_ACQUIRE_TIMEOUT_MS', 5_000, 10, 600_000),
    controlTimeoutMs: integer(env, 'CONTROL_TIMEOUT_MS', 2_000, 10, 60_000),
    metricsToken: metricsToken(env),
    metricsPort: env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 0, 65535) : undefined,
    idempotencySweepIntervalMs: integer(env, 'IDEMPOTENCY_SWEEP_SECONDS', 3600, 1, 86_400) * 1000,
    errorStatsFlushMs: integer(env, 'ERROR_STATS_FLUSH_MS', 1000, 10, 60_000),
    embeddedRestarts: integer(env, 'EMBEDDED_POSTGRES_RESTARTS', 3, 0, 100),
  };
}
