import fs from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtConsoleDirectory, CONSOLE_CONTENT_SECURITY_POLICY, mountConsole } from '../../src/http/console';

/** mountConsole on a bare Express app, over a build made by hand: what each kind of path answers. */

let dir: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'console-build-'));
  const app = express();
  mountConsole(app, dir);
  app.use((_req, res) => res.status(418).send('past the console'));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const get = (pathname: string) => fetch(origin + pathname);

describe('the console before it is built', () => {
  it('answers 503 with a page that says to run npm run build, on every console path', async () => {
    for (const pathname of ['/console', '/console/', '/console/integrity', '/console/assets/index-abc.js']) {
      const response = await get(pathname);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('Run <code>npm run build</code>');
    }
  });
});

describe('the built console', () => {
  beforeAll(async () => {
    await fs.mkdir(path.join(dir, 'assets'));
    await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
    await fs.writeFile(path.join(dir, 'assets', 'index-B0aV_1sB.js'), 'console.log(1)');
    await fs.writeFile(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  });

  it('serves index.html at /console and /console/, revalidated on every load, under a same-origin-only policy', async () => {
    for (const pathname of ['/console', '/console/', '/console/index.html']) {
      const response = await get(pathname);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('<!doctype html><title>console</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(CONSOLE_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it('answers every route of the console with index.html, so a reload or a shared link opens its view', async () => {
    for (const pathname of ['/console/integrity', '/console/delete?entity=CUSTOMER&id=3', '/console/audit/anything']) {
      const response = await get(pathname);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe('<!doctype html><title>console</title>');
    }
  });

  it('caches the hashed assets for a year, immutable; other files are revalidated', async () => {
    const asset = await get('/console/assets/index-B0aV_1sB.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const icon = await get('/console/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 404 for a file that is not there, never the page in its place', async () => {
    for (const pathname of ['/console/assets/index-gone.js', '/console/assets/', '/console/missing.png']) {
      const response = await get(pathname);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('No such file in the console.\n');
    }
  });

  it('leaves other paths to the rest of the app', async () => {
    for (const pathname of ['/consoles', '/console-x', '/graphql']) expect((await get(pathname)).status).toBe(418);
    const post = await fetch(`${origin}/console/integrity`, { method: 'POST' });
    expect(post.status).toBe(418);
  });
});

describe('builtConsoleDirectory', () => {
  it('is dist/console under the project, found from the source as from the build', () => {
    expect(builtConsoleDirectory()).toBe(path.resolve(__dirname, '../../dist/console'));
  });
});
