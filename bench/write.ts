/**
 * npm run bench:write — createBooking over HTTP against its floor.
 *
 * Loads a hotel of BENCH_ROOMS rooms (default 2,000) with BENCH_BOOKINGS bookings (10,000),
 * then measures, each run BENCH_SECONDS (10) long:
 *   1. createBooking at BENCH_CONNECTIONS (20) after BENCH_WARMUP_SECONDS (10) of warm-up,
 *      every request on its own (room, night): all must answer CreateBookingSuccess;
 *   2. contention: BENCH_CONTENTION_CONNECTIONS (50) clients on BENCH_CONTENTION_ROOMS (3)
 *      rooms asking for overlapping nights, so most must be refused with ROOM_UNAVAILABLE;
 *      then counts double bookings in the database, and exits 1 unless there are none;
 *   3. the error path beside the success path: every request refused (one room, nights
 *      already booked), then every request accepted, same concurrency and duration;
 *   4. the floor: one SQL insert of a booking row through node-postgres, same concurrency,
 *      distinct rooms, and the API's share of its throughput;
 *   5. recordPayment of 1.00 on the generated bookings in turn, same concurrency, against its
 *      floor (one SQL insert of a payment row); then counts overpaid bookings, and exits 1
 *      unless there are none;
 *   6. room-type contention: BENCH_CONTENTION_CONNECTIONS clients booking a room type of
 *      BENCH_CONTENTION_ROOMS rooms (no room named) for overlapping nights, so most must be
 *      refused with ROOM_TYPE_SOLD_OUT; then counts the nights sold beyond the type's rooms
 *      and the inventory rows that disagree with their recount, and exits 1 unless both are 0;
 *   7. the change feed read from its start by one client, pages of 100, against its floor
 *      (the same keyset page of change_events read by one SQL statement).
 */
import 'reflect-metadata';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { addDays, today } from '../src/dates';
import { holdsItsRoom } from '../src/entities/booking.entity';
import { INVENTORY_DRIFT, RECOUNTED_INVENTORY } from '../src/entities/room-type-night.entity';
import { shareANight } from '../src/sql';
import { startApiProcess } from './support/api-process';
import { issueBenchToken, openBenchDatabase } from './support/bench-database';
import { generateHotel } from './support/generate-hotel';
import { formatFigures, type LoadFigures, measureLoop } from './support/latency';
import { collidingStays, distinctStays, type Stay } from './support/stays';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 2_000);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONTENTION_CONNECTIONS = Number(process.env.BENCH_CONTENTION_CONNECTIONS ?? 50);
const CONTENTION_ROOMS = Number(process.env.BENCH_CONTENTION_ROOMS ?? 3);
/**
 * The API starts cold. Its write path warms slowly on a small machine: after 3 s the first
 * run measured about half the throughput of the same requests measured later in the run.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
/** For runs on code paths already warm, and for the floor. */
const SHORT_WARMUP_SECONDS = 1;
const FLOOR_WARMUP_SECONDS = 3;

const CREATE_BOOKING = `mutation CreateBooking($input: CreateBookingInput!) {
  createBooking(input: $input) {
    __typename
    ... on CreateBookingSuccess { replayed booking { id status checkIn checkOut totalAmount } }
    ... on ClassifiedError { code message retryable }
    ... on ConflictError { conflictingIds }
  }
}`;

const FLOOR_SQL = `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount)
  values ($1, $2, $3, $4, $5, $6) returning id`;

const RECORD_PAYMENT = `mutation RecordPayment($input: RecordPaymentInput!) {
  recordPayment(input: $input) {
    __typename
    ... on RecordPaymentSuccess { payment { id amount } }
    ... on ClassifiedError { code message retryable }
  }
}`;

const PAYMENT_FLOOR_SQL = `insert into payments (booking_id, amount, currency, method) values ($1, 1.00, 'EUR', 'CARD') returning id`;

/** Bookings whose payments (less refunds) exceed their bill: what recordPayment must never make. */
const OVERPAID_SQL = `select count(*)::int as count from bookings b
  where coalesce((select sum(p.amount - p.refunded_amount) from payments p where p.booking_id = b.id), 0)
      > b.total_amount + coalesce((select sum(f.amount) from folio_items f where f.booking_id = b.id), 0)`;

const DOUBLE_BOOKINGS_SQL = `select count(*)::int as count
  from bookings a join bookings b on b.room_id = a.room_id and b.id > a.id
  where ${holdsItsRoom('a.status')} and ${holdsItsRoom('b.status')}
    and ${shareANight(['a.check_in', 'a.check_out'], ['b.check_in', 'b.check_out'])}`;

type Outcome = 'success' | 'roomUnavailable' | 'soldOut' | 'other';

/** Nights from the business date on whose bookings outnumber the rooms of their type, counted from the bookings themselves. */
const OVERSOLD_SQL = `select count(*)::int as count from (${RECOUNTED_INVENTORY}) r where r.sold > room_type_units(r.room_type_id, r.night)`;

const CHANGES = `query Changes($after: String) { changes(first: 100, after: $after) { nodes { cursor kind entityId version } pageInfo { endCursor hasNextPage } } }`;

/** The floor of a page of the feed: the same keyset read, by one statement. */
const CHANGES_FLOOR_SQL = `select id, tx_id, kind, entity_id, version from change_events
  where (tx_id, id) > ($1::xid8, $2::bigint) and tx_id < pg_snapshot_xmin(pg_current_snapshot()) order by tx_id, id limit 100`;

function outcomeOf(body: string, field = 'createBooking'): Outcome {
  try {
    const parsed = JSON.parse(body) as {
      data?: Record<string, { __typename: string; code?: string; booking?: { id: string }; payment?: { id: string } }>;
      errors?: unknown;
    };
    const result = parsed.data?.[field];
    if (parsed.errors || !result) return 'other';
    if (result.__typename.endsWith('Success') && (result.booking ?? result.payment)?.id) return 'success';
    if (result.__typename === 'ConflictError' && result.code === 'ROOM_UNAVAILABLE') return 'roomUnavailable';
    if (result.__typename === 'ConflictError' && result.code === 'ROOM_TYPE_SOLD_OUT') return 'soldOut';
    return 'other';
  } catch {
    return 'other';
  }
}

interface RunOptions {
  connections: number;
  seconds: number;
  /** Builds each request's body. */
  body: () => string;
  /** The answer every request should get; any other is a mismatch, and only these count in req/s. */
  expect?: Outcome;
  /** The mutation answering: createBooking unless said. */
  field?: string;
}

interface RunFigures extends LoadFigures {
  outcomes: Record<Outcome, number>;
}

function runAutocannon(url: string, token: string, options: RunOptions): Promise<RunFigures> {
  const outcomes: Record<Outcome, number> = { success: 0, roomUnavailable: 0, soldOut: 0, other: 0 };
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: options.connections,
        duration: options.seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: (request: autocannon.Request) => {
              request.body = options.body();
              return request;
            },
          },
        ],
        // A GraphQL error still answers 200: the body says what happened.
        verifyBody: (body: string) => {
          const outcome = outcomeOf(body, options.field);
          outcomes[outcome]++;
          return options.expect === undefined ? outcome !== 'other' : outcome === options.expect;
        },
      } as autocannon.Options,
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requests: result.requests.total,
          errors: result.errors + result.non2xx + result.mismatches,
          perSecond: (options.expect === undefined ? result.requests.total : outcomes[options.expect]) / result.duration,
          p50: result.latency.p50,
          p99: result.latency.p99,
          outcomes,
        });
      },
    );
  });
}

async function main() {
  const loadAtStart = os.loadavg()[0].toFixed(1);
  console.log(
    `bench:write — ${ROOMS} rooms, ${BOOKINGS} bookings, ${CONNECTIONS} connections, ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up; ` +
      `contention ${CONTENTION_CONNECTIONS} connections on ${CONTENTION_ROOMS} rooms`,
  );
  const database = await openBenchDatabase('hotel_bench_write');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await generateHotel(client, { bookings: BOOKINGS, rooms: ROOMS, customers: 1_000 });
  const rooms = (
    await client.query<{ id: number; base_rate: string }>('select r.id, rt.base_rate from rooms r join room_types rt on rt.id = r.room_type_id order by r.id')
  ).rows;
  const customerIds = (await client.query<{ id: number }>('select id from customers order by id')).rows.map((row) => row.id);
  const bookingIds = (await client.query<{ id: number }>('select id from bookings order by id')).rows.map((row) => row.id);
  // A room type of its own for the room-type contention, with as many rooms as the room contention.
  const [{ id: contendedTypeId }] = (
    await client.query<{ id: number }>(`insert into room_types (name, capacity, base_rate) values ('Contended', 2, 120) returning id`)
  ).rows;
  for (let i = 0; i < CONTENTION_ROOMS; i++) {
    await client.query(`insert into rooms (number, floor, room_type_id) values ($1, 1, $2)`, [`RT-${i}`, contendedTypeId]);
  }
  // New stays start after the last of the generated ones, and never in the past.
  const [{ last }] = (await client.query<{ last: string | null }>(`select to_char(max(check_out), 'YYYY-MM-DD') as last from bookings`)).rows;
  const firstNight = [addDays(today(), 1), last ?? ''].sort().at(-1)!;
  await client.end();

  // Rooms apart for the contention and the error runs; the rest take distinct stays.
  const roomIds = rooms.map((room) => room.id);
  const contentionRoomIds = roomIds.slice(0, CONTENTION_ROOMS);
  const refusedRoomId = roomIds[CONTENTION_ROOMS];
  const distinct = distinctStays(roomIds.slice(CONTENTION_ROOMS + 1), firstNight);
  const rateOf = new Map(rooms.map((room) => [room.id, Number(room.base_rate)]));
  let customerTurn = 0;
  const nextCustomer = () => customerIds[customerTurn++ % customerIds.length];
  const bodyFor = (stay: Stay) =>
    JSON.stringify({
      query: CREATE_BOOKING,
      variables: { input: { roomId: String(stay.roomId), customerId: String(nextCustomer()), checkIn: stay.checkIn, checkOut: stay.checkOut, numGuests: 1 } },
    });

  const secret = await issueBenchToken(database.url);

  const api = await startApiProcess(database.url);
  let doubleBookings = 0;
  let overpaid = 0;
  let oversold = 0;
  let drifted = 0;
  try {
    const call = async (body: string) => {
      const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body });
      const text = await response.text();
      return { outcome: outcomeOf(text), text };
    };
    // Nights [first, first + 7) of the refused room are taken; the error run asks for two of them.
    const blocker = await call(bodyFor({ roomId: refusedRoomId, checkIn: firstNight, checkOut: addDays(firstNight, 7) }));
    const refusedBody = bodyFor({ roomId: refusedRoomId, checkIn: addDays(firstNight, 2), checkOut: addDays(firstNight, 4) });
    const refused = await call(refusedBody);
    const accepted = await call(bodyFor(distinct()));
    for (const [answer, expected] of [
      [blocker, 'success'],
      [refused, 'roomUnavailable'],
      [accepted, 'success'],
    ] as const) {
      if (answer.outcome !== expected) throw new Error(`expected ${expected}, got: ${answer.text.slice(0, 300)}`);
    }

    // 1. Distinct rooms: every request must succeed.
    const successRun = (seconds: number) =>
      runAutocannon(api.url, secret, { connections: CONNECTIONS, seconds, body: () => bodyFor(distinct()), expect: 'success' });
    await successRun(WARMUP_SECONDS);
    const distinctFigures = await successRun(SECONDS);

    // 2. Contention: few rooms, overlapping nights, many clients.
    const colliding = collidingStays(contentionRoomIds, firstNight);
    const contentionRun = (seconds: number) =>
      runAutocannon(api.url, secret, { connections: CONTENTION_CONNECTIONS, seconds, body: () => bodyFor(colliding()) });
    await contentionRun(SHORT_WARMUP_SECONDS);
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    const storedInContentionRooms = async () =>
      (
        await check.query<{ stored: number }>(`select count(*)::int as stored from bookings where room_id = any($1) and ${holdsItsRoom('status')}`, [
          contentionRoomIds,
        ])
      ).rows[0].stored;
    const storedBefore = await storedInContentionRooms();
    const contention = await contentionRun(SECONDS);
    const stored = (await storedInContentionRooms()) - storedBefore;
    doubleBookings = (await check.query<{ count: number }>(DOUBLE_BOOKINGS_SQL)).rows[0].count;
    await check.end();

    // 3. The error path beside the success path, same concurrency and duration.
    const refusedRun = (seconds: number) =>
      runAutocannon(api.url, secret, { connections: CONNECTIONS, seconds, body: () => refusedBody, expect: 'roomUnavailable' });
    await refusedRun(SHORT_WARMUP_SECONDS);
    const errorPath = await refusedRun(SECONDS);
    const successPath = await successRun(SECONDS);

    // 4. The floor: the booking row alone, inserted by one SQL statement.
    const pool = new pg.Pool({ connectionString: database.url, max: CONNECTIONS });
    const insert = () => {
      const stay = distinct();
      return pool.query(FLOOR_SQL, [stay.roomId, nextCustomer(), stay.checkIn, stay.checkOut, 1, rateOf.get(stay.roomId)]);
    };
    await measureLoop(CONNECTIONS, FLOOR_WARMUP_SECONDS * 1000, insert);
    const floor = await measureLoop(CONNECTIONS, SECONDS * 1000, insert);
    // 5. recordPayment, the generated bookings in turn, against one insert of a payment row.
    let bookingTurn = 0;
    const nextBooking = () => bookingIds[bookingTurn++ % bookingIds.length];
    const paymentRun = (seconds: number) =>
      runAutocannon(api.url, secret, {
        connections: CONNECTIONS,
        seconds,
        field: 'recordPayment',
        expect: 'success',
        body: () => JSON.stringify({ query: RECORD_PAYMENT, variables: { input: { bookingId: String(nextBooking()), amount: '1.00', method: 'CARD' } } }),
      });
    await paymentRun(SHORT_WARMUP_SECONDS);
    const payments = await paymentRun(SECONDS);
    const payFloor = () => pool.query(PAYMENT_FLOOR_SQL, [nextBooking()]);
    await measureLoop(CONNECTIONS, FLOOR_WARMUP_SECONDS * 1000, payFloor);
    const paymentFloor = await measureLoop(CONNECTIONS, SECONDS * 1000, payFloor);
    overpaid = (await pool.query<{ count: number }>(OVERPAID_SQL)).rows[0].count;

    // 6. Room-type contention: the nights of CollidingStays, asked of the type rather than a room.
    const typeNights = collidingStays([0], firstNight);
    const typeBody = () => {
      const { checkIn, checkOut } = typeNights();
      return JSON.stringify({
        query: CREATE_BOOKING,
        variables: { input: { roomTypeId: String(contendedTypeId), customerId: String(nextCustomer()), checkIn, checkOut, numGuests: 1 } },
      });
    };
    const typeRun = (seconds: number) => runAutocannon(api.url, secret, { connections: CONTENTION_CONNECTIONS, seconds, body: typeBody });
    await typeRun(SHORT_WARMUP_SECONDS);
    const typeContention = await typeRun(SECONDS);
    oversold = (await pool.query<{ count: number }>(OVERSOLD_SQL)).rows[0].count;
    drifted = (await pool.query(INVENTORY_DRIFT)).rowCount ?? 0;
    const [{ sold }] = (
      await pool.query<{ sold: number }>(`select coalesce(sum(sold), 0)::int as sold from room_type_nights where room_type_id = $1`, [contendedTypeId])
    ).rows;

    // 7. The change feed from its start, one client, pages of 100, against the same pages read by SQL.
    const feedStarted = performance.now();
    let feedEvents = 0;
    let feedPages = 0;
    for (let after: string | null = null; ; ) {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query: CHANGES, variables: { after } }),
      });
      const page = ((await response.json()) as { data: { changes: { nodes: unknown[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } }).data
        .changes;
      feedEvents += page.nodes.length;
      feedPages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const feedSeconds = (performance.now() - feedStarted) / 1000;
    const floorStarted = performance.now();
    let floorEvents = 0;
    for (let position = ['0', '0']; ; ) {
      const { rows } = await pool.query<{ id: string; tx_id: string }>(CHANGES_FLOOR_SQL, position);
      floorEvents += rows.length;
      if (rows.length < 100) break;
      position = [rows.at(-1)!.tx_id, rows.at(-1)!.id];
    }
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    await pool.end();

    console.log(`1. distinct rooms, ${CONNECTIONS} connections`);
    console.log(formatFigures('API  createBooking (HTTP, GraphQL)', distinctFigures));
    console.log(`   ${distinctFigures.outcomes.success} CreateBookingSuccess, ${distinctFigures.errors} errors or other answers`);
    console.log(`2. contention, ${CONTENTION_CONNECTIONS} connections on ${CONTENTION_ROOMS} rooms, overlapping nights`);
    console.log(formatFigures('API  createBooking, contended', contention));
    console.log(
      `   ${contention.outcomes.success} successes, ${contention.outcomes.roomUnavailable} ROOM_UNAVAILABLE, ${contention.outcomes.other} other answers; ` +
        `${stored} bookings stored meanwhile in those rooms`,
    );
    console.log(`   double bookings (active, same room, overlapping nights): ${doubleBookings}`);
    console.log(`3. error path against success path, ${CONNECTIONS} connections`);
    console.log(formatFigures('API  error path: ROOM_UNAVAILABLE', errorPath));
    console.log(formatFigures('API  success path: new booking', successPath));
    console.log(
      `   error/success: p50 ${(errorPath.p50 / successPath.p50).toFixed(2)}×, p99 ${(errorPath.p99 / successPath.p99).toFixed(2)}×, ` +
        `throughput ${(errorPath.perSecond / successPath.perSecond).toFixed(2)}×`,
    );
    console.log(`4. floor, ${CONNECTIONS} connections, distinct rooms`);
    console.log(formatFigures('floor SQL insert (node-postgres)', floor));
    console.log(`API throughput = ${((distinctFigures.perSecond / floor.perSecond) * 100).toFixed(1)}% of the floor`);
    console.log(`5. recordPayment, ${CONNECTIONS} connections, bookings in turn`);
    console.log(formatFigures('API  recordPayment (HTTP, GraphQL)', payments));
    console.log(formatFigures('floor SQL insert of a payment', paymentFloor));
    console.log(`   ${payments.outcomes.success} RecordPaymentSuccess, ${payments.errors} errors or other answers; overpaid bookings after: ${overpaid}`);
    console.log(`API throughput = ${((payments.perSecond / paymentFloor.perSecond) * 100).toFixed(1)}% of the floor`);
    console.log(`6. room-type contention, ${CONTENTION_CONNECTIONS} connections on one room type of ${CONTENTION_ROOMS} rooms, overlapping nights`);
    console.log(formatFigures('API  createBooking by room type, contended', typeContention));
    console.log(
      `   ${typeContention.outcomes.success} successes, ${typeContention.outcomes.soldOut} ROOM_TYPE_SOLD_OUT, ${typeContention.outcomes.other} other answers; ` +
        `${sold} unit-nights sold of the type`,
    );
    console.log(`   nights sold beyond their rooms: ${oversold}; inventory rows unlike their recount: ${drifted}`);
    console.log(`7. change feed from its start, pages of 100, one client`);
    console.log(`   API  changes: ${feedEvents} events in ${feedPages} pages, ${feedSeconds.toFixed(2)} s = ${Math.round(feedEvents / feedSeconds)} events/s`);
    console.log(
      `   floor SQL keyset page: ${floorEvents} events, ${floorSeconds.toFixed(2)} s = ${Math.round(floorEvents / floorSeconds)} events/s; ` +
        `API = ${((feedEvents / feedSeconds / (floorEvents / floorSeconds)) * 100).toFixed(1)}% of the floor`,
    );
  } finally {
    await api.stop();
    await database.close();
  }
  // Other work on the machine moves these figures a lot: say how busy it was.
  console.log(`load average ${loadAtStart} at start, ${os.loadavg()[0].toFixed(1)} at end, on ${os.cpus().length} cores`);
  if (doubleBookings !== 0 || overpaid !== 0 || oversold !== 0 || drifted !== 0) {
    console.error(`FAIL: ${doubleBookings} double bookings, ${overpaid} overpaid bookings, ${oversold} oversold nights, ${drifted} inventory rows drifted`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
