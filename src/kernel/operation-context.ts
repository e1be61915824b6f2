import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import { User } from '../entities/user.entity';
import type { Logger } from '../logging/logger';
import { type Caller, describeCaller } from './caller';

/**
 * What a service needs of the operation it serves: the transaction's EntityManager and
 * who is acting. The GraphQL context has this shape; services know nothing else of it.
 */
export interface OperationContext {
  em: EntityManager;
  caller: Caller | null;
  config: Config;
  logger: Logger;
}

/** The staff user acting, as a reference for actor columns; null for integration tokens. */
export function actingUser(ctx: OperationContext): User | null {
  return ctx.caller?.userId ? ctx.em.getReference(User, ctx.caller.userId) : null;
}

export function actorLabel(ctx: OperationContext): string {
  return describeCaller(ctx.caller);
}
