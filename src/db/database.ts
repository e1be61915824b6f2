import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ormConfig } from '../../mikro-orm.config';
import type { Config } from '../config';
import { attachToRunningPostgres, reachableByOthers, startEmbeddedPostgres } from '../dev/embedded-postgres';
import type { Logger } from '../logging/logger';
import { ident } from '../sql';

export const EMBEDDED_DATABASE_NAME = 'hotel';

export class DatabaseUnreachableError extends Error {}

/** Where the data lives: an external server, or the embedded one this process runs. */
export interface DatabaseServer {
  url: string;
  embedded: boolean;
  /** True when the database was created by this start, so it holds nothing yet. */
  created: boolean;
  /** False while an embedded PostgreSQL that died is being restarted, or once it was given up on; an external one is another's to watch (/readyz). */
  healthy(): boolean;
  stop(): Promise<void>;
}

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the configured address';
  }
}

/** Connects once, briefly, so a wrong DATABASE_URL fails with one clear line. */
export async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] || (error as NodeJS.ErrnoException).code || 'unknown error';
    throw new DatabaseUnreachableError(`cannot reach the database at ${describe(url)}: ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`create database ${ident(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Where the embedded cluster lives. Running as root, PostgreSQL runs as the `postgres`
 * user, who cannot enter a checkout under a directory closed to others (a `mktemp -d`, a
 * home directory); the cluster then lives under the system temp directory instead, at a
 * path derived from the data directory so every start finds the same one.
 */
export function clusterDirectory(dataDir: string, logger: Logger): string {
  const preferred = path.join(dataDir, 'pg');
  if (process.getuid?.() !== 0 || reachableByOthers(dataDir)) return preferred;
  const fallback = path.join(os.tmpdir(), `hotel-api-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12)}`, 'pg');
  logger.warn(
    { preferred, fallback },
    'the postgres user cannot reach the data directory; keeping the embedded cluster under the temp directory (set HOTEL_DATA_DIR to an open path to choose)',
  );
  return fallback;
}

export interface OpenOptions {
  /**
   * For tools run beside `npm start` (integrity:report from cron, migration:*): use the
   * embedded PostgreSQL the server is running rather than refuse to start another.
   */
  shareRunning?: boolean;
  /** An embedded PostgreSQL that died and could not be restarted (EMBEDDED_POSTGRES_RESTARTS): the process should end. */
  onGiveUp?: (error: Error) => void;
}

export async function openDatabaseServer(config: Config, logger: Logger, options: OpenOptions = {}): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    await assertReachable(config.databaseUrl);
    return { url: config.databaseUrl, embedded: false, created: false, healthy: () => true, stop: async () => undefined };
  }
  const dataDir = clusterDirectory(config.dataDir, logger);
  const running = options.shareRunning ? attachToRunningPostgres(dataDir) : undefined;
  if (running)
    return { url: running.urlFor(EMBEDDED_DATABASE_NAME), embedded: true, created: false, healthy: () => running.state() === 'up', stop: running.stop };
  const server = await startEmbeddedPostgres({
    dataDir,
    durable: true,
    onLog: (line) => logger.debug({ postgres: line }, 'embedded postgres'),
    restarts: config.embeddedRestarts,
    onDeath: ({ attempt, of }) => logger.error({ attempt, of }, 'embedded PostgreSQL died; restarting it'),
    onRestart: ({ attempt }) => logger.warn({ attempt }, 'embedded PostgreSQL restarted'),
    onGiveUp: (error) => options.onGiveUp?.(error),
  });
  try {
    const created = await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME);
    return { url: server.urlFor(EMBEDDED_DATABASE_NAME), embedded: true, created, healthy: () => server.state() === 'up', stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Session settings in milliseconds as the startup packet's `options`: each session begins with them, no statement spent. */
const startupSettings = (settings: Record<string, number>): string =>
  Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${Math.trunc(value)}`)
    .join(' ');

/**
 * The request pool's sessions, bounded: no statement, lock wait or idle open transaction
 * lasts past its timeout, and a request waits for a connection at most so long. Each ends
 * in a classified, retryable error (STATEMENT_TIMEOUT, LOCK_TIMEOUT, RESOURCES_EXHAUSTED),
 * its transaction rolled back.
 */
export function requestPoolOptions(
  config: Pick<Config, 'statementTimeoutMs' | 'lockTimeoutMs' | 'idleInTransactionTimeoutMs' | 'poolSize' | 'poolAcquireTimeoutMs'>,
): Partial<Options> {
  const settings = {
    statement_timeout: config.statementTimeoutMs,
    lock_timeout: config.lockTimeoutMs,
    idle_in_transaction_session_timeout: config.idleInTransactionTimeoutMs,
  };
  return {
    pool: { min: 0, max: config.poolSize },
    driverOptions: {
      acquireConnectionTimeout: config.poolAcquireTimeoutMs,
      connection: {
        options: startupSettings(settings),
        application_name: 'hotel-api',
      },
    },
  };
}

/**
 * The connection of the scheduled integrity report, apart from the request pool: one,
 * opened when a run starts and closed when idle, so a long report never takes a request's
 * connection. Its statement and lock timeouts are INTEGRITY_STATEMENT_TIMEOUT_MS (each check
 * sets its own too), and a transaction it left open ends like a request's would.
 */
export function integrityConnectionOptions(config: Pick<Config, 'integrityStatementTimeoutMs' | 'idleInTransactionTimeoutMs'>): Partial<Options> {
  const settings = {
    statement_timeout: config.integrityStatementTimeoutMs,
    lock_timeout: config.integrityStatementTimeoutMs,
    idle_in_transaction_session_timeout: config.idleInTransactionTimeoutMs,
  };
  return {
    pool: { min: 0, max: 1, idleTimeoutMillis: 10_000 },
    driverOptions: {
      connection: {
        options: startupSettings(settings),
        application_name: 'hotel-api integrity',
      },
    },
  };
}

export async function initOrm(url: string, logger: Logger, overrides: Partial<Options> = {}): Promise<MikroORM> {
  // knex's own warnings (a pooled connection that died, …) go to the log as JSON lines, not to the console.
  const knexLog = {
    warn: (message: unknown) => logger.warn({ driver: String(message) }, 'database driver'),
    error: (message: unknown) => logger.error({ driver: String(message) }, 'database driver'),
    deprecate: (message: unknown) => logger.debug({ driver: String(message) }, 'database driver'),
    debug: (message: unknown) => logger.debug({ driver: String(message) }, 'database driver'),
  };
  const notices = new EventEmitter();
  const orm = await MikroORM.init(
    ormConfig(url, {
      logger: (message) => logger.debug({ orm: message }, 'mikro-orm'),
      ...overrides,
      pool: {
        ...overrides.pool,
        // Every pooled session's NOTICEs, to whoever asks (onSessionNotice).
        afterCreate: (connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void) => {
          connection.on('notice', (notice) => notices.emit('notice', notice.message));
          done(null, connection);
        },
      },
      driverOptions: { log: knexLog, ...overrides.driverOptions },
    }),
  );
  NOTICES.set(orm, notices);
  return orm;
}

const NOTICES = new WeakMap<MikroORM, EventEmitter>();

/**
 * Calls `listener` with the text of each NOTICE any of the ORM's sessions receives. A
 * notice raised by a trigger reaches its session before the statement's own answer, so
 * what a request changed is heard before the request can answer.
 */
export function onSessionNotice(orm: MikroORM, listener: (message: string | undefined) => void): () => void {
  const notices = NOTICES.get(orm);
  if (!notices) throw new Error('onSessionNotice needs an ORM made by initOrm');
  notices.on('notice', listener);
  return () => notices.off('notice', listener);
}

/** Arbitrary, fixed: serialises migrations between processes starting at once. */
const MIGRATION_LOCK_KEY = 7_340_163;

/**
 * Applies pending migrations. Several API processes may start together; an advisory lock
 * held on a separate connection lets one migrate while the others wait. Give it an ORM
 * without the request pool's timeouts: building an index may rightly take long.
 */
export async function migrate(orm: MikroORM, url: string): Promise<string[]> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
