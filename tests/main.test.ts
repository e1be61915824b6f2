import { execSync } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterDirectory } from '../src/db/database';
import { createLogger } from '../src/logging/logger';
import { spawnApi } from './support/spawn-api';
import { openTestDatabase } from './support/test-database';

async function gql(url: string, token: string | null, query: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function postgresProcessesOf(dataDir: string): number {
  const out = execSync('ps -eo args', { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('postgres') && line.includes(dataDir)).length;
}

describe('npm start on the embedded PostgreSQL', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hotel-start-'));
    await fs.chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('creates the cluster, seeds the demo hotel, prints the URL, the ADMIN and PARTNER tokens and the staff logins, and stops cleanly on SIGTERM', async () => {
    const api = spawnApi({ HOTEL_DATA_DIR: dataDir });
    const [, url] = await api.waitFor(/Hotel API: (http:\/\/\S+)\n/);
    const [, token] = await api.waitFor(/ADMIN token: (\S+)\n/);
    const [, partnerToken] = await api.waitFor(/PARTNER token: (\S+)\n/);
    await api.waitFor(/housekeeping@hotel\.example \(STAFF\)\n/);
    expect(api.stdout()).toContain('Staff logins, password hotel-demo-password:\n  admin@hotel.example (ADMIN)\n  frontdesk@hotel.example (STAFF)\n');
    const { data } = await gql(url, token, '{ me { role } rooms { totalCount } roomTypes { totalCount } bookings { totalCount } }');
    expect(data.me.role).toBe('ADMIN');
    const partner = await gql(url, partnerToken, '{ me { role } }');
    expect(partner.data.me.role).toBe('PARTNER');
    const login = await gql(url, null, 'mutation { login(email: "frontdesk@hotel.example", password: "hotel-demo-password") { __typename } }');
    expect(login.data.login.__typename).toBe('LoginSuccess');
    expect(data.rooms.totalCount).toBe(40);
    expect(data.roomTypes.totalCount).toBe(5);
    expect(data.bookings.totalCount).toBeGreaterThan(100);

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(postgresProcessesOf(dataDir)).toBe(0);
    expect(api.stderr()).toBe('');
  });

  it('keeps the data on the next start, without seeding again, and prints the same token', async () => {
    const api = spawnApi({ HOTEL_DATA_DIR: dataDir });
    const [, url] = await api.waitFor(/Hotel API: (http:\/\/\S+)\n/);
    const [, token] = await api.waitFor(/ADMIN token: (\S+)\n/);
    const { data } = await gql(url, token, '{ rooms { totalCount } roomTypes { totalCount } }');
    expect(data).toEqual({ rooms: { totalCount: 40 }, roomTypes: { totalCount: 5 } });
    expect(api.stdout()).not.toContain('seeded the demo hotel');
    api.child.kill('SIGINT');
    expect(await api.exited).toBe(0);
  });

  it('starts after a crash left PostgreSQL and its lock file behind', async () => {
    const crashed = spawnApi({ HOTEL_DATA_DIR: dataDir });
    await crashed.waitFor(/Hotel API: /);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    expect(postgresProcessesOf(dataDir)).toBeGreaterThan(0);

    const api = spawnApi({ HOTEL_DATA_DIR: dataDir });
    const [, url] = await api.waitFor(/Hotel API: (http:\/\/\S+)\n/);
    const [, token] = await api.waitFor(/ADMIN token: (\S+)\n/);
    expect((await gql(url, token, '{ rooms { totalCount } }')).data.rooms.totalCount).toBe(40);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(postgresProcessesOf(dataDir)).toBe(0);
  });

  it('starts when the lock file names a live process that is not PostgreSQL', async () => {
    const lockFile = path.join(dataDir, 'pg', 'postmaster.pid');
    await fs.writeFile(lockFile, `${process.pid}\n${path.join(dataDir, 'pg')}\n`);
    const api = spawnApi({ HOTEL_DATA_DIR: dataDir });
    await api.waitFor(/Hotel API: /);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  });

  it('refuses, in one line, to start a second server on the cluster a running one serves, and leaves that one running', async () => {
    const first = spawnApi({ HOTEL_DATA_DIR: dataDir });
    const [, url] = await first.waitFor(/Hotel API: (http:\/\/\S+)\n/);
    const [, token] = await first.waitFor(/ADMIN token: (\S+)\n/);
    const second = spawnApi({ HOTEL_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(/^hotel-api: another process \(PostgreSQL pid \d+\) is serving .*; stop it first, or give this one its DATABASE_URL\n$/);
    expect((await gql(url, token, '{ rooms { totalCount } }')).data.rooms.totalCount).toBe(40);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('restarts an embedded PostgreSQL that dies, /healthz saying so meanwhile; past its restarts, exits 1 with one line', async () => {
    const api = spawnApi({ HOTEL_DATA_DIR: dataDir, EMBEDDED_POSTGRES_RESTARTS: '2' });
    const [, url] = await api.waitFor(/Hotel API: (http:\/\/\S+)\n/);
    const [, token] = await api.waitFor(/ADMIN token: (\S+)\n/);
    const healthz = new URL('/healthz', url).href;
    const postmaster = async () => {
      const lines = (await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n');
      return { pid: Number(lines[0]), port: Number(lines[3]) };
    };
    const statuses = new Set<number>();
    const watch = async (until: (status: number) => boolean) => {
      for (let i = 0; i < 400; i++) {
        const status = await fetch(healthz).then((response) => response.status);
        statuses.add(status);
        if (until(status)) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`/healthz never changed: ${[...statuses]}`);
    };

    const first = await postmaster();
    process.kill(first.pid, 'SIGKILL');
    await watch((status) => status === 503);
    await watch((status) => status === 200);
    expect((await gql(url, token, '{ rooms { totalCount } }')).data.rooms.totalCount).toBe(40);
    expect(api.stdout()).toMatch(/"msg":"embedded PostgreSQL died; restarting it"/);
    expect(api.stdout()).toMatch(/"msg":"embedded PostgreSQL restarted"/);

    // Killed again, with its port taken at once: the second restart allowed fails.
    const second = await postmaster();
    expect(second.port).toBe(first.port);
    const squatter = net.createServer();
    process.kill(second.pid, 'SIGKILL');
    for (let i = 0; i < 200 && isRunning(second.pid); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise<void>((resolve) => squatter.listen(second.port, '127.0.0.1', resolve));
    try {
      expect(await api.exited).toBe(1);
    } finally {
      squatter.close();
    }
    expect(api.stderr()).toMatch(
      /^hotel-api: embedded PostgreSQL died and could not be restarted \(2 restarts tried\): embedded PostgreSQL could not start: FATAL: {2}could not [^\n]*\n$/,
    );
    expect(postgresProcessesOf(dataDir)).toBe(0);
  });

  it('fails with one line, not a stack, when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const api = spawnApi({ HOTEL_DATA_DIR: dataDir, PORT: String(port) });
    expect(await api.exited).toBe(1);
    blocker.close();
    expect(api.stderr()).toBe(`hotel-api: port ${port} on 127.0.0.1 is already in use; stop the other process or set PORT\n`);
    expect(postgresProcessesOf(dataDir)).toBe(0);
  });
});

describe('npm start in a checkout closed to other users', () => {
  it('keeps the embedded cluster where the postgres user can reach it, and says so', async () => {
    const closed = await fs.mkdtemp(path.join(os.tmpdir(), 'hotel-closed-'));
    await fs.chmod(closed, 0o700);
    const dataDir = path.join(closed, '.data');
    const cluster = clusterDirectory(dataDir, createLogger('silent'));
    try {
      const api = spawnApi({ HOTEL_DATA_DIR: dataDir });
      const [, url] = await api.waitFor(/Hotel API: (http:\/\/\S+)\n/);
      const [, token] = await api.waitFor(/ADMIN token: (\S+)\n/);
      expect((await gql(url, token, '{ rooms { totalCount } }')).data.rooms.totalCount).toBe(40);
      if (process.getuid?.() === 0) {
        expect(cluster.startsWith(path.join(closed, '.data'))).toBe(false);
        expect(api.stdout()).toContain('the postgres user cannot reach the data directory');
      }
      expect(postgresProcessesOf(cluster)).toBeGreaterThan(0);
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    } finally {
      await fs.rm(closed, { recursive: true, force: true });
      await fs.rm(path.dirname(cluster), { recursive: true, force: true });
    }
  });
});

describe('npm start with DATABASE_URL', () => {
  it('fails with one line when the database cannot be reached', async () => {
    const api = spawnApi({ DATABASE_URL: 'postgresql://hotel:secret@127.0.0.1:1/hotel' });
    expect(await api.exited).toBe(1);
    expect(api.stderr()).toMatch(/^hotel-api: cannot reach the database at 127\.0\.0\.1:1\/hotel: connect ECONNREFUSED 127\.0\.0\.1:1\n$/);
    expect(api.stderr()).not.toContain('secret');
  });

  it('migrates without seeding or printing a token, and honours HOTEL_BOOTSTRAP_ADMIN_TOKEN', async () => {
    const database = await openTestDatabase();
    const secret = 'bootstrap-admin-token-for-tests-0123456789';
    const api = spawnApi({ DATABASE_URL: database.url, HOTEL_BOOTSTRAP_ADMIN_TOKEN: secret });
    const line = await api.waitFor(/^\{.*"msg":"hotel API listening".*$/m);
    const url = JSON.parse(line[0]).url;
    const { data } = await gql(url, secret, '{ me { role tokenName } rooms { totalCount } }');
    expect(data).toEqual({ me: { role: 'ADMIN', tokenName: 'bootstrap admin' }, rooms: { totalCount: 0 } });
    expect(api.stdout()).not.toContain('ADMIN token');
    expect(api.stdout()).not.toContain('seeded');
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    await database.close();
  });
});
