import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/entities/role';
import { launchBrowser } from '../support/browser';
import { fixtures } from '../support/fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

const EMAIL = 'spa.desk@hotel.test';
/** The password fixtures give every user. */
const PASSWORD = 'secret-password';

/**
 * A staff app in miniature: it logs in, lists bookings with the session token, and writes
 * what happened into the page, where the test reads it.
 */
function staffAppPage(apiUrl: string): string {
  const script = `
    const api = ${JSON.stringify(apiUrl)};
    async function call(query, variables, token) {
      const headers = { 'content-type': 'application/json' };
      if (token) headers.authorization = 'Bearer ' + token;
      const response = await fetch(api, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() };
    }
    (async () => {
      const out = document.getElementById('result');
      try {
        const login = await call(
          'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { __typename ... on LoginSuccess { token } } }',
          { email: ${JSON.stringify(EMAIL)}, password: ${JSON.stringify(PASSWORD)} },
        );
        const token = login.body.data.login.token;
        const list = await call('query Bookings { bookings(first: 10) { totalCount nodes { id status } } }', {}, token);
        out.textContent = JSON.stringify({ login: login.body.data.login.__typename, status: list.status, requestId: list.requestId, bookings: list.body.data.bookings });
      } catch (error) {
        out.textContent = JSON.stringify({ failed: String(error) });
      }
      out.dataset.done = 'true';
    })();`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>staff app</title></head><body><pre id="result"></pre><script>${script}</script></body></html>`;
}

/** Serves the page on a port of its own: another port is another origin to the browser. */
async function servePage(page: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Loads the page, waits for its script to finish, and returns what it wrote and what the console said. */
async function runStaffApp(browser: Browser, origin: string): Promise<{ result: any; console: string[] }> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const console: string[] = [];
    tab.on('console', (message) => console.push(message.text()));
    await tab.goto(`${origin}/`);
    const text = await tab.locator('#result[data-done="true"]').textContent({ timeout: 20_000 });
    return { result: JSON.parse(text ?? 'null'), console };
  } finally {
    await context.close();
  }
}

describe('the staff app in a browser, on another origin', () => {
  let t: TestApi;
  let browser: Browser;
  let allowedPage: { server: Server; origin: string };
  let otherPage: { server: Server; origin: string };
  let bookingId: string;

  beforeAll(async () => {
    // The pages need the API's address, and the API the pages' origins: the pages ask for it when loaded.
    let apiUrl = '';
    [allowedPage, otherPage, browser] = await Promise.all([servePage(() => staffAppPage(apiUrl)), servePage(() => staffAppPage(apiUrl)), launchBrowser()]);
    t = await startTestApi({ config: { corsOrigins: [allowedPage.origin] } });
    apiUrl = t.url;
    const f = fixtures(t.em());
    await f.user({ email: EMAIL, role: Role.STAFF });
    const room = await f.room(await f.roomType());
    bookingId = String((await f.booking(room, await f.customer(), 3, 2)).id);
  });
  afterAll(async () => {
    await browser?.close();
    allowedPage?.server.close();
    otherPage?.server.close();
    await t?.close();
  });

  it('logs in and lists bookings from an allowed origin', async () => {
    expect(new URL(t.url).origin).not.toBe(allowedPage.origin);
    const { result } = await runStaffApp(browser, allowedPage.origin);
    expect(result).toEqual({
      login: 'LoginSuccess',
      status: 200,
      // An exposed header: without Access-Control-Expose-Headers the page would read null.
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      bookings: { totalCount: 1, nodes: [{ id: bookingId, status: 'CONFIRMED' }] },
    });
  });

  it('is refused from an origin not on the list: the browser stops at the preflight, nothing is read', async () => {
    const seen = t.logLines.length;
    const { result, console } = await runStaffApp(browser, otherPage.origin);
    expect(result).toEqual({ failed: 'TypeError: Failed to fetch' });
    expect(console.join('\n')).toContain(`from origin '${otherPage.origin}' has been blocked by CORS policy`);
    // The API saw the login's preflight and refused it; the login itself was never sent.
    await expect
      .poll(() =>
        t.logLines
          .slice(seen)
          .filter((line) => line.msg === 'http request')
          .map((line) => [line.method, line.path, line.status]),
      )
      .toEqual([['OPTIONS', '/graphql', 403]]);
  });
});
