import { afterAll, beforeAll } from 'vitest';
import { type ListeningApi, startApiProcesses, stopApiProcesses } from './spawn-api';
import { openTestDatabase, type TestDatabase } from './test-database';

// Apart from spawn-api.ts, which bench:chaos imports outside vitest.

/** A test file's own database and `count` API processes on it, as ADMIN `token`: started before its tests, stopped after them. */
export interface ProcessesOfFile {
  db: TestDatabase;
  apis: ListeningApi[];
}

export function apiProcessesOfFile(count: number, token: string, env: Record<string, string> = {}): ProcessesOfFile {
  const house = {} as ProcessesOfFile;
  beforeAll(async () => {
    house.db = await openTestDatabase();
    house.apis = await startApiProcesses(count, { DATABASE_URL: house.db.url, HOTEL_BOOTSTRAP_ADMIN_TOKEN: token, ...env }, token);
  });
  afterAll(async () => {
    await stopApiProcesses(house.apis ?? []);
    await house.db?.close();
  });
  return house;
}
