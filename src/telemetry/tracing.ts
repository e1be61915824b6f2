import type { IncomingMessage } from 'node:http';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { loadConfig, type TracingVariables } from '../config';

/** What a probe asks every few seconds: a trace for each would bury the requests worth reading. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface Tracing {
  /** Ends the SDK, exporting the spans still queued. */
  shutdown(): Promise<void>;
}

/**
 * Whether the environment asks for traces, decided from the variables @opentelemetry/sdk-node
 * 0.223 reads: OTEL_SDK_DISABLED=true stops everything; OTEL_TRACES_EXPORTER starting with
 * `none` means no exporter. The SDK itself exports to a local OTLP collector when nothing is
 * set, so tracing everywhere would be the default: here an exporter or an endpoint must be named.
 */
export function tracingRequested(variables: TracingVariables): boolean {
  if (variables.sdkDisabled) return false;
  if (variables.exporters.length > 0) return variables.exporters[0] !== 'none';
  return variables.otlpEndpoint !== undefined || variables.otlpTracesEndpoint !== undefined;
}

/**
 * Starts OpenTelemetry with the HTTP, Express, GraphQL and PostgreSQL instrumentations. Each
 * patches its module as that module is first required, so this must run before anything
 * loads them: `src/main.ts` imports `process-tracing` first. The exporters are the SDK's, from
 * OTEL_TRACES_EXPORTER and the OTLP variables, unless `spanProcessors` are given (tests).
 */
export function startTracing(serviceName: string, spanProcessors?: SpanProcessor[]): Tracing {
  // Required here, not imported: a process without tracing never loads the SDK and its exporters.
  const { NodeSDK, resources } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation, ExpressLayerType } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');

  const sdk = new NodeSDK({
    // The base the SDK's environment detector lays OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES over.
    resource: resources.defaultResource().merge(resources.resourceFromAttributes({ 'service.name': serviceName })),
    spanProcessors,
    // Traces only: metrics stay Prometheus at /metrics and logs JSON lines on stdout, whatever OTEL_METRICS_EXPORTER says.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      // No request or response headers are recorded (Authorization carries the bearer secret), and
      // a GET's document and variables are redacted from the URL: they may hold a guest's data.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => PROBE_PATHS.has((request.url ?? '').split('?')[0]),
        redactedQueryParamsServer: ['query', 'variables', 'extensions'],
      }),
      // The route handlers' spans are kept, each guard's and parser's would only repeat their parent.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      // Literal values in the document are replaced by "*": they may be a guest's name or email.
      new GraphQLInstrumentation({ allowValues: false, ignoreTrivialResolveSpans: true, mergeItems: true }),
      // Statements without their parameter values (guest data); and no trace of its own for the
      // statements of the background jobs, which poll every second.
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

/**
 * Tracing as the environment asks for it, or undefined. A configuration that does not load
 * starts none: the process then stops on it with the one line that says why.
 */
export function tracingFromEnvironment(env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  let variables: TracingVariables;
  try {
    variables = loadConfig(env).tracing;
  } catch {
    return undefined;
  }
  return tracingRequested(variables) ? startTracing(variables.serviceName) : undefined;
}
