/**
 * npm run bench:read — the nested bookings page over HTTP against its floor.
 *
 * Loads BENCH_BOOKINGS bookings (default 10,000), then, at BENCH_CONNECTIONS (20) for
 * BENCH_SECONDS (10) after a warm-up, measures:
 *   - the API: `bookings(first: 100) { room { roomType } customer }` with autocannon;
 *   - the floor: the same rows by one SQL join through node-postgres, same concurrency.
 * Prints req/s, p50, p99 of both and the API's share of the floor's throughput.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import pg from 'pg';
import { startApiProcess } from './support/api-process';
import { issueBenchToken, openBenchDatabase } from './support/bench-database';
import { generateHotel } from './support/generate-hotel';
import { formatFigures, measureLoop } from './support/latency';
import { BOOKINGS_PAGE_QUERY, FLOOR_PAGE_SQL } from './support/page-query';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;

const PAGE_QUERY = process.env.BENCH_QUERY ?? BOOKINGS_PAGE_QUERY;
function runAutocannon(url: string, token: string, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: CONNECTIONS,
        duration,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: PAGE_QUERY }),
        // A GraphQL error still answers 200: count any answer that is not a full page as an error.
        verifyBody: (body: string) => !body.includes('"errors"') && (!!process.env.BENCH_QUERY || body.split('"roomType"').length === 101),
      } as autocannon.Options,
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function main() {
  console.log(`bench:read — ${BOOKINGS} bookings, ${CONNECTIONS} connections, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up`);
  const database = await openBenchDatabase('hotel_bench_read');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await generateHotel(client, { bookings: BOOKINGS, rooms: Math.max(50, Math.ceil(BOOKINGS / 50)), customers: Math.max(100, BOOKINGS / 5) });
  await client.end();

  const secret = await issueBenchToken(database.url);

  const api = await startApiProcess(database.url);
  try {
    const check = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: PAGE_QUERY }),
    });
    const body = (await check.json()) as { data?: { bookings: { nodes: unknown[] } }; errors?: unknown };
    if (body.errors || (!process.env.BENCH_QUERY && body.data?.bookings.nodes.length !== 100))
      throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);

    await runAutocannon(api.url, secret, WARMUP_SECONDS);
    const result = await runAutocannon(api.url, secret, SECONDS);
    const apiFigures = {
      requests: result.requests.total,
      errors: result.errors + result.non2xx + result.mismatches,
      perSecond: result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
    };

    const pool = new pg.Pool({ connectionString: database.url, max: CONNECTIONS });
    await measureLoop(CONNECTIONS, WARMUP_SECONDS * 1000, () => pool.query(FLOOR_PAGE_SQL));
    const floor = await measureLoop(CONNECTIONS, SECONDS * 1000, () => pool.query(FLOOR_PAGE_SQL));
    await pool.end();

    console.log(formatFigures('API  bookings page (HTTP, GraphQL)', apiFigures));
    console.log(formatFigures('floor one SQL join (node-postgres)', floor));
    console.log(`API throughput = ${((apiFigures.perSecond / floor.perSecond) * 100).toFixed(1)}% of the floor (target: at least 30%)`);
  } finally {
    await api.stop();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
