/**
 * npm run bench:read — the nested bookings page over HTTP against its floor, at each size.
 *
 * For each of BENCH_SIZES bookings (default 10,000 and 100,000) a fresh hotel, then, at
 * BENCH_CONNECTIONS (20) for BENCH_SECONDS (10) after a warm-up, measures:
 *   - the API: `bookings(first: 100) { room { roomType } customer }` with autocannon;
 *   - the API: an arrivals-style list, the stays in house on the middle check-in day of
 *     the calendar (`filter: { from, to }`), 100 of them;
 *   - the floor: the page's rows by one SQL join through node-postgres, same concurrency.
 * Prints req/s, p50, p99 of each, the API's share of the floor's throughput, and how the
 * time per call moved from the smallest size to the largest (flat is the aim: a page's
 * cost is its answer's, not the table's).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import pg from 'pg';
import { startApiProcess } from './support/api-process';
import { issueBenchToken, openBenchDatabase } from './support/bench-database';
import { generateHotel } from './support/generate-hotel';
import { formatFigures, measureLoop } from './support/latency';
import { BOOKINGS_PAGE_QUERY, FLOOR_PAGE_SQL } from './support/page-query';

const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_BOOKINGS ?? '10000,100000').split(',').map(Number);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;

const PAGE_QUERY = process.env.BENCH_QUERY ?? BOOKINGS_PAGE_QUERY;

/** The stays in house on `day`: what the front desk's arrivals and in-house lists ask. */
const inHouseQuery = (day: string, next: string) =>
  `{ bookings(first: 100, filter: { from: "${day}", to: "${next}" }) { nodes { id checkIn checkOut status room { number } customer { lastName } } } }`;

function runAutocannon(url: string, token: string, duration: number, query = PAGE_QUERY, rows = 100): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: CONNECTIONS,
        duration,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
        // A GraphQL error still answers 200: count any answer that is not a full page as an error.
        verifyBody: (body: string) => !body.includes('"errors"') && (!!process.env.BENCH_QUERY || body.split('"room"').length === rows + 1),
      } as autocannon.Options,
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const figuresOf = (result: autocannon.Result) => ({
  requests: result.requests.total,
  errors: result.errors + result.non2xx + result.mismatches,
  perSecond: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
});

async function measureSize(bookings: number) {
  const database = await openBenchDatabase(`hotel_bench_read_${bookings}`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await generateHotel(client, { bookings, rooms: Math.max(50, Math.ceil(bookings / 50)), customers: Math.max(100, bookings / 5) });
  // The middle check-in day of the calendar, and the next.
  const [{ day, next }] = (
    await client.query<{ day: string; next: string }>(
      `select to_char(check_in, 'YYYY-MM-DD') as day, to_char(check_in + 1, 'YYYY-MM-DD') as next
       from bookings order by check_in offset (select count(*) / 2 from bookings) limit 1`,
    )
  ).rows;
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

    const inHouse = inHouseQuery(day, next);
    const listed = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: inHouse }),
    });
    const listedBody = (await listed.json()) as { data?: { bookings: { nodes: unknown[] } }; errors?: unknown };
    if (listedBody.errors || listedBody.data?.bookings.nodes.length !== 100)
      throw new Error(`unexpected in-house answer: ${JSON.stringify(listedBody).slice(0, 300)}`);

    await runAutocannon(api.url, secret, WARMUP_SECONDS);
    const page = figuresOf(await runAutocannon(api.url, secret, SECONDS));
    await runAutocannon(api.url, secret, WARMUP_SECONDS, inHouse);
    const arrivals = figuresOf(await runAutocannon(api.url, secret, SECONDS, inHouse));

    const pool = new pg.Pool({ connectionString: database.url, max: CONNECTIONS });
    await measureLoop(CONNECTIONS, WARMUP_SECONDS * 1000, () => pool.query(FLOOR_PAGE_SQL));
    const floor = await measureLoop(CONNECTIONS, SECONDS * 1000, () => pool.query(FLOOR_PAGE_SQL));
    await pool.end();

    console.log(`${bookings} bookings`);
    console.log(formatFigures('API  bookings page (HTTP, GraphQL)', page));
    console.log(formatFigures(`API  in house on ${day}, 100 of them`, arrivals));
    console.log(formatFigures('floor one SQL join (node-postgres)', floor));
    console.log(`API throughput = ${((page.perSecond / floor.perSecond) * 100).toFixed(1)}% of the floor (target: at least 30%)`);
    return { page, arrivals };
  } finally {
    await api.stop();
    await database.close();
  }
}

async function main() {
  console.log(`bench:read — ${SIZES.join(' and ')} bookings, ${CONNECTIONS} connections, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up`);
  const measured = [];
  for (const size of SIZES) measured.push(await measureSize(size));
  if (measured.length > 1) {
    const [first, last] = [measured[0], measured.at(-1)!];
    const growth = (key: 'page' | 'arrivals') => (first[key].perSecond / last[key].perSecond).toFixed(2);
    console.log(
      `time per call at ${SIZES.at(-1)} against ${SIZES[0]} bookings (${(SIZES.at(-1)! / SIZES[0]).toFixed(0)}× the data): ` +
        `page ${growth('page')}×, in-house list ${growth('arrivals')}×`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
