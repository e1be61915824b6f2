import { isIP } from 'node:net';
import path from 'node:path';

/**
 * Everything the process reads from its environment, parsed once at start. What each
 * field means is said once, where it is read (readConfig), and from there in the README.
 */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  nodeEnv: NodeEnvironment;
  bootstrapAdminToken: string | undefined;
  maxStayNights: number;
  bookingHorizonDays: number;
  stayPastWindowDays: number;
  maxAmount: number;
  maxBookingAmount: number;
  loyaltyPointValueCents: number;
  errorFrequencyThreshold: number;
  errorFrequencyWindowMs: number;
  errorHistoryMs: number;
  exposeErrorDetails: boolean;
  currency: string;
  sessionTtlMs: number;
  loginMaxFailuresPerEmail: number;
  loginMaxFailuresPerAddress: number;
  loginFailureWindowMs: number;
  integrityStatementTimeoutMs: number;
  integrityParallelWorkers: number;
  integritySchedule: IntegritySchedule;
  integrityRunRetentionMs: number;
  integrityFullEvery: number;
  criticalErrorAlerts: boolean;
  alertWebhookUrl: string | undefined;
  alertWebhookSecret: string | undefined;
  alertDedupWindowMs: number;
  shutdownGraceMs: number;
  requestTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  poolSize: number;
  poolAcquireTimeoutMs: number;
  controlTimeoutMs: number;
  callerCacheMs: number;
  costBudget: number;
  costWindowMs: number;
  metricsToken: string | undefined;
  metricsPort: number | undefined;
  idempotencySweepIntervalMs: number;
  errorStatsFlushMs: number;
  embeddedRestarts: number;
  hotelTimeZone: string;
  nightAuditAt: string | undefined;
  earlyDeparturePolicy: EarlyDeparturePolicy;
  /** Host names and addresses as written in URLs, lower case, IPv6 without brackets. */
  webhookAllowHosts: readonly string[];
  webhookPollMs: number;
  webhookBatchSize: number;
  webhookTimeoutMs: number;
  webhookBackoffBaseMs: number;
  webhookBackoffCapMs: number;
  webhookDisableAfterMs: number;
  webhookRetentionMs: number;
  tracing: TracingVariables;
  /** Origins as browsers send them (`https://staff.hotel.example`), lower case, no default port. */
  corsOrigins: readonly string[];
  trustProxy: TrustProxy;
}

/** pino's levels, from the loudest; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const NODE_ENVIRONMENTS = ['development', 'production', 'test'] as const;
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

/**
 * Whose X-Forwarded-For the process believes, in the forms express's `trust proxy` takes:
 * nobody's (`false`), the nearest N hops', or that of peers at these addresses, ranges
 * (CIDR) and named ranges (`loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | readonly string[];

/**
 * The standard OpenTelemetry variables that decide whether traces are recorded at all; the
 * SDK reads these and the rest of the OTEL_* family itself, the same environment.
 */
export interface TracingVariables {
  sdkDisabled: boolean;
  /** OTEL_TRACES_EXPORTER as a list, empty when unset. */
  exporters: readonly string[];
  otlpEndpoint: string | undefined;
  otlpTracesEndpoint: string | undefined;
  serviceName: string;
}

/** WEBHOOK_ALLOW_HOSTS as a list: `127.0.0.1, [::1], Hooks.Test` → 127.0.0.1, ::1, hooks.test. */
function hostList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((host) =>
      host
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1'),
    )
    .filter(Boolean);
}

/** What an early check-out does with the nights booked and not stayed. */
export enum EarlyDeparturePolicy {
  /** The remaining nights stay on the bill, as a folio item. */
  CHARGE_REMAINING = 'charge_remaining',
  /** The remaining nights leave the bill. */
  RELEASE = 'release',
}

/** When the integrity report runs on its own: never, every interval, or daily at a local time (`HH:MM` in HOTEL_TIMEZONE). */
export type IntegritySchedule = { kind: 'off' } | { kind: 'every'; intervalMs: number } | { kind: 'daily'; at: string };

const SCHEDULE_UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000 };
/** The longest interval: beyond a week, a daily time says it better. */
const LONGEST_SCHEDULE_MS = 7 * 86_400_000;

/** DATABASE_INTEGRITY_CHECKS: `off`, an interval (`2s`, `15m`, `1h`; 1 s to a week), or a daily local time (`03:00`). */
export function integrityScheduleOf(text: string): IntegritySchedule | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'off') return { kind: 'off' };
  if (/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) return { kind: 'daily', at: value };
  const every = /^(\d{1,9})(s|m|h)$/.exec(value);
  if (!every) return undefined;
  const intervalMs = Number(every[1]) * SCHEDULE_UNITS[every[2]];
  return intervalMs >= 1000 && intervalMs <= LONGEST_SCHEDULE_MS ? { kind: 'every', intervalMs } : undefined;
}

/** What is wrong with the environment: one line per bad value, each naming its variable. */
export class ConfigError extends Error {}

/**
 * An allowed CORS origin as a browser's `Origin` header spells it (lower case, no default
 * port, the host in punycode): scheme, host and port only. A trailing slash is forgiven (an
 * address bar shows one); a path, query, user or wildcard is refused: no `Origin` has one,
 * so the entry could never match and the mistake would go unseen.
 */
function corsOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const bare = url.pathname === '/' && !/[?#@*]/.test(text);
  return bare && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : undefined;
}

/** CORS_ORIGINS as a list of origins, or undefined when an entry is no origin. */
function corsOriginList(text: string): string[] | undefined {
  const origins = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(corsOrigin);
  return origins.every((origin) => origin !== undefined) ? [...new Set(origins)] : undefined;
}

const NAMED_ADDRESS_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One proxy of TRUST_PROXY: an address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a named range. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_ADDRESS_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY: a hop count, or comma-separated proxies; undefined when it is neither. */
function trustProxySetting(text: string): TrustProxy | undefined {
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 100 ? hops : undefined;
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  return entries.length > 0 && entries.every(isProxyAddress) ? entries : undefined;
}

/** Whether `name` is an IANA time zone this runtime knows ("Europe/Rome", "UTC"). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** One environment variable as the README's configuration table shows it. */
export interface ConfigVariable {
  name: string;
  /** The default as written in the environment ("unset" for none). */
  default: string;
  /** The accepted values, where bounded. */
  accepts?: string;
  says: string;
}

/**
 * Reads the environment, each variable declared once at the place it is read, with what it
 * means; the same reads run over an empty environment list the variables for the README.
 * A bad value is noted in `problems` and its default read instead, so that one start names
 * every bad value at once rather than one per attempt.
 */
function reader(env: NodeJS.ProcessEnv, declared?: ConfigVariable[]) {
  const declare = (variable: ConfigVariable) => declared?.push(variable);
  const raw = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const problems: string[] = [];
  const refuse = <T>(problem: string, instead: T): T => {
    problems.push(problem);
    return instead;
  };
  return {
    problems,
    integer(name: string, fallback: number, min: number, max: number, says: string): number {
      declare({ name, default: String(fallback), accepts: `${min}–${max}`, says });
      const text = raw(name);
      if (text === undefined) return fallback;
      const value = Number(text);
      if (!Number.isInteger(value) || value < min || value > max) {
        return refuse(`${name} must be an integer between ${min} and ${max}, got "${text}"`, fallback);
      }
      return value;
    },
    optionalInteger(name: string, min: number, max: number, says: string): number | undefined {
      declare({ name, default: 'unset', accepts: `${min}–${max}`, says });
      return raw(name) === undefined ? undefined : this.integer(name, 0, min, max, says);
    },
    text(name: string, fallback: string, says: string, accepts?: RegExp, example?: string): string {
      declare({ name, default: fallback, says });
      const value = raw(name) ?? fallback;
      if (accepts && !accepts.test(value)) return refuse(`${name} must be ${example}, got "${value}"`, fallback);
      return value;
    },
    optionalText(name: string, says: string, accepts?: RegExp, example?: string): string | undefined {
      declare({ name, default: 'unset', says });
      const value = raw(name);
      if (value !== undefined && accepts && !accepts.test(value)) return refuse(`${name} must be ${example}, got "${value}"`, undefined);
      return value;
    },
    choice<T extends string>(name: string, fallback: T, values: readonly T[], says: string): T {
      declare({ name, default: fallback, accepts: values.map((value) => `\`${value}\``).join(', '), says });
      const value = raw(name) ?? fallback;
      if (!values.includes(value as T)) return refuse(`${name} must be one of ${values.join(', ')}, got "${value}"`, fallback);
      return value as T;
    },
    timeZone(name: string, fallback: string, says: string): string {
      declare({ name, default: fallback, accepts: 'an IANA time zone', says });
      const value = raw(name) ?? fallback;
      if (!isTimeZone(value)) return refuse(`${name} must be an IANA time zone such as Europe/Rome, got "${value}"`, fallback);
      return value;
    },
    /** A secret: at least `minLength` characters, so a typo of a short one is refused at start. */
    secret(name: string, minLength: number, says: string): string | undefined {
      declare({ name, default: 'unset', accepts: `${minLength}+ characters`, says });
      const value = raw(name);
      if (value !== undefined && value.length < minLength) return refuse(`${name} must be at least ${minLength} characters long`, undefined);
      return value;
    },
    /**
     * A URL of one of `protocols`. The value is not repeated in the complaint: a database URL
     * carries its password, and the complaint goes to the terminal and the supervisor's log.
     */
    optionalUrl(name: string, protocols: readonly string[], says: string, example: string): string | undefined {
      const schemes = protocols.map((protocol) => `${protocol}//`).join(' or ');
      declare({ name, default: 'unset', accepts: `a ${schemes} URL`, says });
      const value = raw(name);
      if (value === undefined) return undefined;
      const notAUrl = () => refuse(`${name} must be a ${schemes} URL such as ${example}, got something that is not a URL`, undefined);
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return notAUrl();
      }
      // Without "//" what parsed as a scheme is the start of something else (`user:password@host` read as scheme `user:`).
      if (!value.toLowerCase().startsWith(`${url.protocol}//`)) return notAUrl();
      if (!protocols.includes(url.protocol)) return refuse(`${name} must be a ${schemes} URL such as ${example}, got a ${url.protocol}// URL`, undefined);
      return value;
    },
    /** A value of a shape of its own: `parse` says what it means, or undefined when it means nothing. */
    parsed<T>(name: string, fallback: T, accepts: string, example: string, says: string, parse: (text: string) => T | undefined): T {
      declare({ name, default: 'unset', accepts, says });
      const text = raw(name);
      if (text === undefined) return fallback;
      return parse(text) ?? refuse(`${name} must be ${example}, got "${text}"`, fallback);
    },
    flag(name: string, says: string): boolean {
      declare({ name, default: 'unset', accepts: '`1` to turn on', says });
      return raw(name) === '1';
    },
  };
}

function readConfig(read: ReturnType<typeof reader>): Config {
  const seconds = 1000;
  return {
    databaseUrl: read.optionalUrl(
      'DATABASE_URL',
      ['postgres:', 'postgresql:'],
      'PostgreSQL to use. Unset: an embedded PostgreSQL in `$HOTEL_DATA_DIR/pg`, created on first start and kept; the first start seeds a demo hotel and writes its ADMIN and PARTNER tokens to `$HOTEL_DATA_DIR/admin-token` and `partner-token`; every start prints them with the demo’s staff logins. Set: migrations run, nothing is seeded or printed.',
      'postgres://hotel:password@db:5432/hotel',
    ),
    dataDir: path.resolve(
      read.text(
        'HOTEL_DATA_DIR',
        '.data',
        'Where the embedded PostgreSQL lives (`pg/`) and the demo’s ADMIN and PARTNER tokens are kept (`admin-token`, `partner-token`). Running as root, PostgreSQL runs as the `postgres` user; when that user cannot reach this directory (a checkout under a directory closed to others), the cluster lives under the system temp directory instead, at a path derived from this one, and a warning says where.',
      ),
    ),
    port: read.integer('PORT', 4000, 0, 65535, 'Where the API listens; 0 picks a free port.'),
    host: read.text('HOST', '127.0.0.1', 'The address the API listens on.'),
    corsOrigins: read.parsed(
      'CORS_ORIGINS',
      [],
      'comma-separated origins',
      'comma-separated origins (http or https, host, optional port, no path) such as https://staff.hotel.example,http://localhost:5173',
      'Origins (`https://staff.hotel.example,http://localhost:5173`: scheme, host, optional port) whose pages may call `/graphql` from a browser: their preflight is answered and their answers readable. Unset: same-origin pages only. No cookies are involved (the API reads bearer tokens only), so no credentials are allowed. See [Calling it from a browser](#calling-it-from-a-browser).',
      corsOriginList,
    ),
    trustProxy: read.parsed(
      'TRUST_PROXY',
      false,
      'a hop count, or comma-separated addresses, CIDR ranges, `loopback`, `linklocal`, `uniquelocal`',
      'a hop count from 1 to 100, or comma-separated addresses, CIDR ranges, loopback, linklocal or uniquelocal, such as loopback,10.0.0.0/8',
      'Which proxies in front of the API are believed when their `X-Forwarded-For` names the client (express’s `trust proxy`): a hop count (`1`: the nearest peer, whoever it is), or comma-separated addresses, CIDR ranges and `loopback`, `linklocal`, `uniquelocal` (`10.0.0.0/8,loopback`). The client address counts failed logins and is in the access log. Unset: no proxy is believed, the client address is the connection’s peer, and X-Forwarded-For is ignored.',
      trustProxySetting,
    ),
    logLevel: read.choice(
      'LOG_LEVEL',
      'info',
      LOG_LEVELS,
      'pino level; logs are JSON lines on stdout, each line of a request carrying its `requestId`. From `info`, one `http request` line per request (the access log); `/healthz`, `/readyz` and `/metrics` log theirs at `debug` unless they fail.',
    ),
    nodeEnv: read.choice(
      'NODE_ENV',
      'development',
      NODE_ENVIRONMENTS,
      '`production` turns introspection, field suggestions ("Did you mean …") and the explorer off; `development` and `test` leave them on.',
    ),
    bootstrapAdminToken: read.secret('HOTEL_BOOTSTRAP_ADMIN_TOKEN', 24, 'At start-up, makes sure an ADMIN API token with exactly this secret exists.'),
    maxStayNights: read.integer('MAX_STAY_NIGHTS', 30, 1, 365, 'Longest stay one booking may cover.'),
    bookingHorizonDays: read.integer('BOOKING_HORIZON_DAYS', 730, 1, 3650, 'How far ahead of today a stay may end, in days.'),
    stayPastWindowDays: read.integer(
      'STAY_PAST_WINDOW_DAYS',
      400,
      0,
      3650,
      'How far before today a stay may be looked at (availability) or kept when amended, in days. A new stay starts today at the earliest.',
    ),
    // The database's own bounds (MAX_ITEM_AMOUNT an item, MAX_BILL_AMOUNT a bill) cap these.
    maxAmount: read.integer(
      'MAX_AMOUNT',
      1_000_000,
      1,
      99_999_999,
      'The largest single amount (nightly rate, charge, credit, payment, refund), in whole units of the currency.',
    ),
    maxBookingAmount: read.integer(
      'MAX_BOOKING_AMOUNT',
      10_000_000,
      1,
      9_999_999_999,
      'The largest bill of one booking (room total plus charges), in whole units; a charge or a stay that would pass it is a ValidationError on the field that would.',
    ),
    // At most 100: a point is never worth more than the whole unit paid to earn it (check-out earns one per unit).
    loyaltyPointValueCents: read.integer(
      'LOYALTY_POINT_VALUE_CENTS',
      1,
      1,
      100,
      'What one loyalty point is worth when redeemed (`redeemLoyaltyPoints`), in cents of HOTEL_CURRENCY: the credit posted is points × this. Check-out earns one point per whole unit paid, so the default gives back 1%.',
    ),
    errorFrequencyThreshold: read.integer(
      'ERROR_FREQUENCY_THRESHOLD',
      10,
      1,
      1_000_000,
      'One alert line per window when one kind of error exceeds this many within it.',
    ),
    errorFrequencyWindowMs:
      read.integer('ERROR_FREQUENCY_WINDOW_SECONDS', 60, 1, 86_400, 'The window of `errorStats` and of the alert, shared by every API process.') * seconds,
    errorHistoryMs:
      read.integer(
        'ERROR_HISTORY_HOURS',
        24,
        1,
        720,
        'How long the per-minute error counts `errorHistory` charts are kept (at most one row per kind of error and minute) before a sweep removes them.',
      ) *
      3_600 *
      seconds,
    exposeErrorDetails: read.flag('HOTEL_DEBUG_ERRORS', 'Adds the original message and stack of masked errors to responses. Local debugging only.'),
    currency: read.text('HOTEL_CURRENCY', 'EUR', 'Currency of rates and payments (ISO 4217).', /^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
    sessionTtlMs: read.integer('SESSION_TTL_MINUTES', 720, 1, 43_200, 'How long a session token from `login` stays valid (12 hours).') * 60 * seconds,
    loginMaxFailuresPerEmail: read.integer(
      'LOGIN_MAX_FAILURES_PER_EMAIL',
      5,
      1,
      1000,
      'Failed logins allowed per email address within the window; see [Login](#login).',
    ),
    loginMaxFailuresPerAddress: read.integer('LOGIN_MAX_FAILURES_PER_ADDRESS', 20, 1, 10_000, 'Failed logins allowed per client address within the window.'),
    loginFailureWindowMs:
      read.integer('LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400, 'The sliding window of the login throttle, counted in PostgreSQL across every process.') *
      seconds,
    integrityStatementTimeoutMs: read.integer(
      'INTEGRITY_STATEMENT_TIMEOUT_MS',
      30_000,
      10,
      86_400_000,
      'Longest one integrity check may run; one that takes longer is reported as failed with that reason and the next check runs.',
    ),
    integrityParallelWorkers: read.integer(
      'INTEGRITY_PARALLEL_WORKERS',
      0,
      0,
      64,
      '`max_parallel_workers_per_gather` for the integrity checks. 0 keeps the report on one core, off the live workload’s (and measured faster here: see `bench:integrity`).',
    ),
    integritySchedule: read.parsed(
      'DATABASE_INTEGRITY_CHECKS',
      { kind: 'off' } as IntegritySchedule,
      '`off`, an interval (`30s`, `15m`, `1h`), or a local time `HH:MM`',
      'off, an interval of 1 s to a week such as 15m (s, m or h), or a daily local time such as 03:00',
      'Runs the integrity report inside the API: every interval (`15m`), or daily at a local time in HOTEL_TIMEZONE (`03:00`), once across every API process, on a connection of its own (INTEGRITY_STATEMENT_TIMEOUT_MS its statement and lock timeout), never the request pool’s. Unset or `off`: only when asked (`integrityReport`, `npm run integrity:report`). See [Integrity that watches itself](#integrity-that-watches-itself).',
      integrityScheduleOf,
    ),
    integrityRunRetentionMs:
      read.integer(
        'INTEGRITY_RUN_RETENTION_DAYS',
        30,
        1,
        3650,
        'How long integrity runs stay in the history (`integrityRuns`) before the daily sweep removes them; the runs counted by outcome on `/metrics` are kept apart and never swept.',
      ) *
      86_400 *
      seconds,
    integrityFullEvery: read.integer(
      'INTEGRITY_FULL_EVERY',
      12,
      1,
      10_000,
      'Every this-many-th scheduled integrity run reads all the data; the runs between read only the rows written since the previous run of every check (incremental; see [Integrity that watches itself](#integrity-that-watches-itself)). 1: every run is full.',
    ),
    criticalErrorAlerts: read.flag(
      'CRITICAL_ERROR_ALERTS',
      'Raises an alert at once for every CRITICAL error and every newly failing CRITICAL or HIGH integrity check: an `alert` log line, a notification to the ADMIN desk, and a signed POST to ALERT_WEBHOOK_URL when set; once per error kind or check within ALERT_DEDUP_WINDOW_SECONDS, across every API process, and a recovery when a check passes again.',
    ),
    alertWebhookUrl: read.optionalUrl(
      'ALERT_WEBHOOK_URL',
      ['https:', 'http:'],
      'Where alerts are POSTed (with CRITICAL_ERROR_ALERTS), signed like partner webhooks with ALERT_WEBHOOK_SECRET, from an outbox, retried with the webhooks’ backoff. The operator’s own address: WEBHOOK_ALLOW_HOSTS does not apply to it.',
      'https://alerts.hotel.example/hooks/hotel-api',
    ),
    alertWebhookSecret: read.secret(
      'ALERT_WEBHOOK_SECRET',
      24,
      'The key of the alerts’ X-Hotel-Signature (hex HMAC-SHA256 of `<timestamp>.<body>`, as partner webhooks are signed); needed with ALERT_WEBHOOK_URL.',
    ),
    alertDedupWindowMs:
      read.integer(
        'ALERT_DEDUP_WINDOW_SECONDS',
        3600,
        1,
        604_800,
        'Within this window one error kind (category, code, constraint) or one failing check raises one alert, whichever process meets it.',
      ) * seconds,
    shutdownGraceMs:
      read.integer(
        'SHUTDOWN_GRACE_SECONDS',
        10,
        0,
        3600,
        'After SIGTERM, how long requests already running may take; then each is cancelled in the database and rolled back before its connection closes. See [Operating it](#operating-it).',
      ) * seconds,
    requestTimeoutMs: read.integer(
      'REQUEST_TIMEOUT_MS',
      30_000,
      100,
      3_600_000,
      'The whole-request deadline: past it the work is cancelled and rolled back, and the answer is REQUEST_TIMEOUT.',
    ),
    statementTimeoutMs: read.integer(
      'STATEMENT_TIMEOUT_MS',
      15_000,
      10,
      3_600_000,
      '`statement_timeout` of the request pool’s sessions: STATEMENT_TIMEOUT past it.',
    ),
    lockTimeoutMs: read.integer('LOCK_TIMEOUT_MS', 5_000, 10, 3_600_000, '`lock_timeout` of the request pool’s sessions: LOCK_TIMEOUT past it.'),
    idleInTransactionTimeoutMs: read.integer(
      'IDLE_IN_TRANSACTION_TIMEOUT_MS',
      60_000,
      100,
      3_600_000,
      '`idle_in_transaction_session_timeout` of the request pool’s sessions: a transaction left open by a stuck process ends.',
    ),
    poolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 500, 'Connections of the request pool, per process.'),
    poolAcquireTimeoutMs: read.integer(
      'DATABASE_POOL_ACQUIRE_TIMEOUT_MS',
      5_000,
      10,
      600_000,
      'How long a request waits for a pooled connection: RESOURCES_EXHAUSTED past it.',
    ),
    controlTimeoutMs: read.integer(
      'CONTROL_TIMEOUT_MS',
      2_000,
      10,
      60_000,
      'Statement and connect timeout of the control connections (authentication, `/readyz`, cancellation, shared counters), kept apart from the request pool.',
    ),
    callerCacheMs: read.integer(
      'CALLER_CACHE_MS',
      60_000,
      0,
      3_600_000,
      'How long a process answers who an integration token (one acting for no user) is from memory before asking PostgreSQL again; a revocation or a changed role reaches every process at once (LISTEN/NOTIFY), and while a process is not listening it asks every time. Sessions and personal tokens are always asked, so a deactivated user is refused on the next request everywhere. 0: always ask.',
    ),
    costBudget: read.integer(
      'COST_BUDGET',
      1_000_000,
      1,
      2_000_000_000,
      'The query cost a token (integration, partner or staff session) may spend per window, across every API process, unless the token has a `costBudget` of its own; past it, 429 with Retry-After. About 190 bookings pages of 100 a minute at the default. See [Query-cost budgets](#query-cost-budgets).',
    ),
    costWindowMs:
      read.integer(
        'COST_WINDOW_SECONDS',
        60,
        1,
        86_400,
        'The window of the query-cost budgets: it starts with a token’s first request after the last one passed.',
      ) * seconds,
    metricsToken: read.secret('METRICS_TOKEN', 24, '`/metrics` on the API’s port, for a client sending `Authorization: Bearer <this>`.'),
    metricsPort: read.optionalInteger(
      'METRICS_PORT',
      0,
      65535,
      '`/metrics` on a port of its own (on HOST), and not on the API’s. Neither this nor METRICS_TOKEN: loopback clients only.',
    ),
    idempotencySweepIntervalMs:
      read.integer('IDEMPOTENCY_SWEEP_SECONDS', 3600, 1, 86_400, 'How often expired idempotency records are swept: once per interval across all processes.') *
      seconds,
    errorStatsFlushMs: read.integer(
      'ERROR_STATS_FLUSH_MS',
      1000,
      10,
      60_000,
      'How long a process keeps error counts before adding them to the shared ones `errorStats` reads.',
    ),
    embeddedRestarts: read.integer(
      'EMBEDDED_POSTGRES_RESTARTS',
      3,
      0,
      100,
      'How many times an embedded PostgreSQL that died is restarted (with backoff) before the process exits non-zero.',
    ),
    hotelTimeZone: read.timeZone(
      'HOTEL_TIMEZONE',
      'UTC',
      'Where the hotel is (IANA name such as `Europe/Rome`): the first business date is the local date there, and `NIGHT_AUDIT_AT` is local time there.',
    ),
    nightAuditAt: read.optionalText(
      'NIGHT_AUDIT_AT',
      'Local time (`HH:MM`, 24 h) of the scheduled night audit (`closeBusinessDay`), once across every API process. Unset: the business date moves only when staff close the day. A time before noon closes the previous day; from noon, the same day.',
      /^([01]\d|2[0-3]):[0-5]\d$/,
      'a local time such as 03:00',
    ),
    earlyDeparturePolicy: read.choice(
      'EARLY_DEPARTURE_POLICY',
      EarlyDeparturePolicy.RELEASE,
      Object.values(EarlyDeparturePolicy),
      'What checking out before the planned date does with the nights not stayed: `release` takes them off the bill; `charge_remaining` keeps them on it as a folio item.',
    ),
    webhookAllowHosts: hostList(
      read.optionalText(
        'WEBHOOK_ALLOW_HOSTS',
        'Comma-separated hosts (as written in the URL: `127.0.0.1`, `localhost`, `hooks.internal`) a webhook may target although they are or resolve to loopback, private, link-local or other non-public addresses, and over plain `http`; e.g. `127.0.0.1` in tests. Unset: webhooks reach public addresses only, over https. See [Webhooks](#webhooks).',
        /^\s*[^\s,]+(\s*,\s*[^\s,]+)*\s*$/,
        'comma-separated host names or addresses such as 127.0.0.1,hooks.internal',
      ),
    ),
    webhookPollMs: read.integer(
      'WEBHOOK_POLL_MS',
      1000,
      50,
      60_000,
      'How often each API process looks for webhook deliveries due; a full batch is followed by the next at once.',
    ),
    webhookBatchSize: read.integer('WEBHOOK_BATCH_SIZE', 20, 1, 500, 'Webhook deliveries one process claims and sends at a time.'),
    webhookTimeoutMs: read.integer(
      'WEBHOOK_TIMEOUT_MS',
      10_000,
      100,
      60_000,
      'Longest one webhook attempt may take, connecting and answering included; past it the attempt failed.',
    ),
    webhookBackoffBaseMs: read.integer(
      'WEBHOOK_BACKOFF_BASE_MS',
      10_000,
      1,
      3_600_000,
      'The wait after a webhook’s first failed attempt; each further failure doubles it, up to WEBHOOK_BACKOFF_CAP_MS, and each wait is jittered down by up to half.',
    ),
    webhookBackoffCapMs: read.integer('WEBHOOK_BACKOFF_CAP_MS', 3_600_000, 1, 86_400_000, 'The longest wait between two attempts of one webhook delivery.'),
    webhookDisableAfterMs:
      read.integer(
        'WEBHOOK_DISABLE_AFTER_SECONDS',
        86_400,
        1,
        30 * 86_400,
        'A webhook endpoint whose attempts have all failed for this long is disabled, its pending deliveries given up, and the ADMIN desk notified.',
      ) * seconds,
    webhookRetentionMs:
      read.integer(
        'WEBHOOK_DELIVERY_RETENTION_DAYS',
        30,
        1,
        3650,
        'How long delivered and given-up webhook deliveries stay in the delivery log (`webhookDeliveries`) before the hourly sweep removes them.',
      ) *
      86_400 *
      seconds,
    tracing: {
      exporters: (
        read.optionalText(
          'OTEL_TRACES_EXPORTER',
          'Where OpenTelemetry traces go: `otlp`, `console` or `zipkin` (comma-separated), or `none`. Set and not `none`, it turns tracing on (HTTP, Express, GraphQL and PostgreSQL spans); unset, tracing is on only when an OTLP endpoint is set. The OpenTelemetry SDK reads this and the rest of the standard variables (`OTEL_EXPORTER_OTLP_PROTOCOL`, `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_TRACES_SAMPLER`, `OTEL_RESOURCE_ATTRIBUTES`, …) itself. See [Tracing](#tracing).',
          /^\s*(otlp|console|zipkin|none)(\s*,\s*(otlp|console|zipkin|none))*\s*$/,
          'otlp, console, zipkin or none, comma-separated',
        ) ?? ''
      )
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
      otlpEndpoint: read.optionalText(
        'OTEL_EXPORTER_OTLP_ENDPOINT',
        'The OpenTelemetry collector, e.g. `http://collector:4318` (OTLP over http/protobuf unless OTEL_EXPORTER_OTLP_PROTOCOL says `grpc` or `http/json`): traces go to `<this>/v1/traces`. Set, it turns tracing on.',
        /^https?:\/\/\S+$/,
        'an http(s) URL such as http://collector:4318',
      ),
      otlpTracesEndpoint: read.optionalText(
        'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
        'Where traces go, used as written (`http://collector:4318/v1/traces`), over OTEL_EXPORTER_OTLP_ENDPOINT. Set, it turns tracing on.',
        /^https?:\/\/\S+$/,
        'an http(s) URL such as http://collector:4318/v1/traces',
      ),
      serviceName: read.text('OTEL_SERVICE_NAME', 'hotel-api', 'The `service.name` of the traces.'),
      sdkDisabled:
        read
          .optionalText('OTEL_SDK_DISABLED', '`true` keeps tracing off, whatever the other `OTEL_*` variables say.', /^(true|false)$/i, 'true or false')
          ?.toLowerCase() === 'true',
    },
  };
}

/** The configuration of `env`, or a ConfigError naming every bad value in it, one line each. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const read = reader(env);
  const config = readConfig(read);
  if (config.alertWebhookUrl && !config.alertWebhookSecret) read.problems.push('ALERT_WEBHOOK_URL needs ALERT_WEBHOOK_SECRET, the key alerts are signed with');
  if (read.problems.length) throw new ConfigError(read.problems.join('\n'));
  return config;
}

/** Every variable the configuration reads, in order, with its default and meaning. */
export function configVariables(): ConfigVariable[] {
  const declared: ConfigVariable[] = [];
  readConfig(reader({}, declared));
  return declared;
}
