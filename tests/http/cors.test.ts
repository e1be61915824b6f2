import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api';

const STAFF_APP = 'https://staff.hotel.example';
const VITE = 'http://localhost:5173';
const STRANGER = 'https://evil.example';

const ALLOWED_HEADERS =
  'authorization, content-type, idempotency-key, apollo-require-preflight, x-apollo-operation-name, x-request-id, traceparent, tracestate';
const EXPOSED_HEADERS = 'retry-after, x-request-id, idempotent-replayed, www-authenticate';

/** What a browser sends before a cross-origin POST with a JSON body and a bearer token. */
function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });
}

function post(url: string, origin: string, init: { body: string; contentType?: string; token?: string }): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { origin, 'content-type': init.contentType ?? 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body,
  });
}

/** The CORS headers of a response, by name, those it lacks as null. */
function corsHeaders(response: Response) {
  const names = ['allow-origin', 'allow-methods', 'allow-headers', 'max-age', 'expose-headers', 'allow-credentials'];
  return Object.fromEntries(names.map((name) => [name, response.headers.get(`access-control-${name}`)]));
}

let t: TestApi;
let sameOriginOnly: TestApi;

beforeAll(async () => {
  [t, sameOriginOnly] = await Promise.all([startTestApi({ config: { corsOrigins: [STAFF_APP, VITE] } }), startTestApi()]);
});
afterAll(async () => {
  await Promise.all([t?.close(), sameOriginOnly?.close()]);
});

describe('CORS preflight', () => {
  it('answers an allowed origin’s preflight with 204 and what its page may send, and no credentials', async () => {
    for (const origin of [STAFF_APP, VITE]) {
      const response = await preflight(t.url, origin);
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
      expect(corsHeaders(response)).toEqual({
        'allow-origin': origin,
        'allow-methods': 'POST, GET, OPTIONS',
        'allow-headers': ALLOWED_HEADERS,
        'max-age': '600',
        'expose-headers': null,
        'allow-credentials': null,
      });
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });

  it('refuses the preflight of an origin not on the list with 403 FORBIDDEN, in the shape of every error', async () => {
    const response = await preflight(t.url, STRANGER);
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual({
      'allow-origin': null,
      'allow-methods': null,
      'allow-headers': null,
      'max-age': null,
      'expose-headers': null,
      'allow-credentials': null,
    });
    expect(response.headers.get('vary')).toBe('Origin');
    const body = (await response.json()) as any;
    expect(body.errors).toEqual([
      {
        message: 'Pages of this origin may not call the API: it is not one of its CORS origins.',
        extensions: { code: 'FORBIDDEN', category: 'AUTHORIZATION', severity: 'MEDIUM', retryable: false, errorId: expect.any(String) },
      },
    ]);
  });

  it('matches origins exactly: another scheme, port or subdomain is another origin', async () => {
    for (const origin of ['http://staff.hotel.example', 'https://staff.hotel.example:8443', 'https://www.staff.hotel.example', 'http://localhost:5174']) {
      expect([origin, (await preflight(t.url, origin)).status]).toEqual([origin, 403]);
    }
  });

  it('refuses every preflight when no CORS origin is configured: same-origin pages only', async () => {
    const response = await preflight(sameOriginOnly.url, STAFF_APP);
    expect(response.status).toBe(403);
    expect(corsHeaders(response)['allow-origin']).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('leaves an OPTIONS that is no preflight (no Origin) to the CSRF guard, as before', async () => {
    const response = await fetch(t.url, { method: 'OPTIONS' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('CSRF_PREVENTED');
  });
});

describe('CORS on actual requests', () => {
  it('lets an allowed origin’s page read the answer and the headers it needs', async () => {
    const response = await post(t.url, STAFF_APP, { body: JSON.stringify({ query: '{ me { role } }' }), token: t.tokens.staff });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data).toEqual({ me: { role: 'STAFF' } });
    expect(corsHeaders(response)).toEqual({
      'allow-origin': STAFF_APP,
      'allow-methods': null,
      'allow-headers': null,
      'max-age': null,
      'expose-headers': EXPOSED_HEADERS,
      'allow-credentials': null,
    });
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('makes errors readable too: a 401 with WWW-Authenticate, a body that is not JSON', async () => {
    const unauthenticated = await post(t.url, VITE, { body: JSON.stringify({ query: '{ me { role } }' }), token: 'hotel_not-a-token' });
    expect([unauthenticated.status, unauthenticated.headers.get('access-control-allow-origin'), unauthenticated.headers.get('www-authenticate')]).toEqual([
      401,
      VITE,
      'Bearer realm="hotel-api", error="invalid_token"',
    ]);
    const unreadable = await post(t.url, VITE, { body: '{ not json' });
    expect([unreadable.status, unreadable.headers.get('access-control-allow-origin')]).toEqual([400, VITE]);
    expect(((await unreadable.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('gives another origin nothing to read: no Access-Control-Allow-Origin', async () => {
    const response = await post(t.url, STRANGER, { body: JSON.stringify({ query: '{ me { role } }' }), token: t.tokens.staff });
    expect(corsHeaders(response)['allow-origin']).toBeNull();
    expect(corsHeaders(response)['expose-headers']).toBeNull();
    const sameOrigin = await post(sameOriginOnly.url, STAFF_APP, { body: JSON.stringify({ query: '{ me { role } }' }), token: sameOriginOnly.tokens.staff });
    expect([sameOrigin.status, sameOrigin.headers.get('access-control-allow-origin'), sameOrigin.headers.get('vary')]).toEqual([200, null, null]);
  });

  it('keeps the CSRF guard for a request a browser sends without a preflight, from any origin', async () => {
    const mutation = JSON.stringify({ query: 'mutation { login(email: "a@hotel.test", password: "x") { __typename } }' });
    for (const origin of [STAFF_APP, STRANGER]) {
      const response = await post(t.url, origin, { body: mutation, contentType: 'text/plain' });
      expect([origin, response.status]).toEqual([origin, 400]);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('CSRF_PREVENTED');
    }
  });
});
