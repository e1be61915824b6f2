import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { ACCESS_MATRIX, accessOf, PUBLIC } from '../auth/access-policy';
import { ForbiddenError } from '../errors/forbidden-error';
import { UnauthenticatedError } from '../errors/unauthenticated-error';
import type { GraphQLContext } from './context';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** Guards around the default resolver: the field still shows its row's property as it is. */
const guardedProperties = new WeakSet<GraphQLFieldResolver<unknown, GraphQLContext>>();

/** Whether a field shows its source's property of the same name: no resolver of its own, or only the role matrix's guard. */
export function showsItsProperty(field: { resolve?: unknown }): boolean {
  return !field.resolve || guardedProperties.has(field.resolve as GraphQLFieldResolver<unknown, GraphQLContext>);
}

/** Throws our codes unless the role matrix lets this caller reach `parentType.field`. */
export function assertAccess(parentType: string, field: string, context: Pick<GraphQLContext, 'caller' | 'authFailure'>): void {
  const access = accessOf(parentType, field);
  if (access === PUBLIC) return;
  if (!context.caller) throw new UnauthenticatedError(context.authFailure ?? undefined);
  if (!access?.includes(context.caller.role)) throw new ForbiddenError();
}

/**
 * type-graphql's auth checker for the root fields (each carries @Authorized()), driven by
 * the role matrix instead of roles written on each resolver. It throws rather than
 * returning false so the client gets our codes.
 */
export const authChecker: AuthChecker<GraphQLContext> = ({ context, info }) => {
  assertAccess(info.parentType.name, info.fieldName, context);
  return true;
};

/**
 * Enforces the matrix's entries below the root (`Booking.logs`, `Customer.loyaltyPoints`,
 * ...) by wrapping those fields' resolvers. Not with @Authorized: entity types use
 * type-graphql's simpleResolvers, which silently skip the auth checker on plain fields.
 * An entry that names no field of the schema stops the build, so a renamed field cannot
 * quietly lose its guard.
 */
export function applyFieldAccess(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(ACCESS_MATRIX)) {
    if (ROOT_TYPES.has(typeName)) continue;
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`the access matrix names ${typeName}, which is not an object type of the schema`);
    const typeFields = type.getFields();
    for (const fieldName of Object.keys(fields)) {
      const field = typeFields[fieldName];
      if (!field) throw new Error(`the access matrix names ${typeName}.${fieldName}, which the schema does not have`);
      const plain = showsItsProperty(field);
      const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, GraphQLContext>;
      field.resolve = (source, args, context, info) => {
        assertAccess(typeName, fieldName, context);
        return resolve(source, args, context, info);
      };
      if (plain) guardedProperties.add(field.resolve);
    }
  }
  return schema;
}
