import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, useTestApi } from '../support/test-api';

let base: string;
const t = useTestApi();
beforeAll(async () => {
  base = t.url.replace(/\/graphql$/, '');
});

describe('HTTP endpoints', () => {
  it('/healthz answers 200 while the process is up', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when the database answers', async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
  });

  it('/metrics counts GraphQL requests and their latency by operation', async () => {
    await t.graphql('{ rooms { totalCount } }');
    await t.graphql('{ rooms { totalCount } }');
    await t.graphql('{ rooms(first: 500) { totalCount } }');
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('hotel_graphql_requests_total{operation="query:rooms",outcome="ok"} 2');
    expect(text).toContain('hotel_graphql_requests_total{operation="query:rooms",outcome="error"} 1');
    expect(text).toMatch(/hotel_graphql_request_duration_seconds_count\{operation="query:rooms"\} 3/);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('hotel_errors_total{category="VALIDATION",code="BAD_USER_INPUT",constraint=""} 1');
  });

  it('gives every response a request id, keeping a sane one the caller sent', async () => {
    const generated = await t.graphql('{ me { role } }');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.graphql('{ me { role } }', {}, { headers: { 'x-request-id': 'desk-7.call-42' } });
    expect(kept.headers.get('x-request-id')).toBe('desk-7.call-42');
    const replaced = await t.graphql('{ me { role } }', {}, { headers: { 'x-request-id': 'a b<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes the request id on every log line the request causes', async () => {
    const before = t.logLines.length;
    await t.graphql('{ bookings(first: 0) { totalCount } }', {}, { headers: { 'x-request-id': 'trace-me-123' } });
    const lines = t.logLines.slice(before).filter((line) => line.msg === 'classified error');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId: 'trace-me-123', operation: 'query:bookings', code: 'BAD_USER_INPUT' });
  });

  it('answers malformed JSON, unknown routes and oversized bodies with a JSON error, not a stack', async () => {
    const malformed = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST' });
    const unknown = await fetch(`${base}/admin`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const huge = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { role } }`, pad: 'x'.repeat(2_000_000) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('/readyz answers 503 once the database is gone, while /healthz stays 200', async () => {
    const other = await startTestApi();
    const otherBase = other.url.replace(/\/graphql$/, '');
    expect((await fetch(`${otherBase}/readyz`)).status).toBe(200);
    // Dropping the database ends every connection to it, the control ones included.
    await other.database.close();
    expect((await fetch(`${otherBase}/readyz`)).status).toBe(503);
    expect((await fetch(`${otherBase}/healthz`)).status).toBe(200);
    await other.api.close();
  });
});
