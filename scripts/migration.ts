/**
 * `npm run migration:create [-- name]` writes a migration for the difference between the
 * entities and the database; `npm run migration:up` applies pending ones. Both use
 * DATABASE_URL, or the embedded PostgreSQL of `npm start` when it is unset.
 */
import { runScript } from './run-script';
import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { initOrm, migrate, openDatabaseServer } from '../src/db/database';
import { createLogger } from '../src/logging/logger';

async function main(): Promise<number | undefined> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'create' && command !== 'up') {
    console.error('usage: migration (create [name] | up)');
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const server = await openDatabaseServer(config, logger, { shareRunning: true });
  const orm = await initOrm(server.url, logger, { preferTs: true });
  try {
    if (command === 'up') {
      const applied = await migrate(orm, server.url);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
    } else {
      await migrate(orm, server.url);
      const result = await orm.getMigrator().createMigration(undefined, false, false, name);
      console.log(result.fileName ? `created migrations/${result.fileName}` : 'no changes: the database already matches the entities');
    }
  } finally {
    await orm.close();
    await server.stop();
  }
}

runScript(`migration ${process.argv[2] ?? ''}`, main);
