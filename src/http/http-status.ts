import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { CLASSIFICATION } from '../errors/classification';
import type { ErrorCode } from '../errors/error-code';
import type { GraphQLContext } from '../graphql/context';

/** Seconds a client should wait before sending again, for Retry-After: at least one. */
export const retryAfterSeconds = (retryAfterMs: unknown): string =>
  String(Math.max(1, Math.ceil((typeof retryAfterMs === 'number' ? retryAfterMs : 1000) / 1000)));

/** The challenge of a 401: the scheme, and why when a token was sent (RFC 6750). */
export const bearerChallenge = (tokenSent: boolean): string => (tokenSent ? 'Bearer realm="hotel-api", error="invalid_token"' : 'Bearer realm="hotel-api"');

/** The error that decides the HTTP status: the first whose code has one, when no root field has data. */
function decisive(errors: readonly GraphQLFormattedError[], data: Record<string, unknown> | null | undefined) {
  if (data && Object.values(data).some((value) => value !== null)) return undefined;
  return errors.find((error) => CLASSIFICATION[error.extensions?.code as ErrorCode]?.httpStatus);
}

/**
 * A request that failed as a whole says so in its HTTP status, as proxies and clients
 * expect: 401 with WWW-Authenticate for a token that is missing or not valid, 429 and 503
 * with Retry-After when throttled or when the database is unavailable. Partial answers,
 * and failures a mutation's union carries, stay 200.
 */
export function httpStatusPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          const error = errors && decisive(errors, data);
          if (!error) return;
          const status = CLASSIFICATION[error.extensions!.code as ErrorCode].httpStatus!;
          response.http.status = status;
          if (status === 401) response.http.headers.set('www-authenticate', bearerChallenge(Boolean(contextValue?.authFailure)));
          if (status === 429 || status === 503) response.http.headers.set('retry-after', retryAfterSeconds(error.extensions?.retryAfterMs));
        },
      };
    },
  };
}
