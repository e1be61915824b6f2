import type { AddressInfo } from 'node:net';
import express from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { logAccess } from '../../src/http/access-log';
import { assignRequestId } from '../../src/http/request-id';
import { createLogger } from '../../src/logging/logger';
import { logSink } from '../support/log-sink';
import { useTestApi } from '../support/test-api';

const METRICS_TOKEN = 'metrics-token-for-the-access-log-test';
const WRONG_SECRET = 'hotel_a-secret-that-must-never-be-logged';
const PASSWORD = 'a-password-that-must-never-be-logged';

let staffTokenId: number;

const t = useTestApi({ config: { metricsToken: METRICS_TOKEN } });
beforeAll(async () => {
  [{ id: staffTokenId }] = await t.database.rows<{ id: number }>("select id from api_tokens where name = 'test staff'");
});

async function send(path: string, init: RequestInit = {}): Promise<{ status: number; requestId: string }> {
  const response = await fetch(new URL(path, t.url), init);
  await response.arrayBuffer();
  return { status: response.status, requestId: response.headers.get('x-request-id') ?? '' };
}

function postGraphQL(body: unknown, token?: string) {
  return send('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The access log lines of one request, once its line has been written (on close, just after the answer). */
async function accessLinesOf(requestId: string): Promise<Record<string, any>[]> {
  const lines = () => t.logLines.filter((line) => line.msg === 'http request' && line.requestId === requestId);
  await expect.poll(() => lines().length).toBeGreaterThan(0);
  return lines();
}

/** A line as pino writes it: its level, time and service beside the fields of the request. */
function accessLine(fields: Record<string, unknown>) {
  return {
    level: 'info',
    time: expect.any(String),
    service: 'hotel-api',
    msg: 'http request',
    durationMs: expect.any(Number),
    clientAddress: '127.0.0.1',
    ...fields,
  };
}

describe('the access log', () => {
  it('writes one line for an anonymous request, with its operation and no token', async () => {
    const answer = await postGraphQL({
      query: 'mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }',
      operationName: 'SignIn',
      variables: { email: 'nobody@hotel.test', password: PASSWORD },
    });
    expect(answer.status).toBe(200);
    expect(await accessLinesOf(answer.requestId)).toEqual([
      accessLine({
        method: 'POST',
        path: '/graphql',
        operation: 'mutation:login',
        operationName: 'SignIn',
        status: 200,
        requestId: answer.requestId,
        tokenId: null,
      }),
    ]);
  });

  it('names the caller’s token by its id', async () => {
    const answer = await postGraphQL({ query: 'query Who { me { role } }' }, t.tokens.staff);
    expect(await accessLinesOf(answer.requestId)).toEqual([
      accessLine({
        method: 'POST',
        path: '/graphql',
        operation: 'query:me',
        operationName: 'Who',
        status: 200,
        requestId: answer.requestId,
        tokenId: staffTokenId,
      }),
    ]);
  });

  it('writes one line for a failing request too: a refused token, an unreadable body, an unknown route', async () => {
    const refused = await postGraphQL({ query: '{ me { role } }' }, WRONG_SECRET);
    const unreadable = await postGraphQL('{ not json');
    const unknown = await send('/nowhere?secret=x');
    expect([refused.status, unreadable.status, unknown.status]).toEqual([401, 400, 404]);
    expect(await accessLinesOf(refused.requestId)).toEqual([
      // The token is judged when the operation needs it: after the operation is known.
      accessLine({ method: 'POST', path: '/graphql', operation: 'query:me', status: 401, requestId: refused.requestId, tokenId: null }),
    ]);
    expect(await accessLinesOf(unreadable.requestId)).toEqual([
      accessLine({ method: 'POST', path: '/graphql', status: 400, requestId: unreadable.requestId, tokenId: null }),
    ]);
    expect(await accessLinesOf(unknown.requestId)).toEqual([
      accessLine({ method: 'GET', path: '/nowhere', status: 404, requestId: unknown.requestId, tokenId: null }),
    ]);
  });

  it('leaves out the query string, where a GET carries its query and variables', async () => {
    const query = encodeURIComponent('query Mine($first: Int) { bookings(first: $first) { totalCount } }');
    const answer = await send(`/graphql?query=${query}&operationName=Mine&variables=${encodeURIComponent(JSON.stringify({ first: 1 }))}`, {
      headers: { 'apollo-require-preflight': 'true', accept: 'application/json', authorization: `Bearer ${t.tokens.staff}` },
    });
    expect(answer.status).toBe(200);
    expect(await accessLinesOf(answer.requestId)).toEqual([
      accessLine({
        method: 'GET',
        path: '/graphql',
        operation: 'query:bookings',
        operationName: 'Mine',
        status: 200,
        requestId: answer.requestId,
        tokenId: staffTokenId,
      }),
    ]);
  });

  it('keeps probes and scrapes out of the info log unless they fail', async () => {
    const probes = [await send('/healthz'), await send('/readyz'), await send('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })];
    expect(probes.map((probe) => probe.status)).toEqual([200, 200, 200]);
    const refusedScrape = await send('/metrics');
    expect(refusedScrape.status).toBe(401);
    expect(await accessLinesOf(refusedScrape.requestId)).toEqual([
      accessLine({ method: 'GET', path: '/metrics', status: 401, requestId: refusedScrape.requestId, tokenId: null }),
    ]);
    expect(t.logLines.filter((line) => probes.some((probe) => probe.requestId === line.requestId))).toEqual([]);
  });

  it('never writes a bearer secret or a password, anywhere in the log', async () => {
    const requests = [
      await postGraphQL({ query: '{ me { role } }' }, t.tokens.admin),
      await postGraphQL({ query: `mutation { login(email: "x@hotel.test", password: "${PASSWORD}") { __typename } }` }),
      await send('/metrics', { headers: { authorization: `Bearer ${WRONG_SECRET}` } }),
    ];
    for (const { requestId } of requests) expect(await accessLinesOf(requestId)).toHaveLength(1);
    const log = JSON.stringify(t.logLines);
    for (const secret of [...Object.values(t.tokens), WRONG_SECRET, PASSWORD, METRICS_TOKEN]) expect(log).not.toContain(secret);
  });
});

describe('the access log line of a probe, and of a request whose client went away', () => {
  it('writes probes at debug, and an aborted request with aborted: true and no status', async () => {
    const { sink, lines } = logSink();
    const app = express();
    app.use(assignRequestId, logAccess(createLogger('debug', sink)));
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    let stuckEntered = false;
    // Never answers: the client gives up first.
    app.get('/stuck', () => {
      stuckEntered = true;
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const giveUp = new AbortController();
      const stuck = fetch(`${base}/stuck`, { signal: giveUp.signal });
      await expect.poll(() => stuckEntered).toBe(true);
      giveUp.abort();
      await expect(stuck).rejects.toThrow();
      await expect.poll(() => lines.length).toBe(2);
      expect(lines.map(({ level, method, path, status, aborted, tokenId }) => ({ level, method, path, status, aborted, tokenId }))).toEqual([
        { level: 'debug', method: 'GET', path: '/healthz', status: 200, aborted: undefined, tokenId: null },
        { level: 'info', method: 'GET', path: '/stuck', status: null, aborted: true, tokenId: null },
      ]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
