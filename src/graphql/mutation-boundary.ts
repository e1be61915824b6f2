import { type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema, getNullableType, isUnionType } from 'graphql';
import { DEFAULT_TRANSACTION_OPTIONS, inTransaction } from '../db/transaction';
import { ClassifiedError } from '../errors/classified-error';
import { classifyPgError } from '../errors/classify-pg-error';
import { RESULT_ERROR_TYPES } from '../errors/error-types';
import { requestScope } from '../logging/request-context';
import type { GraphQLContext } from './context';
import { createLoaders } from './loaders';
import { resultUnionErrors } from './results/mutation-result';

/**
 * The error types a Mutation field's union holds, checked when the schema is built: every
 * mutation answers with a `<Name>Result` union made by mutationResult from what its
 * operation declares it can throw.
 */
function declaredErrors(field: GraphQLField<unknown, unknown>) {
  const resultType = getNullableType(field.type);
  const errors = isUnionType(resultType) ? resultUnionErrors(resultType.name) : undefined;
  if (!errors) throw new Error(`mutation ${field.name} does not return a result union made by mutationResult`);
  return errors;
}

/**
 * The one place where mutations get their transaction and their error handling. Every
 * Mutation field is wrapped so that:
 *  - it runs in exactly one transaction (inTransaction: retried on a fresh one when
 *    PostgreSQL says it may be), its services seeing that transaction as `context.em`;
 *  - a classified error thrown anywhere below, or PostgreSQL's error classified, is the
 *    union member it answers with, logged and counted once;
 *  - anything else propagates to the top-level `errors`, where the formatter masks it.
 * Services therefore just throw.
 */
export function applyMutationBoundary(schema: GraphQLSchema): GraphQLSchema {
  const mutationType = schema.getMutationType();
  if (!mutationType) return schema;
  for (const field of Object.values(mutationType.getFields())) {
    const resolve = field.resolve as GraphQLFieldResolver<unknown, GraphQLContext>;
    const errors = declaredErrors(field);

    field.resolve = async (source, args, context, info) => {
      const requestEm = context.em;
      try {
        const result = await inTransaction(
          requestEm,
          async (tx) => {
            context.em = tx;
            context.loaders = createLoaders(tx);
            return await resolve(source, args, context, info);
          },
          { ...DEFAULT_TRANSACTION_OPTIONS, logger: context.logger, cancellation: context.cancellation },
        );
        const scope = requestScope.getStore();
        if (scope) (scope.committed ??= new Set()).add(String(info.path.key));
        return result;
      } catch (error) {
        const classified = error instanceof ClassifiedError ? error : classifyPgError(error);
        if (!classified) throw error;
        if (classified.readsAfterRollback) await classified.completeAfterRollback(requestEm.fork({ clear: true }));
        const occurrence = { operation: info.fieldName, requestId: context.requestId };
        if (errors.some((type) => classified instanceof type)) {
          context.errorMonitor.record(classified, occurrence);
          return classified;
        }
        if (RESULT_ERROR_TYPES.some((type) => classified instanceof type)) {
          // A union error the operation did not declare: still answered, as a top-level error, but a fault of ours to fix.
          context.logger.error(
            { operation: info.fieldName, code: classified.code, type: classified.name },
            'mutation failed with an error its operation does not declare',
          );
        }
        throw classified;
      } finally {
        // Results render after the commit, from fresh loaders on the request's own fork.
        context.em = requestEm;
        context.loaders = createLoaders(requestEm);
      }
    };
  }
  return schema;
}
