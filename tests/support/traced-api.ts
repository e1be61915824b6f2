/**
 * A real API process traced into memory, for tests/telemetry/tracing.test.ts: it starts
 * tracing first, as src/main.ts does, then the API on DATABASE_URL, sends TRACED_QUERY with
 * TRACED_TOKEN twice by POST and once by GET (with TRACED_GUEST in its variables), stops,
 * and prints every finished span as one JSON line on stdout.
 *
 *   DATABASE_URL=… TRACED_TOKEN=… TRACED_QUERY='query Name { … }' TRACED_GUEST=… node -r ./scripts/register-ts.cjs tests/support/traced-api.ts
 */
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../src/telemetry/tracing';

const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor(exporter);
const tracing = startTracing('hotel-api', [processor]);

/** A span as the test reads it. */
export interface PrintedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

function printable(span: ReadableSpan): PrintedSpan {
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId, parentSpanId: span.parentSpanContext?.spanId, name: span.name, kind: span.kind, attributes: { ...span.attributes } };
}

async function run(): Promise<void> {
  // Required only now, after the instrumentations: they patch a module as it is first loaded.
  require('reflect-metadata');
  const { loadConfig } = require('../../src/config') as typeof import('../../src/config');
  const { initOrm, requestPoolOptions } = require('../../src/db/database') as typeof import('../../src/db/database');
  const { startApi } = require('../../src/http/server') as typeof import('../../src/http/server');
  const { createLogger } = require('../../src/logging/logger') as typeof import('../../src/logging/logger');

  const config = { ...loadConfig(), port: 0, host: '127.0.0.1' };
  const logger = createLogger('silent');
  const orm = await initOrm(config.databaseUrl!, logger, requestPoolOptions(config));
  const api = await startApi({ orm, config, logger });
  // Twice: the second run is graphql-jit's compiled plan, which graphql-js's instrumentation never sees.
  const answers: { status: number; body: unknown }[] = [];
  for (let run = 0; run < 2; run++) {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.TRACED_TOKEN}` },
      body: JSON.stringify({ query: process.env.TRACED_QUERY }),
    });
    answers.push({ status: response.status, body: await response.json() });
  }
  // And once as a GET, whose URL carries the document and a variable holding TRACED_GUEST.
  const url = new URL(api.url);
  url.search = new URLSearchParams({ query: process.env.TRACED_QUERY!, variables: JSON.stringify({ guest: process.env.TRACED_GUEST }) }).toString();
  const get = await fetch(url, { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${process.env.TRACED_TOKEN}` } });
  answers.push({ status: get.status, body: await get.json() });
  await api.close();
  await orm.close();
  // An ended span reaches the exporter once the resource's attributes are known: wait for it.
  await processor.forceFlush();
  // Read before shutting down: the in-memory exporter forgets its spans when it is shut down.
  const spans = exporter.getFinishedSpans().map(printable);
  await tracing.shutdown();
  process.stdout.write(`${JSON.stringify({ answers, spans })}\n`);
}

run().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
