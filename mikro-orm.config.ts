import path from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { ENTITIES } from './src/entities';
import { applyForeignKeyConventions } from './src/entities/foreign-key-conventions';

/**
 * The one ORM configuration, shared by the server, the scripts, the tests and the
 * MikroORM CLI. `__dirname` is the repository root when run from source and `dist/`
 * when compiled, so the migrations path is right in both.
 */
export function ormConfig(clientUrl: string | undefined, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { onMetadata: applyForeignKeyConventions },
    allowGlobalContext: false,
    ensureDatabase: false,
    pool: { min: 0, max: 10 },
    migrations: {
      path: path.join(__dirname, 'migrations'),
      pathTs: path.join(__dirname, 'migrations'),
      glob: '!(*.d).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
    ...overrides,
  });
}

export default ormConfig(process.env.DATABASE_URL, { preferTs: true });
