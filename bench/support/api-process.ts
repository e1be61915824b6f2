import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** CPU seconds (user + system) this process has used so far. */
  cpuSeconds(): number;
  /** Resident memory now, in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat: 100 on Linux. */
const CLOCK_TICKS = 100;

/**
 * Starts a benchmark server as its own process, so the load generator does not share its
 * event loop, and waits for it to print "listening <url>".
 */
export async function startServerProcess(args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), ...args], {
    cwd: path.join(__dirname, '..', '..'),
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /listening (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${args.at(-1)} exited with ${code}`)));
  });
  const proc = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
  return {
    url,
    child,
    cpuSeconds: () => {
      // Fields after the command's closing parenthesis: utime is the 12th, stime the 13th.
      const fields = proc('stat')
        .slice(proc('stat').lastIndexOf(')') + 2)
        .split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    rssMiB: () => Number(/VmRSS:\s+(\d+) kB/.exec(proc('status'))?.[1] ?? 0) / 1024,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** bench/support/serve-api.ts against `databaseUrl`: the API with its production settings. */
export function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServerProcess(['-r', './scripts/register-ts.cjs', 'bench/support/serve-api.ts'], { DATABASE_URL: databaseUrl, ...env });
}
