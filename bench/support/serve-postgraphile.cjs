// PostGraphile 5 (amber preset) on DATABASE_URL, for bench:peers: `node -r ./bench/support/promise-shim.cjs bench/support/serve-postgraphile.cjs`.
// Prints "listening <url>" when ready. Production settings: no GraphiQL, no explain, no watch.
const http = require('node:http');
const { postgraphile } = require('postgraphile');
const { PostGraphileAmberPreset } = require('postgraphile/presets/amber');
const { makePgService } = require('postgraphile/adaptors/pg');
const { grafserv } = require('postgraphile/grafserv/node');

async function main() {
  const preset = {
    extends: [PostGraphileAmberPreset],
    pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: Number(process.env.POOL_SIZE ?? 20) } })],
    grafserv: { graphiql: false, watch: false, maxRequestLength: 1_000_000 },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = http.createServer();
  serv.addTo(server);
  await serv.ready?.();
  await pgl.getSchema();
  server.listen(0, '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${server.address().port}/graphql\n`));
  process.on('SIGTERM', async () => {
    server.close();
    await pgl.release();
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
