import { type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema, getNullableType, isObjectType, isUnionType } from 'graphql';
import { DEFAULT_TRANSACTION_OPTIONS, inTransaction } from '../db/transaction';
import { ClassifiedError } from '../errors/classified-error';
import { classifyPgError } from '../errors/classify-pg-error';
import { RESULT_ERROR_TYPES } from '../errors/error-types';
import { ValidationError } from '../errors/validation-error';
import { requestScope } from '../logging/request-context';
import type { GraphQLContext } from './context';
import { idempotencyKeyOf, onceByKey } from './idempotency';
import { createLoaders } from './loaders';
import { type ResultUnion, resultUnion, showsASecretOnce } from './results/mutation-result';

/**
 * The result union of a Mutation field, checked when the schema is built: every mutation
 * answers with a `<Name>Result` union made by mutationResult from what its operation
 * declares it can throw.
 */
function resultUnionOf(field: GraphQLField<unknown, unknown>): ResultUnion & { replayedField?: string } {
  const resultType = getNullableType(field.type);
  const union = isUnionType(resultType) ? resultUnion(resultType.name) : undefined;
  if (!isUnionType(resultType) || !union) throw new Error(`mutation ${field.name} does not return a result union made by mutationResult`);
  const success = resultType.getTypes().find((type) => type.name.endsWith('Success'));
  const replayed = success && isObjectType(success) && 'replayed' in success.getFields() ? 'replayed' : undefined;
  return { ...union, replayedField: replayed };
}

/**
 * The one place where mutations get their transaction and their error handling. Every
 * Mutation field is wrapped so that:
 *  - it runs in exactly one transaction (inTransaction: retried on a fresh one when
 *    PostgreSQL says it may be, cancelled at the request's deadline or at shutdown), its
 *    services seeing that transaction as `context.em`;
 *  - with an idempotency key (the Idempotency-Key header, or the input's idempotencyKey),
 *    it runs at most once per key, its first success stored in that same transaction and
 *    replayed for 24 hours;
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
    const union = resultUnionOf(field);

    field.resolve = async (source, args, context, info) => {
      const requestEm = context.em;
      const scope = requestScope.getStore();
      try {
        const keyed = idempotencyKeyOf(context, args);
        if (keyed && showsASecretOnce(union.success)) {
          throw new ValidationError([
            {
              path: keyed.source === 'header' ? ['headers', 'Idempotency-Key'] : ['input', 'idempotencyKey'],
              message: `${info.fieldName} answers with a secret shown once, which cannot be replayed: send it without an idempotency key.`,
            },
          ]);
        }
        const result = await inTransaction(
          requestEm,
          async (tx) => {
            context.em = tx;
            context.loaders = createLoaders(tx);
            const run = async () => resolve(source, args, context, info);
            if (!keyed) return run();
            const once = await onceByKey(context, info.fieldName, keyed, args, { success: union.success, replayedField: union.replayedField }, run);
            if (once.replayed && scope) scope.replayed = true;
            return once.result;
          },
          { ...DEFAULT_TRANSACTION_OPTIONS, logger: context.logger, cancellation: context.cancellation },
        );
        if (scope) {
          scope.committed ??= new Set();
          scope.committed.add(String(info.path.key));
        }
        return result;
      } catch (error) {
        const classified = error instanceof ClassifiedError ? error : classifyPgError(error);
        if (!classified) throw error;
        if (classified.readsAfterRollback) await classified.completeAfterRollback(requestEm.fork({ clear: true }));
        const occurrence = { operation: info.fieldName, requestId: context.requestId };
        if (union.errors.some((type) => classified instanceof type)) {
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
