import type { ClassifiedResult } from './types';

/** Same origin as the console: no CORS, and the CSP's connect-src 'self' allows nothing else. */
const GRAPHQL_URL = '/graphql';

/**
 * A failure as the console shows it: the API's own message and code (a top-level error's
 * extensions.code, a result union's code), with the errorId that finds it in the log.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly errorId?: string,
    readonly fieldErrors: { path: string[]; message: string }[] = [],
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; errorId?: string } }[];
}

export type Call = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * A GraphQL call with the session's bearer token. Every way it can fail becomes an ApiError:
 * no answer at all, an answer that is not GraphQL's, or a top-level error; the caller
 * hears of UNAUTHENTICATED first (the session is over) through `onUnauthenticated`.
 */
export function createCall(token: () => string | null, onUnauthenticated: (error: ApiError) => void): Call {
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let response: Response;
    try {
      response = await fetch(GRAPHQL_URL, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    } catch (error) {
      throw new ApiError(`The API could not be reached (${error instanceof Error ? error.message : String(error)}).`, 'NETWORK_ERROR');
    }
    let body: GraphQLBody<T>;
    try {
      body = (await response.json()) as GraphQLBody<T>;
    } catch {
      throw new ApiError(`The API answered HTTP ${response.status} without a GraphQL answer.`, `HTTP_${response.status}`);
    }
    const first = body.errors?.[0];
    if (first) {
      const error = new ApiError(first.message, first.extensions?.code ?? `HTTP_${response.status}`, first.extensions?.errorId);
      if (error.code === 'UNAUTHENTICATED') onUnauthenticated(error);
      throw error;
    }
    if (!body.data) throw new ApiError(`The API answered HTTP ${response.status} without data.`, `HTTP_${response.status}`);
    return body.data;
  };
}

/** The success member of a result union, or its error member thrown as an ApiError. */
export function successOf<S extends { __typename: string }>(result: S | ClassifiedResult, success: S['__typename']): S {
  if (result.__typename === success) return result as S;
  const failure = result as ClassifiedResult;
  throw new ApiError(failure.message, failure.code, undefined, failure.fieldErrors);
}

/** Whatever was thrown, as something with a message and a code to show. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(error instanceof Error ? error.message : String(error), 'CONSOLE_ERROR');
}
