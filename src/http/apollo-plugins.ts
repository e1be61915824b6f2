import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, type DocumentNode, GraphQLError, type OperationDefinitionNode, visit } from 'graphql';
import { UnauthenticatedError } from '../errors/unauthenticated-error';
import type { GraphQLContext } from '../graphql/context';
import { requestScope } from '../logging/request-context';
import type { HttpMetrics } from './metrics';

/**
 * A bounded label for an operation: its type and first root field, e.g. "query:bookings"
 * or "mutation:createBooking+1". The client's operationName is free text and would let any
 * caller grow the metrics without limit.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined | null): string {
  if (!operation) return 'unparsed';
  const fields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === 'Field' ? [selection.name.value] : []));
  const first = fields[0] ?? 'fragment';
  return `${operation.operation}:${first}${fields.length > 1 ? `+${fields.length - 1}` : ''}`;
}

/** Request count and latency per operation, and the operation name on every log line. */
export function metricsPlugin(metrics: HttpMetrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let label = 'unparsed';
      return {
        async didResolveOperation({ operation }) {
          label = operationLabel(operation);
          const scope = requestScope.getStore();
          if (scope) {
            scope.operationName = label;
            scope.clientOperationName = operation?.name?.value;
          }
        },
        async willSendResponse({ response, errors, contextValue }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const failed = (errors?.length ?? 0) > 0 || (response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0);
          metrics.graphqlRequests.inc({ operation: label, outcome: failed ? 'error' : 'ok' });
          metrics.graphqlDuration.observe({ operation: label }, seconds);
          contextValue?.logger?.debug({ operation: label, durationMs: Math.round(seconds * 1000), failed }, 'graphql request');
        },
      };
    },
  };
}

function asksForTheSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Introspection is for the hotel's own and its partners, not for strangers: outside
 * production (where it is off altogether) it needs a valid token of any role.
 */
export function introspectionNeedsToken(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (contextValue.caller || !asksForTheSchema(document)) return;
          const refusal = new UnauthenticatedError(contextValue.authFailure ?? 'Introspection needs a valid bearer token.');
          // GraphQLError takes any object as its original; the formatter finds the classified one there.
          throw new GraphQLError(refusal.message, { originalError: refusal as unknown as Error });
        },
      };
    },
  };
}

export const REPLAYED_HEADER = 'idempotent-replayed';

/** A replayed answer says so, as Stripe's do: `Idempotent-Replayed: true`. */
export function replayedHeader(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (requestScope.getStore()?.replayed) response.http.headers.set(REPLAYED_HEADER, 'true');
        },
      };
    },
  };
}
