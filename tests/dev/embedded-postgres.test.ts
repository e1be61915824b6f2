import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachToRunningPostgres, EmbeddedPostgresError, type RunningPostgres, startEmbeddedPostgres } from '../../src/dev/embedded-postgres';

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

/** The postmaster's pid and port, from the lock file it keeps in its data directory. */
async function postmaster(directory: string): Promise<{ pid: number; port: number }> {
  const lines = (await fs.readFile(path.join(directory, 'postmaster.pid'), 'utf8')).split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

describe('a supervised embedded PostgreSQL', () => {
  it('is restarted on the same port after it is killed, its data kept, and says so', async () => {
    const directory = path.join(dir, 'supervised');
    const events: string[] = [];
    // Durable, as npm start runs it: a commit is on disk before it is acknowledged.
    const server = await startEmbeddedPostgres({
      dataDir: directory,
      durable: true,
      restarts: 2,
      onDeath: ({ attempt, of }) => events.push(`died ${attempt}/${of}`),
      onRestart: ({ attempt }) => events.push(`restarted ${attempt}`),
      onGiveUp: (error) => events.push(`gave up: ${error.message}`),
    });
    try {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      await client.query('create table kept (n int); insert into kept values (42)');
      await client.end();
      const before = await postmaster(directory);
      process.kill(before.pid, 'SIGKILL');
      await until(() => server.state() === 'restarting');
      await until(() => server.state() === 'up');
      expect(events).toEqual(['died 1/2', 'restarted 1']);
      expect((await postmaster(directory)).port).toBe(before.port);
      const again = new pg.Client({ connectionString: server.adminUrl });
      await again.connect();
      expect((await again.query('select n from kept')).rows).toEqual([{ n: 42 }]);
      await again.end();
    } finally {
      await server.stop();
    }
    expect(server.state()).toBe('up');
  });

  it('gives up, in one line, once its restarts are spent', async () => {
    const directory = path.join(dir, 'doomed');
    let gaveUp: EmbeddedPostgresError | undefined;
    const deaths: number[] = [];
    const server = await startEmbeddedPostgres({
      dataDir: directory,
      durable: false,
      restarts: 2,
      onDeath: ({ attempt }) => deaths.push(attempt),
      onGiveUp: (error) => {
        gaveUp = error;
      },
    });
    // Another listener takes its port the moment it dies: every restart fails to bind.
    const { pid, port } = await postmaster(directory);
    const squatter = net.createServer();
    try {
      process.kill(pid, 'SIGKILL');
      await until(() => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      });
      await new Promise<void>((resolve, reject) => squatter.once('error', reject).listen(port, '127.0.0.1', resolve));
      await until(() => gaveUp !== undefined);
      expect(server.state()).toBe('failed');
      expect(deaths).toEqual([1, 2]);
      expect(gaveUp?.message).toMatch(
        /^embedded PostgreSQL died and could not be restarted \(2 restarts tried\): embedded PostgreSQL could not start: FATAL: {2}could not (bind|create any TCP\/IP sockets)/,
      );
      expect(gaveUp?.message).not.toContain('\n');
    } finally {
      squatter.close();
      await server.stop();
    }
  });
});
