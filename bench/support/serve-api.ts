/**
 * The API as its own process, as in production, so the load generator does not share its
 * event loop: `node -r ./scripts/register-ts.cjs bench/support/serve-api.ts` with
 * DATABASE_URL; prints "listening <url>" when ready.
 */
import 'reflect-metadata';
import { loadConfig } from '../../src/config';
import { initOrm, requestPoolOptions } from '../../src/db/database';
import { startApi } from '../../src/http/server';
import { createLogger } from '../../src/logging/logger';

async function main() {
  const config = { ...loadConfig(), port: 0 };
  const logger = createLogger(config.logLevel);
  const orm = await initOrm(config.databaseUrl!, logger, { preferTs: true, ...requestPoolOptions({ ...config, poolSize: 20 }) });
  const api = await startApi({ orm, config, logger });
  process.stdout.write(`listening ${api.url}\n`);
  process.on('SIGTERM', async () => {
    await api.close();
    await orm.close();
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
