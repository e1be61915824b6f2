import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { operationLabel } from './apollo-plugins';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

const tracer = trace.getTracer('hotel-api');

/**
 * One span per executed operation, around whichever executor runs it. The GraphQL
 * instrumentation sees only graphql-js's `execute`: a query compiled by graphql-jit (every
 * query a client sends again) and a document Apollo already parsed and validated would leave
 * no GraphQL span at all, and their statements would hang off the HTTP span unnamed. Without
 * tracing switched on the span is a no-op.
 */
export function tracedExecution(gateway: Gateway): Gateway {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const loaded = await gateway.load(options);
      const executor = loaded.executor;
      if (!executor) return loaded;
      return {
        ...loaded,
        executor: (request) => {
          const operation = request.operation;
          // No operation chosen (several in the document, none named): graphql-js answers that, nothing ran to trace.
          if (!operation) return executor(request);
          const attributes = {
            'graphql.operation.type': operation.operation,
            // The client's own name, as the instrumentation records it; the span's name is the bounded label.
            ...(request.operationName ? { 'graphql.operation.name': request.operationName } : {}),
          };
          return tracer.startActiveSpan(`graphql ${operationLabel(operation)}`, { attributes }, async (span) => {
            try {
              const result = await executor(request);
              // No message: a GraphQL error may quote a variable's value, and values may be a guest's.
              if (result.errors?.length) span.setStatus({ code: SpanStatusCode.ERROR });
              return result;
            } catch (error) {
              span.setStatus({ code: SpanStatusCode.ERROR });
              throw error;
            } finally {
              span.end();
            }
          });
        },
      };
    },
  };
}
