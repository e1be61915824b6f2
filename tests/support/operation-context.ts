import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config';
import { Role } from '../../src/entities/role';
import type { Caller } from '../../src/kernel/caller';
import type { OperationContext } from '../../src/kernel/operation-context';
import { createLogger } from '../../src/logging/logger';

/** An ADMIN integration token, as a test's calls of services are made. */
export const TEST_ADMIN: Caller = { tokenId: 1, tokenName: 'test admin', role: Role.ADMIN, userId: null, channel: null };

/** What a service sees of an operation, for tests that call services without the API. */
export function operationContext(em: EntityManager, caller: Caller = TEST_ADMIN): OperationContext {
  return { em, caller, config: loadConfig({}), logger: createLogger('silent') };
}
