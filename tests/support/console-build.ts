import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { builtConsoleDirectory } from '../../src/http/console';

const root = path.resolve(__dirname, '../..');
const web = path.join(root, 'web');

/** The newest modification time among the console's sources and what its build reads (the lock file: another Vite, another Preact). */
async function newestSource(dir = web): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(full) : statSync(full).mtimeMs);
  }
  return dir === web ? Math.max(newest, statSync(path.join(root, 'package-lock.json')).mtimeMs) : newest;
}

/**
 * Builds the console (`npm run build:console`) when dist/console is missing or older than
 * web/: once after a change to it (about 2 s), and not at all otherwise, so `npm test` pays
 * for it only when there is something new to build. Test files that run at once take turns
 * through a lock directory, and the one that comes second finds the build done.
 */
export async function ensureConsoleBuilt(): Promise<string> {
  const dir = builtConsoleDirectory();
  const index = path.join(dir, 'index.html');
  const lock = path.join(root, 'dist', '.console-build.lock');
  await fs.mkdir(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      await fs.mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any build is one a killed run left behind.
      if (waited > 120_000 || Date.now() - statSync(lock).mtimeMs > 120_000) await fs.rm(lock, { recursive: true, force: true });
      await sleep(100);
    }
  }
  try {
    if (!existsSync(index) || statSync(index).mtimeMs < (await newestSource())) {
      await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts'], {
        cwd: root,
      });
    }
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
  return dir;
}
