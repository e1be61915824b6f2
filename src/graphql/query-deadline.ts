import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context';

/** The answer, or the signal's reason if it aborts first; the listener goes with the answer. */
function unlessAborted<T>(answer: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A query answers by its deadline: each Query field races the request's cancellation, so a
 * read stuck behind a lock answers REQUEST_TIMEOUT (or SHUTTING_DOWN) when the request's
 * time is up. What it started ends on its own within the session's statement timeout, and
 * a read changes nothing.
 */
export function applyQueryDeadline(schema: GraphQLSchema): GraphQLSchema {
  const queryType = schema.getQueryType();
  for (const field of Object.values(queryType?.getFields() ?? {})) {
    const resolve = field.resolve as GraphQLFieldResolver<unknown, GraphQLContext> | undefined;
    if (!resolve) continue;
    field.resolve = (source, args, context, info) => {
      return unlessAborted(Promise.resolve(resolve(source, args, context, info)), context.cancellation.signal);
    };
  }
  return schema;
}
