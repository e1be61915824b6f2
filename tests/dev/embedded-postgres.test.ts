import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachToRunningPostgres, type RunningPostgres, startEmbeddedPostgres } from '../../src/dev/embedded-postgres';

let dir: string;
let dataDir: string;
let owner: RunningPostgres;

const answers = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query('select 1 as one')).rows[0].one === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hotel-attach-'));
  await fs.chmod(dir, 0o755);
  dataDir = path.join(dir, 'pg');
  owner = await startEmbeddedPostgres({ dataDir, durable: false });
});
afterAll(async () => {
  await owner.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('attachToRunningPostgres (integrity:report beside npm start)', () => {
  it('shares the PostgreSQL a live process runs on the directory, and leaves it running when done', async () => {
    const shared = attachToRunningPostgres(dataDir);
    expect(shared?.adminUrl).toBe(owner.adminUrl);
    expect(await answers(shared!.adminUrl)).toBe(true);
    await shared!.stop();
    expect(await answers(owner.adminUrl)).toBe(true);
  });

  it('finds nothing to share where no PostgreSQL runs', async () => {
    expect(attachToRunningPostgres(path.join(dir, 'elsewhere'))).toBeUndefined();
  });
});
