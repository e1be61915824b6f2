import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Where the integrity console is served, on the API's own origin. */
export const CONSOLE_PATH = '/console';

/**
 * Everything the console loads comes from this origin and it talks to /graphql only: no
 * inline script or style, no other host, no framing (the console deletes and repairs data,
 * so clickjacking it matters).
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names every file under assets/ after a hash of its content: another content is another URL. */
const HASHED_ASSETS = '/assets';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Integrity console not built</title></head>
<body><main><h1>The integrity console is not built</h1>
<p>Run <code>npm run build</code> (<code>npm start</code> does it too), then reload this page.</p></main></body></html>
`;

/**
 * Where `npm run build` writes the console (`dist/console` under the project), found from
 * this file whether it runs as source (src/http, in tests and scripts) or compiled
 * (dist/src/http, under npm start): the nearest folder above it holding package.json.
 */
export function builtConsoleDirectory(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'console');
}

/**
 * Serves the console built into `dir` under CONSOLE_PATH: hashed assets cached for good,
 * index.html revalidated on every load (it names the current assets), and every other path
 * without a file extension answered with index.html, where the console's own router takes
 * over. Whether the build is there is asked per request, so building while the API runs
 * is enough; until then a 503 page says what to run.
 */
export function mountConsole(app: Express, dir: string): void {
  const index = path.join(dir, 'index.html');
  const notFound = (res: Response) => res.status(404).type('text/plain').set('cache-control', 'no-cache').send('No such file in the console.\n');
  const router = express.Router();
  router.use((_req: Request, res: Response, next: NextFunction) => {
    res.set({
      'content-security-policy': CONSOLE_CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    if (existsSync(index)) return next();
    res.status(503).type('html').set('cache-control', 'no-store').send(NOT_BUILT_PAGE);
  });
  router.use(HASHED_ASSETS, express.static(path.join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', redirect: false }));
  router.use(HASHED_ASSETS, (_req: Request, res: Response) => notFound(res));
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      cacheControl: false,
      setHeaders: (res) => res.set('cache-control', 'no-cache'),
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // A missing file stays missing; a route of the console's is the page.
    if (path.extname(req.path)) return notFound(res);
    res.set('cache-control', 'no-cache');
    res.sendFile(index, { cacheControl: false });
  });
  app.use(CONSOLE_PATH, router);
}
