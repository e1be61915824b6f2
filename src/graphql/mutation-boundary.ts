import { type GraphQLFieldResolver, type GraphQLSchema, getNullableType, isObjectType, isUnionType } from 'graphql';
import { DEFAULT_TRANSACTION_OPTIONS, inTransaction } from '../db/transaction';
import { classifyPgError } from '../errors/classify-pg-error';
import { HotelError, type NeedsFreshRead } from '../errors/hotel-error';
import { toResultMember } from '../errors/result-member';
import type { GraphQLContext } from './context';
import { createLoaders } from './loaders';

function needsFreshRead(error: unknown): error is HotelError & NeedsFreshRead {
  return error instanceof HotelError && typeof (error as Partial<NeedsFreshRead>).completeAfterRollback === 'function';
}

/**
 * The one place where mutations get their transaction and their error handling. Every
 * Mutation field is wrapped so that:
 *  - it runs in exactly one transaction (inTransaction: retried on a fresh one when
 *    PostgreSQL says it may be), its services seeing that transaction as `context.em`;
 *  - a classified error thrown anywhere below becomes the member of the field's result
 *    union that stands for it, and is logged and counted once;
 *  - anything else propagates to the top-level `errors`, where the formatter masks it.
 * Services therefore just throw.
 */
export function applyMutationBoundary(schema: GraphQLSchema): GraphQLSchema {
  const mutationType = schema.getMutationType();
  if (!mutationType) return schema;
  for (const field of Object.values(mutationType.getFields())) {
    const resolve = field.resolve as GraphQLFieldResolver<unknown, GraphQLContext>;
    const resultType = getNullableType(field.type);
    const members = isUnionType(resultType) ? new Set(resultType.getTypes().map((type) => type.name)) : new Set<string>();

    field.resolve = async (source, args, context, info) => {
      const requestEm = context.em;
      try {
        return await inTransaction(
          requestEm,
          async (tx) => {
            context.em = tx;
            context.loaders = createLoaders(tx);
            return await resolve(source, args, context, info);
          },
          { ...DEFAULT_TRANSACTION_OPTIONS, logger: context.logger },
        );
      } catch (error) {
        const classified = error instanceof HotelError ? error : classifyPgError(error);
        if (!classified) throw error;
        if (needsFreshRead(classified)) await classified.completeAfterRollback(requestEm.fork({ clear: true }));
        const member = toResultMember(classified);
        const memberName = member && Object.getPrototypeOf(member).constructor.name;
        if (!member || !members.has(memberName)) throw classified;
        context.errorMonitor.record(classified, { operation: info.fieldName, requestId: context.requestId });
        return member;
      } finally {
        // Results render after the commit, from fresh loaders on the request's own fork.
        context.em = requestEm;
        context.loaders = createLoaders(requestEm);
      }
    };
  }
  return schema;
}

/** Whether every Mutation field returns a union, as the API promises. */
export function mutationsWithoutUnion(schema: GraphQLSchema): string[] {
  const mutationType = schema.getMutationType();
  if (!mutationType || !isObjectType(mutationType)) return [];
  return Object.values(mutationType.getFields())
    .filter((field) => !isUnionType(getNullableType(field.type)))
    .map((field) => field.name);
}
