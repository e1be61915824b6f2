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
  };
}
