/**
 * npm run bench:read — the nested bookings page over HTTP against its floor, at each size.
 *
 * For each of BENCH_SIZES bookings (default 10,000 and 100,000) a fresh hotel, then, at
 * BENCH_CONNECTIONS (20) for BENCH_SECONDS (10) after a warm-up, measures:
 *   - the API: `bookings(first: 100) { room { roomType } customer }` with autocannon;
 *   - the API: an arrivals-style list, the stays in house on the middle check-in day of
 *     the calendar (`filter: { from, to }`), 100 of them;
 *   - the API: `arrivals` on that day, 100 of them;
 *   - the API: `occupancy` over 30 nights around that day, and over 366 nights (the most
 *     one call may ask) from the first night of the calendar;
 *   - the floor: the page's rows by one SQL join through node-postgres, same concurrency.
 * Prints req/s, p50, p99 of each, the API's share of the floor's throughput, and how the
 * time per call moved from the smallest size to the largest (flat is the aim: a page's
 * cost is its answer's, not the table's; an occupancy report's is the nights it covers
 * and the stays sold in them).
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

const arrivalsQuery = (day: string) =>
  `{ arrivals(date: "${day}", first: 100) { nodes { id checkIn checkOut status room { number } customer { lastName } } } }`;

const occupancyQuery = (from: string, to: string) =>
  `{ occupancy(from: "${from}", to: "${to}") { date rooms outOfOrder available sold occupancyPercent roomRevenue adr revpar } }`;

/** What a full answer holds: `count` times `marker` (a field every row shows once). */
interface Expected {
  marker: string;
  count: number;
}
const PAGE: Expected = { marker: '"room"', count: 100 };

function runAutocannon(url: string, token: string, duration: number, query = PAGE_QUERY, expected = PAGE): Promise<autocannon.Result> {
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
        verifyBody: (body: string) =>
          !body.includes('"errors"') && ((!!process.env.BENCH_QUERY && query === PAGE_QUERY) || body.split(expected.marker).length === expected.count + 1),
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
  // The middle check-in day of the calendar, and the next; 15 nights either side of it; the first night of the calendar and a year on.
  const [{ day, next, before, after, first, yearOn }] = (
    await client.query<{ day: string; next: string; before: string; after: string; first: string; yearOn: string }>(
      `select to_char(m.check_in, 'YYYY-MM-DD') as day, to_char(m.check_in + 1, 'YYYY-MM-DD') as next,
              to_char(m.check_in - 15, 'YYYY-MM-DD') as before, to_char(m.check_in + 15, 'YYYY-MM-DD') as after,
              to_char(c.first, 'YYYY-MM-DD') as first, to_char(c.first + 366, 'YYYY-MM-DD') as "yearOn"
       from (select check_in from bookings order by check_in offset (select count(*) / 2 from bookings) limit 1) m,
            (select min(check_in) as first from bookings) c`,
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

    const measure = async (query: string, expected: Expected) => {
      const answer = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query }),
      });
      const text = await answer.text();
      if (text.split(expected.marker).length !== expected.count + 1) throw new Error(`unexpected answer: ${text.slice(0, 300)}`);
      await runAutocannon(api.url, secret, WARMUP_SECONDS, query, expected);
      return figuresOf(await runAutocannon(api.url, secret, SECONDS, query, expected));
    };

    await runAutocannon(api.url, secret, WARMUP_SECONDS);
    const page = figuresOf(await runAutocannon(api.url, secret, SECONDS));
    const stays = await measure(inHouse, PAGE);
    const arrivals = await measure(arrivalsQuery(day), PAGE);
    const month = await measure(occupancyQuery(before, after), { marker: '"revpar"', count: 30 });
    const year = await measure(occupancyQuery(first, yearOn), { marker: '"revpar"', count: 366 });

    const pool = new pg.Pool({ connectionString: database.url, max: CONNECTIONS });
    await measureLoop(CONNECTIONS, WARMUP_SECONDS * 1000, () => pool.query(FLOOR_PAGE_SQL));
    const floor = await measureLoop(CONNECTIONS, SECONDS * 1000, () => pool.query(FLOOR_PAGE_SQL));
    await pool.end();

    console.log(`${bookings} bookings`);
    console.log(formatFigures('API  bookings page (HTTP, GraphQL)', page));
    console.log(formatFigures(`API  in house on ${day}, 100 of them`, stays));
    console.log(formatFigures(`API  arrivals on ${day}, 100 of them`, arrivals));
    console.log(formatFigures('API  occupancy, 30 nights', month));
    console.log(formatFigures('API  occupancy, 366 nights', year));
    console.log(formatFigures('floor one SQL join (node-postgres)', floor));
    console.log(`API throughput = ${((page.perSecond / floor.perSecond) * 100).toFixed(1)}% of the floor (target: at least 30%)`);
    return { page, stays, arrivals, month, year };
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
    const growth = (key: keyof typeof first) => (first[key].perSecond / last[key].perSecond).toFixed(2);
    console.log(
      `time per call at ${SIZES.at(-1)} against ${SIZES[0]} bookings (${(SIZES.at(-1)! / SIZES[0]).toFixed(0)}× the data): ` +
        `page ${growth('page')}×, in-house list ${growth('stays')}×, arrivals ${growth('arrivals')}×, ` +
        `occupancy 30 nights ${growth('month')}×, 366 nights ${growth('year')}× (the stays sold in a year grow with the data)`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
