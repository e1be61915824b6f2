import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { issueToken } from '../../src/auth/api-tokens';
import { MAX_COST_BUDGET } from '../../src/auth/cost-budgets';
import { initOrm, migrate } from '../../src/db/database';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { Role } from '../../src/entities/role';
import { createLogger } from '../../src/logging/logger';

export interface BenchDatabase {
  url: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one benchmark run: on BENCH_DATABASE_URL's server when
 * set, else on a throwaway embedded PostgreSQL (fsync off: the numbers measure the code,
 * not the disk).
 */
export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let stopServer = async () => undefined as unknown;
  if (!serverUrl) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hotel-bench-'));
    await fs.chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), durable: false });
    serverUrl = server.adminUrl;
    stopServer = async () => {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const orm = await initOrm(url.toString(), createLogger('warn'), { preferTs: true });
  await migrate(orm, url.toString());
  await orm.close(true);
  return {
    url: url.toString(),
    close: async () => {
      await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
      await admin.end();
      await stopServer();
    },
  };
}

/** An ADMIN bearer secret for the benchmark's requests, with the largest cost budget: a benchmark measures the API, not its quota. */
export async function issueBenchToken(url: string): Promise<string> {
  const orm = await initOrm(url, createLogger('warn'), { preferTs: true });
  try {
    const em = orm.em.fork();
    const { secret } = issueToken(em, { name: 'bench', role: Role.ADMIN, costBudget: MAX_COST_BUDGET });
    await em.flush();
    return secret;
  } finally {
    await orm.close(true);
  }
}
