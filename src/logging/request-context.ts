import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  requestId: string;
  operationName?: string;
  /** The name the client gave its operation (`query Bookings { … }`), if any: free text, for the access log only. */
  clientOperationName?: string;
  /** Response keys of the mutations of this request that committed: an error reading their results is no failure of the change. */
  committed?: Set<string>;
  /** A mutation of this request answered with the stored result of an earlier one with its idempotency key. */
  replayed?: boolean;
}

/**
 * The request being served, wherever the code runs: the logger reads it so every line a
 * request causes carries its id, without passing a logger through each call.
 */
export const requestScope = new AsyncLocalStorage<RequestScope>();
