import type { EntityManager, MikroORM, Options } from '@mikro-orm/postgresql';
import { afterAll, beforeAll } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { type Config, loadConfig } from '../../src/config';
import { requestPoolOptions } from '../../src/db/database';
import { Role } from '../../src/entities/role';
import { type RunningApi, startApi } from '../../src/http/server';
import { createLogger } from '../../src/logging/logger';
import { leaksIn } from './leak-scan';
import { logSink } from './log-sink';
import { openTestDatabase, type TestDatabase } from './test-database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions: Record<string, any> }[];
  body: string;
}

/** SQL statements the ORM sends, recorded while `recording` is on. */
export class QueryRecorder {
  recording = false;
  statements: string[] = [];

  log = (message: string) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colours MikroORM adds
    const plain = message.replace(/\x1b\[[0-9;]*m/g, '');
    if (this.recording && plain.startsWith('[query]')) this.statements.push(plain);
  };

  async count(work: () => Promise<unknown>): Promise<number> {
    this.statements = [];
    this.recording = true;
    try {
      await work();
    } finally {
      this.recording = false;
    }
    return this.statements.length;
  }
}

export interface TestApi {
  /** The GraphQL endpoint. */
  url: string;
  database: TestDatabase;
  /** The database's ORM, which the server uses too. */
  orm: MikroORM;
  api: RunningApi;
  config: Config;
  queries: QueryRecorder;
  /** Every JSON log line the server wrote. */
  logLines: Record<string, any>[];
  tokens: { admin: string; staff: string; partner: string; otherPartner: string };
  /** A fresh fork of the ORM's EntityManager. */
  em(): EntityManager;
  graphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null; headers?: Record<string, string>; constraintNames?: boolean },
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** A real server on a free port, over a fresh database, with a token for each role. */
export async function startTestApi(options: { config?: Partial<Config>; orm?: Partial<Options> } = {}): Promise<TestApi> {
  const { sink, lines: logLines } = logSink();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'info', sink);
  const queries = new QueryRecorder();
  const config: Config = { ...loadConfig({}), port: 0, host: '127.0.0.1', ...options.config };
  const database = await openTestDatabase({ logger, orm: { ...requestPoolOptions(config), debug: ['query'], logger: queries.log, ...options.orm } });
  const { orm } = database;
  const api = await startApi({ orm, config, logger });

  const em = orm.em.fork();
  const admin = issueToken(em, { name: 'test admin', role: Role.ADMIN });
  const staff = issueToken(em, { name: 'test staff', role: Role.STAFF });
  const partner = issueToken(em, { name: 'test partner', role: Role.PARTNER, channel: 'partner-a' });
  const otherPartner = issueToken(em, { name: 'other partner', role: Role.PARTNER, channel: 'partner-b' });
  await em.flush();
  const tokens = { admin: admin.secret, staff: staff.secret, partner: partner.secret, otherPartner: otherPartner.secret };

  return {
    url: api.url,
    orm,
    database,
    api,
    config,
    queries,
    logLines,
    tokens,
    em: database.em,
    async graphql(query, variables, requestOptions = {}) {
      const token = requestOptions.token === undefined ? tokens.admin : requestOptions.token;
      const response = await fetch(api.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...requestOptions.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.text();
      const leaks = leaksIn(body, { constraintNames: requestOptions.constraintNames });
      if (leaks.length) throw new Error(`response leaks ${leaks.join(', ')}: ${body.slice(0, 500)}`);
      const parsed = body ? JSON.parse(body) : {};
      return { status: response.status, headers: response.headers, data: parsed.data, errors: parsed.errors, body };
    },
    async close() {
      await api.close();
      await database.close();
    },
  };
}

type TestApiOptions = Parameters<typeof startTestApi>[0];

/**
 * One API for a file's tests: started before them all, closed after them all. The object is
 * filled in when it starts, so a file names it once at the top (`const t = useTestApi()`).
 * Options known only once an earlier hook has run go in as a function, called when it starts.
 */
export function useTestApi(options: TestApiOptions | (() => TestApiOptions) = {}): TestApi {
  const t = {} as TestApi;
  beforeAll(async () => {
    Object.assign(t, await startTestApi(typeof options === 'function' ? options() : options));
  });
  afterAll(async () => {
    await t.close?.();
  });
  return t;
}
