/**
 * The bare-HTTP floor of bench:peers: `node:http` and one SQL join through node-postgres,
 * answering the staff app's page as the API would shape it, and nothing else (no
 * GraphQL, no authentication, no limits). Prints "listening <url>" when ready.
 */
import http from 'node:http';
import pg from 'pg';
import { FLOOR_PAGE_SQL, type FloorRow, pageOfFloorRows, readAsPostgresPrints } from './page-query';

readAsPostgresPrints(pg.types);

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', async () => {
    try {
      const { rows } = await pool.query<FloorRow>(FLOOR_PAGE_SQL);
      const body = JSON.stringify(pageOfFloorRows(rows));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    } catch (error) {
      response.writeHead(500);
      response.end(String(error));
    }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${(server.address() as { port: number }).port}/graphql\n`));
process.on('SIGTERM', async () => {
  server.close();
  await pool.end();
  process.exit(0);
});
