import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context';

/** Rejects with the signal's reason once it aborts. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
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
      const answer = Promise.resolve(resolve(source, args, context, info));
      return Promise.race([answer, whenAborted(context.cancellation.signal)]);
    };
  }
  return schema;
}
