import '../../scripts/register-ts.cjs';
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { ProvidedContext } from 'vitest';
import { initOrm, migrate } from '../../src/db/database';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { createLogger } from '../../src/logging/logger';
import { databaseUrl } from './database-url';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run (embedded, or the server of TEST_DATABASE_URL), and one
 * migrated template database that each test file clones in milliseconds.
 */
export default async function setup(project: { provide<K extends keyof ProvidedContext>(key: K, value: ProvidedContext[K]): void }) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stopServer: () => Promise<void> = async () => undefined;
  if (!serverUrl) {
    // Under the system temp dir: as root, PostgreSQL runs as "postgres", who must reach it.
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hotel-test-pg-'));
    await fs.chmod(dataDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), durable: false });
    serverUrl = server.adminUrl;
    stopServer = async () => {
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    };
  }

  const template = `hotel_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${template}"`);
  await admin.query(`create database "${template}"`);
  const templateUrl = databaseUrl(serverUrl, template);
  const orm = await initOrm(templateUrl, createLogger('silent'), { preferTs: true });
  await migrate(orm, templateUrl);
  await orm.close(true);

  project.provide('pgServerUrl', serverUrl);
  project.provide('templateDatabase', template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'hotel_t_%' or datname = $1`, [template]);
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
    await stopServer();
  };
}
