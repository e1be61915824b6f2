/**
 * npm run bench:peers — this API beside PostGraphile 5 and two floors, on one database.
 *
 * Reads: the staff app's bookings page (100 bookings with room, room type and customer),
 * asked of
 *   - this API (production settings: NODE_ENV=production, limits on, a bearer token);
 *   - PostGraphile 5.1 (amber preset) on the same database, its query for the same rows in
 *     the same order (checked, row by row, before measuring);
 *   - the bare-HTTP floor: node:http and one SQL join;
 *   - the node-postgres floor: the same join in a loop, no HTTP.
 * Writes: this API's createBooking, PostGraphile's generated createBooking on the same
 * table, and one raw SQL insert; every request a stay of its own; double bookings counted
 * after: 0, or the run exits 1.
 *
 * BENCH_ROUNDS (3) interleaved rounds, each contender BENCH_WARMUP_SECONDS (3) warm-up and
 * BENCH_SECONDS (10) measured per round, at BENCH_CONNECTIONS (20), on BENCH_BOOKINGS
 * (10,000) generated bookings. Prints each round, then per contender the medians of
 * req/s, p50, p99, server CPU per request and RSS, and this API's ratios.
 */
import 'reflect-metadata';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { addDays, today } from '../src/dates';
import { BUSINESS_RULES } from '../src/integrity/business-rules';
import { type ServerProcess, startApiProcess, startServerProcess } from './support/api-process';
import { issueBenchToken, openBenchDatabase } from './support/bench-database';
import { generateHotel } from './support/generate-hotel';
import { type LoadFigures, measureLoop } from './support/latency';
import { BOOKINGS_PAGE_QUERY, FLOOR_PAGE_SQL, type FloorRow, POSTGRAPHILE_PAGE_QUERY, pageOfFloorRows, readAsPostgresPrints } from './support/page-query';
import { distinctStays, type Stay } from './support/stays';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Rooms added for the write runs: every contender's stays, one night each, share them. */
const WRITE_ROOMS = Number(process.env.BENCH_WRITE_ROOMS ?? 5_000);

interface Figures extends LoadFigures {
  /** CPU milliseconds the server process spent per request; undefined for in-process floors. */
  cpuMsPerRequest?: number;
  rssMiB?: number;
}

/** One way of answering: a server process and the requests it is sent, or an in-process loop. */
interface Contender {
  name: string;
  server?: ServerProcess;
  /** Runs the load for `seconds` and reports what it measured. */
  run(seconds: number): Promise<Figures>;
}

function httpLoad(server: ServerProcess, options: { headers?: Record<string, string>; body: () => string; ok: (body: string) => boolean }) {
  return (seconds: number): Promise<Figures> =>
    new Promise((resolve, reject) => {
      const cpuBefore = server.cpuSeconds();
      autocannon(
        {
          url: server.url,
          method: 'POST',
          connections: CONNECTIONS,
          duration: seconds,
          headers: { 'content-type': 'application/json', ...options.headers },
          requests: [
            {
              setupRequest: (request: autocannon.Request) => {
                request.body = options.body();
                return request;
              },
            },
          ],
          verifyBody: options.ok,
        } as autocannon.Options,
        (error, result) => {
          if (error) return reject(error);
          const requests = result.requests.total;
          resolve({
            requests,
            errors: result.errors + result.non2xx + result.mismatches,
            perSecond: requests / result.duration,
            p50: result.latency.p50,
            p99: result.latency.p99,
            cpuMsPerRequest: ((server.cpuSeconds() - cpuBefore) * 1000) / Math.max(1, requests),
            rssMiB: server.rssMiB(),
          });
        },
      );
    });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

function row(name: string, f: Figures): string {
  const cpu = f.cpuMsPerRequest === undefined ? '—' : f.cpuMsPerRequest.toFixed(2);
  const rss = f.rssMiB === undefined ? '—' : f.rssMiB.toFixed(0);
  return `| ${name.padEnd(34)} | ${f.perSecond.toFixed(0).padStart(7)} | ${f.p50.toFixed(1).padStart(7)} | ${f.p99.toFixed(1).padStart(7)} | ${cpu.padStart(6)} | ${rss.padStart(5)} | ${String(f.errors).padStart(6)} |`;
}
const HEADER = `| ${'contender'.padEnd(34)} | ${'req/s'.padStart(7)} | ${'p50 ms'.padStart(7)} | ${'p99 ms'.padStart(7)} | ${'CPU ms'.padStart(6)} | ${'RSS'.padStart(5)} | ${'errors'.padStart(6)} |\n|---|---|---|---|---|---|---|`;

/** Runs every contender ROUNDS times, interleaved, and prints the rounds and the medians. */
async function compare(title: string, contenders: Contender[]): Promise<Map<string, Figures>> {
  const results = new Map<string, Figures[]>(contenders.map((contender) => [contender.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`\n${title}, round ${round} of ${ROUNDS}`);
    console.log(HEADER);
    for (const contender of contenders) {
      await contender.run(WARMUP_SECONDS);
      const figures = await contender.run(SECONDS);
      results.get(contender.name)!.push(figures);
      console.log(row(contender.name, figures));
    }
  }
  const medians = new Map<string, Figures>();
  console.log(`\n${title}: medians of ${ROUNDS} interleaved rounds`);
  console.log(HEADER);
  for (const contender of contenders) {
    const all = results.get(contender.name)!;
    const pick = (key: keyof Figures) => (all[0][key] === undefined ? undefined : median(all.map((f) => f[key] as number)));
    const figures = {
      requests: median(all.map((f) => f.requests)),
      errors: all.reduce((sum, f) => sum + f.errors, 0),
      perSecond: median(all.map((f) => f.perSecond)),
      p50: median(all.map((f) => f.p50)),
      p99: median(all.map((f) => f.p99)),
      cpuMsPerRequest: pick('cpuMsPerRequest'),
      rssMiB: pick('rssMiB'),
    };
    medians.set(contender.name, figures);
    console.log(row(contender.name, figures));
  }
  return medians;
}

/** The rows of a page, whoever answered it, as the API shapes them: to check every contender returns the same. */
function rowsOfPostGraphile(body: any) {
  return {
    data: {
      bookings: {
        nodes: body.data.allBookings.nodes.map((node: any) => ({
          id: String(node.rowId),
          checkIn: node.checkIn,
          checkOut: node.checkOut,
          status: node.status,
          room: {
            number: node.roomByRoomId.number,
            roomType: { name: node.roomByRoomId.roomTypeByRoomTypeId.name, baseRate: node.roomByRoomId.roomTypeByRoomTypeId.baseRate },
          },
          customer: { firstName: node.customerByCustomerId.firstName, lastName: node.customerByCustomerId.lastName, email: node.customerByCustomerId.email },
        })),
      },
    },
  };
}

async function post(url: string, body: unknown, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return response.json();
}

const API_CREATE = `mutation ($input: CreateBookingInput!) { createBooking(input: $input) { __typename ... on CreateBookingSuccess { booking { id } } } }`;
const POSTGRAPHILE_CREATE = `mutation ($input: CreateBookingInput!) { createBooking(input: $input) { booking { rowId } } }`;
const FLOOR_INSERT = `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values ($1, $2, $3, $4, $5, $6) returning id`;

async function main() {
  readAsPostgresPrints(pg.types);
  const started = os.loadavg()[0].toFixed(1);
  console.log(
    `bench:peers — ${BOOKINGS} bookings, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s after ${WARMUP_SECONDS} s warm-up, ${os.cpus().length} cores`,
  );
  const database = await openBenchDatabase('hotel_bench_peers');
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const rooms = Math.max(50, Math.ceil(BOOKINGS / 50));
  await generateHotel(sql, { bookings: BOOKINGS, rooms, customers: Math.max(100, BOOKINGS / 5) });
  const customerIds = (await sql.query<{ id: number }>('select id from customers order by id')).rows.map((r) => r.id);
  const [{ last }] = (await sql.query<{ last: string }>(`select to_char(max(check_out), 'YYYY-MM-DD') as last from bookings`)).rows;
  const token = await issueBenchToken(database.url);

  const servers: ServerProcess[] = [];
  try {
    const api = await startApiProcess(database.url, { DATABASE_POOL_SIZE: String(CONNECTIONS) });
    servers.push(api);
    const postgraphile = await startServerProcess(['-r', './bench/support/promise-shim.cjs', 'bench/support/serve-postgraphile.cjs'], {
      DATABASE_URL: database.url,
      POOL_SIZE: String(CONNECTIONS),
    });
    servers.push(postgraphile);
    const floorServer = await startServerProcess(['-r', './scripts/register-ts.cjs', 'bench/support/serve-floor.ts'], {
      DATABASE_URL: database.url,
      POOL_SIZE: String(CONNECTIONS),
    });
    servers.push(floorServer);

    // The same rows, in the same order, from every contender, before anything is timed.
    const expected = pageOfFloorRows((await sql.query<FloorRow>(FLOOR_PAGE_SQL)).rows);
    const answers = {
      'this API': await post(api.url, { query: BOOKINGS_PAGE_QUERY }, token),
      'PostGraphile 5': rowsOfPostGraphile(await post(postgraphile.url, { query: POSTGRAPHILE_PAGE_QUERY })),
      'bare HTTP + one SQL join': await post(floorServer.url, {}),
    };
    for (const [name, answer] of Object.entries(answers)) {
      if (JSON.stringify(answer) !== JSON.stringify(expected)) throw new Error(`${name} answers other rows: ${JSON.stringify(answer).slice(0, 400)}`);
    }
    console.log(`checked: every contender answers the same ${expected.data.bookings.nodes.length} bookings in the same order`);

    const pageOk = (marker: string) => (body: string) => !body.includes('"errors"') && body.split(marker).length === 101;
    const pool = new pg.Pool({ connectionString: database.url, max: CONNECTIONS });
    const readers: Contender[] = [
      {
        name: 'this API',
        server: api,
        run: httpLoad(api, {
          headers: { authorization: `Bearer ${token}` },
          body: () => JSON.stringify({ query: BOOKINGS_PAGE_QUERY }),
          ok: pageOk('"roomType"'),
        }),
      },
      {
        name: 'PostGraphile 5',
        server: postgraphile,
        run: httpLoad(postgraphile, { body: () => JSON.stringify({ query: POSTGRAPHILE_PAGE_QUERY }), ok: pageOk('"roomTypeByRoomTypeId"') }),
      },
      { name: 'bare HTTP + one SQL join', server: floorServer, run: httpLoad(floorServer, { body: () => '{}', ok: pageOk('"roomType"') }) },
      { name: 'node-postgres loop, same join', run: (seconds) => measureLoop(CONNECTIONS, seconds * 1000, () => pool.query(FLOOR_PAGE_SQL)) },
    ];
    const reads = await compare('Reads: the bookings page', readers);
    const of = (name: string) => reads.get(name)!.perSecond;
    console.log(
      `\nthis API = ${(of('this API') / of('PostGraphile 5')).toFixed(2)}× PostGraphile 5, ${(of('this API') / of('bare HTTP + one SQL join')).toFixed(2)}× the bare-HTTP floor, ${(of('this API') / of('node-postgres loop, same join')).toFixed(2)}× the node-postgres floor (reads, median req/s)`,
    );

    // Writes: every request a stay of its own, from the first night after the generated ones,
    // in rooms added for them: enough that the fastest contender's stays stay within the
    // booking horizon (BOOKING_HORIZON_DAYS), which this API enforces and the others do not.
    const writeRooms = (
      await sql.query<{ id: number; base_rate: string }>(
        `with added as (
           insert into rooms (number, floor, room_type_id)
           select 'W' || lpad(g::text, 6, '0'), 1, (select min(id) from room_types) from generate_series(1, $1) g returning id, room_type_id)
         select added.id, rt.base_rate from added join room_types rt on rt.id = added.room_type_id order by added.id`,
        [WRITE_ROOMS],
      )
    ).rows;
    const stays = distinctStays(
      writeRooms.map((r) => r.id),
      [addDays(today(), 1), last].sort().at(-1)!,
    );
    const rateOf = new Map(writeRooms.map((r) => [r.id, r.base_rate]));
    let turn = 0;
    const customer = () => customerIds[turn++ % customerIds.length];
    const apiBody = (stay: Stay) =>
      JSON.stringify({
        query: API_CREATE,
        variables: { input: { roomId: String(stay.roomId), customerId: String(customer()), checkIn: stay.checkIn, checkOut: stay.checkOut, numGuests: 1 } },
      });
    const postgraphileBody = (stay: Stay) =>
      JSON.stringify({
        query: POSTGRAPHILE_CREATE,
        variables: {
          input: {
            booking: {
              roomId: stay.roomId,
              customerId: customer(),
              checkIn: stay.checkIn,
              checkOut: stay.checkOut,
              numGuests: 1,
              totalAmount: rateOf.get(stay.roomId),
            },
          },
        },
      });
    const writers: Contender[] = [
      {
        name: 'this API createBooking',
        server: api,
        run: httpLoad(api, {
          headers: { authorization: `Bearer ${token}` },
          body: () => apiBody(stays()),
          ok: (body) => body.includes('CreateBookingSuccess'),
        }),
      },
      {
        name: 'PostGraphile 5 createBooking',
        server: postgraphile,
        run: httpLoad(postgraphile, { body: () => postgraphileBody(stays()), ok: (body) => body.includes('"rowId"') && !body.includes('"errors"') }),
      },
      {
        name: 'raw SQL insert (node-postgres)',
        run: (seconds) =>
          measureLoop(CONNECTIONS, seconds * 1000, () => {
            const stay = stays();
            return pool.query(FLOOR_INSERT, [stay.roomId, customer(), stay.checkIn, stay.checkOut, 1, rateOf.get(stay.roomId)]);
          }),
      },
    ];
    const writes = await compare('Writes: one booking', writers);
    const w = (name: string) => writes.get(name)!.perSecond;
    console.log(
      `\nthis API createBooking = ${(w('this API createBooking') / w('PostGraphile 5 createBooking')).toFixed(2)}× PostGraphile 5, ${(w('this API createBooking') / w('raw SQL insert (node-postgres)')).toFixed(2)}× the raw insert (median req/s)`,
    );
    await pool.end();

    const doubleBooked = BUSINESS_RULES.find((rule) => rule.name === 'room_double_booked')!.violations;
    const [{ count }] = (await sql.query<{ count: number }>(`select count(*)::int as count from (${doubleBooked}) d`)).rows;
    console.log(`double bookings after every run: ${count}`);
    console.log(`load average ${started} at start, ${os.loadavg()[0].toFixed(1)} at end`);
    if (count !== 0) process.exitCode = 1;
  } finally {
    for (const server of servers) await server.stop();
    await sql.end();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
