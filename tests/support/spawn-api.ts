import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { keepAliveClient } from './keep-alive-client';

const ROOT = path.join(__dirname, '..', '..');

export interface SpawnedApi {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout match, rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Runs `src/main.ts` as `npm start` would, from source, with the given environment. */
export function spawnApi(env: Record<string, string>): SpawnedApi {
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.cjs', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, timeoutMs = 40_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stdout: ${out} stderr: ${err}`)), timeoutMs);
        const check = () => {
          const match = out.match(pattern);
          if (match) {
            clearTimeout(timer);
            child.stdout?.off('data', check);
            resolve(match);
          }
        };
        child.stdout?.on('data', check);
        exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${code} before ${pattern}; stderr: ${err}`));
        });
        check();
      });
    },
  };
}

/** An API process from spawnApi, listening, with a keep-alive client sending as `token`. */
export interface ListeningApi {
  api: SpawnedApi;
  /** Its GraphQL endpoint, for clients sending as other tokens. */
  url: string;
  client: ReturnType<typeof keepAliveClient>;
}

/** Starts `count` API processes on one database, each with `env`, and waits until every one listens. */
export async function startApiProcesses(count: number, env: Record<string, string>, token: string): Promise<ListeningApi[]> {
  const start = async (): Promise<ListeningApi> => {
    const api = spawnApi(env);
    const [line] = await api.waitFor(/^\{.*"msg":"hotel API listening".*$/m);
    const { url } = JSON.parse(line);
    return { api, url, client: keepAliveClient(url, token, 4) };
  };
  return Promise.all(Array.from({ length: count }, start));
}

/** Closes the clients and stops the processes with SIGTERM, waiting for each to exit. */
export async function stopApiProcesses(apis: readonly ListeningApi[]): Promise<void> {
  for (const { api, client } of apis) {
    client.close();
    api.child.kill('SIGTERM');
    await api.exited;
  }
}
