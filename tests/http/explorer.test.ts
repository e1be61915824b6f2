import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_ASSETS_PATH } from '../../src/http/explorer';
import { launchBrowser } from '../support/browser';
import { useTestApi } from '../support/test-api';

/** Where the installed ruru's files are served: its version is in the path. */
const ASSETS = `${EXPLORER_ASSETS_PATH}${JSON.parse(readFileSync(path.join(path.dirname(require.resolve('ruru')), '..', 'package.json'), 'utf8')).version}/`;

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Every file the page names: its links and module imports, and the workers it builds from the assets' path. */
function assetsOf(html: string): string[] {
  const named = [...html.matchAll(/(\/explorer\/[^"'\s)]+\.(?:js|css))/g)].map((match) => match[1]);
  const folder = /new URL\("(\/explorer\/[^"]+\/)"/.exec(html)?.[1];
  const workers = [...html.matchAll(/worker\("([^"]+)"\)/g)].map((match) => `${folder}${match[1]}`);
  return [...new Set([...named, ...workers])].sort();
}

describe('the explorer in development', () => {
  const t = useTestApi();
  let origin: string;

  beforeAll(async () => {
    origin = new URL(t.url).origin;
  });

  it('answers a browser’s GET /graphql with the explorer page, every file of which the API serves itself', async () => {
    const response = await fetch(t.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('"endpoint": "/graphql"');
    expect(html).toContain('"defaultHeaders": "{\\n  \\"Authorization\\": \\"Bearer \\"\\n}"');
    // Nothing from elsewhere: no CDN, no absolute URL at all.
    expect(html.match(/https?:\/\//g)).toBeNull();

    const assets = assetsOf(html);
    expect(assets).toEqual([`${ASSETS}editorWorker.js`, `${ASSETS}graphqlWorker.js`, `${ASSETS}jsonWorker.js`, `${ASSETS}ruru.css`, `${ASSETS}ruru.js`]);
    for (const asset of assets) {
      const file = await fetch(`${origin}${asset}`);
      expect([asset, file.status, file.headers.get('cache-control')]).toEqual([asset, 200, 'public, max-age=31536000, immutable']);
      expect(file.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript|^application\/javascript/);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await fetch(`${origin}${ASSETS}no-such-file.js`)).status).toBe(404);
  });

  it('leaves GET /graphql to GraphQL for a client that does not ask for HTML, or sends a query', async () => {
    const json = await fetch(t.url, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(400);
    expect(((await json.json()) as any).errors[0].extensions.code).toBe('CSRF_PREVENTED');
    const withQuery = await fetch(`${t.url}?query=${encodeURIComponent('{ businessDate }')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true', authorization: `Bearer ${t.tokens.staff}` },
    });
    expect(withQuery.status).toBe(200);
    expect(((await withQuery.json()) as any).data.businessDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let page: Page;
    const requested: string[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      page = await browser.newPage();
      page.on('request', (request) => requested.push(request.url()));
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders, and with the token pasted after "Bearer " in its Headers, loads the schema and runs { businessDate }', async () => {
      const refused = page.waitForResponse((response) => response.url() === t.url && response.request().method() === 'POST');
      await page.goto(t.url);
      await page.locator('.graphiql-container .graphiql-execute-button').waitFor();
      // Without a token its introspection is refused, and says why.
      const refusal = await refused;
      expect([refusal.status(), ((await refusal.json()) as any).errors[0].message]).toEqual([401, 'Introspection needs a valid bearer token.']);

      // As the README says: the Headers tab holds {"Authorization": "Bearer "}; the token goes after "Bearer ".
      const headersEditor = page.locator('section[aria-label="Headers"] .monaco-editor[data-uri$="headers.json"]');
      await headersEditor.locator('.view-lines').click();
      for (const key of ['Control+Home', 'ArrowDown', 'End', 'ArrowLeft']) await page.keyboard.press(key);
      await page.keyboard.insertText(t.tokens.staff);

      const introspected = page.waitForResponse(
        (response) => response.url() === t.url && (response.request().postData() ?? '').includes('IntrospectionQuery') && response.status() === 200,
      );
      await page.click('[aria-label^="Re-fetch GraphQL schema"]');
      const introspection = await introspected;
      expect(await introspection.request().headerValue('authorization')).toBe(`Bearer ${t.tokens.staff}`);
      expect(((await introspection.json()) as any).data.__schema.queryType).toEqual({ name: 'Query', kind: 'OBJECT' });

      const { data } = await t.graphql<{ businessDate: string }>('{ businessDate }', {}, { token: t.tokens.staff });
      await page.click('[aria-label^="Execute query"]');
      await page
        .locator('.result-window')
        .filter({ hasText: `"businessDate": "${data!.businessDate}"` })
        .waitFor();

      // Every file and call the page made went to the API's own origin.
      expect(requested.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
      expect(requested.filter((url) => url.startsWith(`${origin}${ASSETS}`)).length).toBeGreaterThan(5);
    });
  });
});

describe('the explorer in production', () => {
  const t = useTestApi({ config: { nodeEnv: 'production' } });

  it('is not served: a browser’s GET /graphql is refused as before, and the assets are an unknown route', async () => {
    const page = await fetch(t.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await page.json()) as any).errors[0].extensions.code).toBe('CSRF_PREVENTED');
    const asset = await fetch(`${new URL(t.url).origin}${ASSETS}ruru.js`);
    expect(asset.status).toBe(404);
    expect(((await asset.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
