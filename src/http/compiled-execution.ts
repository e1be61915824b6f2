import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { type ExecutionResult, execute, type GraphQLSchema, print } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** Documents kept compiled per process: the staff app sends a few dozen; a client inventing documents only empties the store. */
export const COMPILED_DOCUMENTS = 1_000;

/**
 * Executes queries by a plan compiled once per document (graphql-jit): the walk over the
 * selection, the calls to the schema's own resolvers (field guards, the query deadline),
 * the leaf serialisation, turned into one function, where graphql-js interprets the
 * document again for every field of every row. Apollo still parses, validates, applies the
 * query limits and formats the errors; it hands execution to a gateway's executor, the one
 * place it lets another executor in.
 *
 * graphql-js stays the reference: a query whose compiled run meets any error (bad
 * variables, a refused field, a fault) is answered by graphql-js instead, so every error
 * reads exactly as before; a query changes nothing, so running it again is harmless.
 * Mutations always run on graphql-js: one field each, their time is the database's.
 */
export type ExecutionPlan = 'compiled' | 'interpreted';

export function compiledExecution(schema: GraphQLSchema, onExecuted: (plan: ExecutionPlan) => void = () => undefined): Gateway {
  type Plan = ReturnType<typeof compileQuery>;
  const compiled = new Map<string, Plan>();
  // A document is compiled when it comes a second time: one sent once, as a client
  // inventing documents sends them, costs graphql-js's run and not a compilation too.
  const seenOnce = new Set<string>();
  const planFor = (source: string, document: Parameters<typeof compileQuery>[1], operationName: string | null | undefined): Plan | undefined => {
    const key = `${operationName ?? ''}\u0000${source}`;
    const known = compiled.get(key);
    if (known) return known;
    if (!seenOnce.has(key)) {
      if (seenOnce.size >= COMPILED_DOCUMENTS) seenOnce.clear();
      seenOnce.add(key);
      return undefined;
    }
    seenOnce.delete(key);
    const plan = compileQuery(schema, document, operationName ?? undefined);
    if (compiled.size >= COMPILED_DOCUMENTS) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, plan);
    return plan;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({
      executor: async (request) => {
        const variables = request.request.variables ?? {};
        if (request.operation?.operation === 'query') {
          const plan = planFor(request.source ?? print(request.document), request.document, request.request.operationName);
          if (plan && isCompiledQuery(plan as never)) {
            const result = await (plan as CompiledQuery).query(undefined, request.context, variables);
            if (!result.errors?.length) {
              onExecuted('compiled');
              return result as ExecutionResult<Record<string, unknown>>;
            }
          }
        }
        const result = await execute({
          schema,
          document: request.document,
          contextValue: request.context,
          variableValues: variables,
          operationName: request.request.operationName,
        });
        onExecuted('interpreted');
        return result as ExecutionResult<Record<string, unknown>>;
      },
    }),
    stop: async () => undefined,
  };
}
