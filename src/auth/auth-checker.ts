import type { AuthChecker } from 'type-graphql';
import { Forbidden, Unauthenticated } from '../errors/hotel-error';
import type { GraphQLContext } from '../graphql/context';
import { accessOf, PUBLIC } from './access-policy';

/**
 * type-graphql's auth checker, driven by the role matrix instead of roles written on each
 * resolver. It throws rather than returning false so the client gets our codes.
 */
export const authChecker: AuthChecker<GraphQLContext> = ({ context, info }) => {
  const access = accessOf(info.parentType.name, info.fieldName);
  if (access === PUBLIC) return true;
  if (!context.caller) throw new Unauthenticated(context.authFailure ?? undefined);
  if (!access?.includes(context.caller.role)) throw new Forbidden();
  return true;
};
