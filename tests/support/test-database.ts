import { randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM, Options } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { type ControlPool, createControlPool } from '../../src/db/control-pool';
import { initOrm } from '../../src/db/database';
import { createLogger, type Logger } from '../../src/logging/logger';
import { databaseUrl } from './database-url';

/** A fresh, migrated database of a test file's own, with the ORM and a plain connection on it. */
export interface TestDatabase {
  url: string;
  name: string;
  orm: MikroORM;
  /** A connection of its own, for data the API would refuse (see asReplica) and for DDL. */
  sql: pg.Client;
  /** A fresh fork of the ORM's EntityManager. */
  em(): EntityManager;
  rows<T = Record<string, any>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Control connections on it, as an API process has them (5 s timeout); ended by close(). */
  controlPool(options?: { size?: number }): ControlPool;
  close(): Promise<void>;
}

/** A clone of the run's migrated template, made in milliseconds. */
async function cloneTemplate(): Promise<string> {
  const name = `hotel_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${inject('templateDatabase')}"`);
        return name;
      } catch (error) {
        // 55006: another file is cloning the template at this instant.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
}

async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('pgServerUrl') });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.end();
}

/** The one way a test gets a database: its own clone of the migrated template, with an ORM (`orm` overrides its options). */
export async function openTestDatabase(options: { logger?: Logger; orm?: Partial<Options> } = {}): Promise<TestDatabase> {
  const name = await cloneTemplate();
  const url = databaseUrl(inject('pgServerUrl'), name);
  const orm = await initOrm(url, options.logger ?? createLogger('silent'), { preferTs: true, ...options.orm });
  const sql = new pg.Client({ connectionString: url });
  // A test may end this session's backend on purpose; the error is its expected outcome, not a crash.
  sql.on('error', () => undefined);
  await sql.connect();
  const controls: ControlPool[] = [];
  return {
    url,
    name,
    orm,
    sql,
    em: () => orm.em.fork(),
    rows: async (query, params) => (await sql.query(query, params)).rows,
    controlPool(options = {}) {
      const control = createControlPool(url, { timeoutMs: 5000, ...options });
      controls.push(control);
      return control;
    },
    async close() {
      await Promise.all(controls.splice(0).map((control) => control.end()));
      await sql.end().catch(() => undefined);
      await orm.close(true);
      await dropDatabase(name);
    },
  };
}

/**
 * One database for a file's tests (or a describe's): opened before them all, closed after them
 * all. The object is filled in when it opens, so a file names it once (`const db = useTestDatabase()`).
 */
export function useTestDatabase(): TestDatabase {
  const database = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(database, await openTestDatabase());
  });
  afterAll(async () => {
    await database.close?.();
  });
  return database;
}
