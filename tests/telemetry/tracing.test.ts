import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SpanKind, trace } from '@opentelemetry/api';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { hashSecret, issueToken } from '../../src/auth/api-tokens';
import { ConfigError, loadConfig } from '../../src/config';
import { Role } from '../../src/entities/role';
import { tracingFromEnvironment, tracingRequested } from '../../src/telemetry/tracing';
import { useTestDatabase } from '../support/test-database';
import type { PrintedSpan } from '../support/traced-api';

const ROOT = path.join(__dirname, '..', '..');

/** The spans of one trace, and the chain of parents of any of them up to the root. */
function traceOf(spans: PrintedSpan[], traceId: string) {
  const members = spans.filter((span) => span.traceId === traceId);
  const byId = new Map(members.map((span) => [span.spanId, span]));
  const ancestors = (span: PrintedSpan): string[] => {
    const names: string[] = [];
    for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) {
      names.push(parent.name);
    }
    return names;
  };
  return { members, byId, ancestors };
}

describe('OpenTelemetry tracing', () => {
  const database = useTestDatabase();

  it('records each request as one trace: HTTP with its route, GraphQL with the operation name, pg with statements but no values, and no secret or guest data', async () => {
    const em = database.em();
    const token = issueToken(em, { name: 'traced admin', role: Role.ADMIN });
    await em.flush();

    const { stdout } = await promisify(execFile)(process.execPath, ['-r', './scripts/register-ts.cjs', 'tests/support/traced-api.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: database.url,
        TRACED_TOKEN: token.secret,
        TRACED_QUERY: 'query TracedBusinessDate { businessDate }',
        TRACED_GUEST: 'guest-ada-lovelace@example.com',
      },
    });
    const { answers, spans } = JSON.parse(stdout) as { answers: { status: number; body: any }[]; spans: PrintedSpan[] };
    const date = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
    expect(answers.map((answer) => [answer.status, answer.body.data?.businessDate])).toEqual([
      [200, date],
      [200, date],
      [200, date],
    ]);

    // The process's background work (sweeps, the webhook poller) makes no trace of its own.
    const servers = spans.filter((span) => span.kind === SpanKind.SERVER);
    expect(servers.map((span) => [span.name, span.parentSpanId, span.attributes['http.route'], span.attributes['http.response.status_code']])).toEqual([
      ['POST /graphql', undefined, '/graphql', 200],
      ['POST /graphql', undefined, '/graphql', 200],
      ['GET /graphql', undefined, '/graphql', 200],
    ]);
    // The GET's URL keeps its shape, not the document and variables it carried.
    expect(servers[2].attributes['url.query']).toBe('query=REDACTED&variables=REDACTED');

    // The first run is graphql-js's, the others the compiled plan's: each names the operation and holds its statements.
    for (const server of servers) {
      const { members, ancestors } = traceOf(spans, server.traceId);
      expect(members.filter((span) => span !== server).every((span) => ancestors(span).at(-1) === server.name)).toBe(true);
      const operation = members.find((span) => span.name === 'graphql query:businessDate');
      expect(operation?.attributes).toEqual({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'TracedBusinessDate' });
      const calendarRead = members.find((span) => String(span.attributes['db.query.text']).includes('from hotel_calendar'));
      expect(calendarRead?.kind).toBe(SpanKind.CLIENT);
      expect(ancestors(calendarRead!)).toContain('graphql query:businessDate');
    }

    const first = traceOf(spans, servers[0].traceId).members;
    expect(first.find((span) => span.name === 'query TracedBusinessDate')?.attributes).toMatchObject({
      'graphql.operation.name': 'TracedBusinessDate',
      'graphql.operation.type': 'query',
    });
    expect(first.map((span) => span.name)).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate']));
    // Authentication's statement is there, with its placeholder and without the value bound to it.
    const authentication = first.find((span) => String(span.attributes['db.query.text']).includes('where t.secret_hash = $1'));
    expect(authentication?.attributes['db.system.name']).toBe('postgresql');
    const printed = JSON.stringify(spans);
    expect(printed).not.toContain(token.secret);
    expect(printed).not.toContain(hashSecret(token.secret));
    expect(printed).not.toContain('ada-lovelace');
    expect(spans.flatMap((span) => Object.keys(span.attributes)).filter((key) => /parameter|values|header/i.test(key))).toEqual([]);
  });

  it('is imported first by src/main.ts, so that HTTP, Express, GraphQL and pg load patched', () => {
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, 'src/main.ts'), 'utf8'), true, true);
    expect(importedFiles[0].fileName).toBe('./telemetry/process-tracing');
  });

  it('is on only when an OTEL_* variable asks for it, as the SDK reads them', () => {
    const asks = (env: Record<string, string>) => tracingRequested(loadConfig(env).tracing);
    expect(asks({})).toBe(false);
    expect(asks({ OTEL_SERVICE_NAME: 'front-desk' })).toBe(false);
    expect(asks({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(asks({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(asks({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(asks({ OTEL_TRACES_EXPORTER: 'otlp, none' })).toBe(true);
    expect(asks({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(asks({ OTEL_SDK_DISABLED: 'TRUE', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
    expect(asks({ OTEL_SDK_DISABLED: 'false', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(loadConfig({}).tracing.serviceName).toBe('hotel-api');
    expect(() => loadConfig({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(
      new ConfigError('OTEL_TRACES_EXPORTER must be otlp, console, zipkin or none, comma-separated, got "jaeger"'),
    );
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(ConfigError);
  });

  it('starts no SDK without OTEL_* variables, nor with a configuration that does not load', () => {
    expect(tracingFromEnvironment({})).toBeUndefined();
    expect(tracingFromEnvironment({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBeUndefined();
    expect(tracingFromEnvironment({ OTEL_TRACES_EXPORTER: 'console', PORT: 'eighty' })).toBeUndefined();
    // Nothing registered a tracer provider: every span is the API's no-op.
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
  });
});
