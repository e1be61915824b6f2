// First: the instrumentations patch HTTP, Express, GraphQL and pg only as they are loaded after it.
import './telemetry/process-tracing';
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureBootstrapAdminToken } from './auth/api-tokens';
import { type Config, ConfigError, loadConfig } from './config';
import { DatabaseUnreachableError, initOrm, migrate, openDatabaseServer, requestPoolOptions } from './db/database';
import { DEMO_CHANNEL, DEMO_LOGINS, DEMO_STAFF_PASSWORD, seedDemoHotel } from './demo/demo-seed';
import { EmbeddedPostgresError } from './dev/embedded-postgres';
import { User } from './entities/user.entity';
import { PortInUseError, startApi } from './http/server';
import { createLogger, type Logger } from './logging/logger';
import { stopTracing } from './telemetry/process-tracing';

/** Failures an operator can act on: one line, no stack. */
const OPERATOR_ERRORS = [ConfigError, DatabaseUnreachableError, EmbeddedPostgresError, PortInUseError];

/** What was started so far, stopped in reverse order. */
const cleanups: (() => Promise<void>)[] = [stopTracing];

async function start(config: Config, logger: Logger, giveUp: (error: Error) => void): Promise<void> {
  const server = await openDatabaseServer(config, logger, { onGiveUp: giveUp });
  cleanups.push(server.stop);
  const adminTokenFile = path.join(config.dataDir, 'admin-token');
  const partnerTokenFile = path.join(config.dataDir, 'partner-token');
  // Set-up runs unbounded (building an index may rightly take long); requests do not.
  const setup = await initOrm(server.url, logger);
  try {
    const applied = await migrate(setup, server.url);
    if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
    if (server.embedded && (await setup.em.fork().count(User)) === 0) {
      const demo = await seedDemoHotel(setup.em.fork(), config.currency);
      await fs.mkdir(config.dataDir, { recursive: true });
      await fs.writeFile(adminTokenFile, `${demo.adminSecret}\n`, { mode: 0o600 });
      await fs.writeFile(partnerTokenFile, `${demo.partnerSecret}\n`, { mode: 0o600 });
      logger.info({ rooms: demo.rooms, bookings: demo.bookings }, 'seeded the demo hotel');
    }
    if (config.bootstrapAdminToken) await ensureBootstrapAdminToken(setup.em.fork(), config.bootstrapAdminToken);
  } finally {
    await setup.close();
  }
  const orm = await initOrm(server.url, logger, requestPoolOptions(config));
  cleanups.push(() => orm.close());

  const api = await startApi({ orm, config, logger, healthy: server.healthy });
  cleanups.push(api.close);
  logger.info({ url: api.url, embedded: server.embedded }, 'hotel API listening');
  if (server.embedded) {
    process.stdout.write(await demoGreeting(api.url, adminTokenFile, partnerTokenFile));
  }
}

/** What `npm start` prints on the embedded database: where, the demo's tokens (kept since its first start) and logins. */
async function demoGreeting(url: string, adminTokenFile: string, partnerTokenFile: string): Promise<string> {
  const read = async (file: string) => (existsSync(file) ? (await fs.readFile(file, 'utf8')).trim() : undefined);
  const [admin, partner] = [await read(adminTokenFile), await read(partnerTokenFile)];
  const curl = `curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${admin}' -d '{"query":"{ me { role } }"}'`;
  const logins = DEMO_LOGINS.map((login) => `  ${login.email} (${login.role})`).join('\n');
  return [
    '',
    `Hotel API: ${url}`,
    ...(admin ? [`ADMIN token: ${admin}`, `  ${curl}`] : []),
    ...(partner ? [`PARTNER token: ${partner}`, `  books for the channel ${DEMO_CHANNEL}`] : []),
    `Staff logins, password ${DEMO_STAFF_PASSWORD}:`,
    logins,
    '',
    '',
  ].join('\n');
}

async function stopAll(logger: Logger): Promise<void> {
  while (cleanups.length) {
    await cleanups
      .pop()?.()
      .catch((error) => logger.error({ err: error }, 'shutdown step failed'));
  }
}

function main(): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error);
  }
  const logger = createLogger(config.logLevel);
  // Handlers first: a signal may come at any moment of start-up.
  let starting: Promise<void> = Promise.resolve();
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      // A signal during start-up waits for the step under way, then undoes all of it.
      starting
        .catch(() => undefined)
        .then(() => stopAll(logger))
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
  }

  // An embedded PostgreSQL past its restarts: stop the rest and exit non-zero, so a supervisor acts.
  const giveUp = (error: Error) => {
    if (stopping) return;
    stopping = true;
    starting
      .catch(() => undefined)
      .then(() => stopAll(logger))
      .finally(() => fail(error));
  };
  starting = start(config, logger, giveUp);
  starting.catch(async (error: unknown) => {
    await stopAll(logger);
    fail(error);
  });
}

function fail(error: unknown): never {
  if (OPERATOR_ERRORS.some((kind) => error instanceof kind)) {
    // A ConfigError has a line per bad value; each is prefixed, so every line says whose it is.
    for (const line of (error as Error).message.split('\n')) process.stderr.write(`hotel-api: ${line}\n`);
  } else {
    process.stderr.write(`hotel-api: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}

main();
