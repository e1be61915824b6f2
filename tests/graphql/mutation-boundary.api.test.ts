import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { BookingLog } from '../../src/entities/booking-log.entity';
import { Customer } from '../../src/entities/customer.entity';
import { HousekeepingTask } from '../../src/entities/housekeeping-task.entity';
import { LoyaltyTransaction } from '../../src/entities/loyalty-transaction.entity';
import { Payment } from '../../src/entities/payment.entity';
import { Room } from '../../src/entities/room.entity';
import { fixtures } from '../support/fixtures';
import { mutate, mutationDocument } from '../support/mutations';
import { useTestApi } from '../support/test-api';

const t = useTestApi();

async function newRoom(capacity = 2, baseRate = '100.00') {
  const f = fixtures(t.em());
  const room = await f.room(await f.roomType({ capacity, baseRate }));
  const customer = await f.customer();
  return { f, room: await t.em().findOneOrFail(Room, room.id, { populate: ['roomType'] }), customer };
}

/** A checked-in stay with a settled folio, ready to check out on its planned day (earlier would be an early departure). */
async function settledStay() {
  const { f, room, customer } = await newRoom();
  const booking = await f.booking(room, customer, -2, 2, { status: BookingStatus.CHECKED_IN });
  await f.payment(booking, booking.totalAmount);
  return { booking, room, customer };
}

// Sent as a plain request: one test expects it to fail at the top level.
const CHECK_OUT = mutationDocument('checkOutBooking', {
  members: '... on CheckOutBookingSuccess { booking { status } } ... on ClassifiedError { code retryable }',
});

async function sqlSession(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: t.database.url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** The server's backend waiting for a row lock, once it is. */
async function waitingBackend(observer: pg.Client): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await observer.query(
      `select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
    );
    if (rows.length) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no backend started waiting for the lock');
}

async function expectCheckedOutOnce(bookingId: number, roomId: number, customerId: number) {
  const em = t.em();
  expect((await em.findOneOrFail(Booking, bookingId)).status).toBe(BookingStatus.CHECKED_OUT);
  expect(await em.count(BookingLog, { booking: bookingId, action: 'CHECKED_OUT' })).toBe(1);
  expect(await em.count(HousekeepingTask, { room: roomId })).toBe(1);
  expect(await em.count(LoyaltyTransaction, { customer: customerId })).toBe(1);
  expect((await em.findOneOrFail(Customer, customerId)).loyaltyPoints).toBe(200);
}

describe('concurrency', () => {
  it('50 simultaneous bookings of one room for overlapping nights: one success, 49 ROOM_UNAVAILABLE, one row', async () => {
    const { room } = await newRoom();
    const customers = await Promise.all(Array.from({ length: 50 }, () => fixtures(t.em()).customer()));
    const responses = await Promise.all(
      customers.map((customer, i) =>
        t.graphql(
          mutationDocument('createBooking', { members: '... on CreateBookingSuccess { booking { id } } ... on ConflictError { code conflictingIds }' }),
          {
            input: {
              roomId: String(room.id),
              customerId: String(customer.id),
              checkIn: addDays(today(), 30 + (i % 3)),
              checkOut: addDays(today(), 34),
              numGuests: 1,
            },
          },
        ),
      ),
    );
    expect(responses.filter((r) => r.errors)).toEqual([]);
    const results = responses.map((r) => r.data?.createBooking);
    const winners = results.filter((r) => r.__typename === 'CreateBookingSuccess');
    const losers = results.filter((r) => r.__typename === 'ConflictError');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    expect(losers.every((r) => r.code === 'ROOM_UNAVAILABLE' && r.conflictingIds.length === 1 && r.conflictingIds[0] === winners[0].booking.id)).toBe(true);
    expect(await t.em().count(Booking, { room: room.id })).toBe(1);
  });

  it('simultaneous payments never pay more than the balance', async () => {
    const { f, room, customer } = await newRoom(2, '100.00');
    const booking = await f.booking(room, customer, 5, 1);
    const responses = await Promise.all(
      Array.from({ length: 25 }, () =>
        t.graphql(mutationDocument('recordPayment', { members: '... on BusinessRuleError { rule }' }), {
          input: { bookingId: String(booking.id), amount: '10.00', method: 'CARD' },
        }),
      ),
    );
    const types = responses.map((r) => r.data?.recordPayment.__typename);
    expect(types.filter((type) => type === 'RecordPaymentSuccess')).toHaveLength(10);
    expect(responses.filter((r) => r.data?.recordPayment.rule === 'payment_within_balance')).toHaveLength(15);
    const [{ sum }] = await t.em().execute<{ sum: string }[]>('select sum(amount)::text as sum from payments where booking_id = ?', [booking.id]);
    expect(sum).toBe('100.00');
    expect(await t.em().count(Payment, { booking: booking.id })).toBe(10);
  });
});

describe('retries', () => {
  it('a deadlock with another session is retried on a fresh transaction and the mutation succeeds, once', async () => {
    const { booking, room, customer } = await settledStay();
    const other = await sqlSession();
    const observer = await sqlSession();
    try {
      await other.query('begin');
      await other.query('update rooms set floor = floor where id = $1', [room.id]);
      const mutation = t.graphql(CHECK_OUT, { input: { bookingId: String(booking.id) } });
      // The check-out holds the booking and waits for the room; now wait for the booking.
      await waitingBackend(observer);
      await other.query(`set local deadlock_timeout = '30s'`).catch(() => undefined);
      await other.query('update bookings set updated_at = updated_at where id = $1', [booking.id]);
      await other.query('rollback');
      const { data, errors } = await mutation;
      expect(errors).toBeUndefined();
      expect(data?.checkOutBooking).toEqual({ __typename: 'CheckOutBookingSuccess', booking: { status: 'CHECKED_OUT' } });
      expect(t.logLines.some((line) => line.msg?.startsWith('transient database failure') && line.code === 'DEADLOCK_DETECTED')).toBe(true);
      await expectCheckedOutOnce(booking.id, room.id, customer.id);
    } finally {
      await other.end();
      await observer.end();
    }
  });

  it('a connection terminated in the middle of a mutation leaves no partial write and the retry succeeds', async () => {
    const { booking, room, customer } = await settledStay();
    const holder = await sqlSession();
    const admin = await sqlSession();
    try {
      await holder.query('begin');
      await holder.query('select id from rooms where id = $1 for update', [room.id]);
      const mutation = t.graphql(CHECK_OUT, { input: { bookingId: String(booking.id) } });
      const victim = await waitingBackend(admin);
      // By now the first attempt has changed the booking and the customer inside its transaction.
      await admin.query('select pg_terminate_backend($1)', [victim]);
      await waitingBackend(admin); // the retry, on a new connection, waits for the room again
      await holder.query('rollback');
      const { data, errors } = await mutation;
      expect(errors).toBeUndefined();
      expect(data?.checkOutBooking.__typename).toBe('CheckOutBookingSuccess');
      expect(t.logLines.some((line) => line.msg?.startsWith('transient database failure') && line.code === 'CONNECTION_LOST')).toBe(true);
      await expectCheckedOutOnce(booking.id, room.id, customer.id);
    } finally {
      await holder.end();
      await admin.end();
    }
  });
});

describe('what a mutation answers', () => {
  it('a connection lost during COMMIT answers ServiceUnavailableError COMMIT_OUTCOME_UNKNOWN, tried once, the change not saved', async () => {
    const { room } = await newRoom();
    const sql = await sqlSession();
    // At COMMIT a deferred trigger ends its own backend: the client loses the connection while committing.
    await sql.query(
      `create or replace function test_die_at_commit() returns trigger language plpgsql as 'begin perform pg_terminate_backend(pg_backend_pid()); return null; end'`,
    );
    await sql.query(
      `create constraint trigger test_die_at_commit after insert on housekeeping_tasks deferrable initially deferred for each row execute function test_die_at_commit()`,
    );
    const logged = t.logLines.length;
    try {
      const answered = await mutate(
        t,
        'createHousekeepingTask',
        { roomId: String(room.id), kind: 'CLEANING' },
        { members: '... on ServiceUnavailableError { code retryable retryAfterMs }' },
      );
      expect(answered).toEqual({
        __typename: 'ServiceUnavailableError',
        code: 'COMMIT_OUTCOME_UNKNOWN',
        retryable: false,
        retryAfterMs: 1000,
      });
      expect(t.logLines.slice(logged).filter((line) => line.msg?.startsWith('transient database failure'))).toEqual([]);
    } finally {
      await sql.query('drop trigger test_die_at_commit on housekeeping_tasks');
      await sql.end();
    }
    // Asked on a session of its own: the pool may still hand out the connection the trigger ended.
    const { rows } = await t.database.sql.query('select count(*)::int as n from housekeeping_tasks where room_id = $1', [room.id]);
    expect(rows[0].n).toBe(0);
  });

  it('an expected error its operation does not declare is still answered, as a top-level error, and logged as a fault', async () => {
    const { booking } = await settledStay();
    const logged = t.logLines.length;
    // An invoice that should not exist yet: check-out's own invoice then collides with it.
    await t.orm.em.getConnection().execute(`insert into invoices (booking_id, number, amount, currency) values (?, 'INV-STRAY', 0, 'EUR')`, [booking.id]);
    const { data, errors } = await t.graphql(CHECK_OUT, { input: { bookingId: String(booking.id) } });
    expect(data).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', category: 'DATABASE', retryable: false });
    expect(t.logLines.slice(logged).filter((line) => line.msg === 'mutation failed with an error its operation does not declare')).toEqual([
      expect.objectContaining({ level: 'error', operation: 'checkOutBooking', code: 'CONFLICT', type: 'ConflictError' }),
    ]);
    expect((await t.em().findOneOrFail(Booking, booking.id)).status).toBe(BookingStatus.CHECKED_IN);
  });
});

describe('mutations while the API’s connections are terminated again and again', () => {
  it('answer a success, a retryable ServiceUnavailableError or (killed in COMMIT) COMMIT_OUTCOME_UNKNOWN, never INTERNAL_SERVER_ERROR; every success kept, every failure not', async () => {
    const f = fixtures(t.em());
    const room = await f.room(await f.roomType({ baseRate: '100000.00' }));
    const booking = await f.booking(room, await f.customer(), 0, 10);
    const killer = await sqlSession();
    const charge = mutationDocument('addFolioItem', { members: '... on ClassifiedError { code retryable }' });
    const answers: { description: string; typename: string; code?: string; retryable?: boolean }[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const description = `terminated ${n++}`;
        const { data, errors } = await t.graphql(charge, { input: { bookingId: String(booking.id), description, amount: '1.00' } });
        const result = data?.addFolioItem;
        answers.push({
          description,
          typename: result?.__typename ?? 'top-level',
          code: result?.code ?? errors?.[0]?.extensions?.code,
          retryable: result?.retryable,
        });
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    try {
      for (let i = 0; i < 20; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await killer.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = 'hotel-api'`,
        );
      }
    } finally {
      stop = true;
      await Promise.all(workers);
      await killer.end();
    }
    const unknown = answers.filter((a) => a.code === 'COMMIT_OUTCOME_UNKNOWN').map((a) => a.description);
    const unexpected = answers.filter(
      (a) => a.typename !== 'AddFolioItemSuccess' && !(a.typename === 'ServiceUnavailableError' && (a.retryable || a.code === 'COMMIT_OUTCOME_UNKNOWN')),
    );
    expect(unexpected).toEqual([]);
    const succeeded = answers.filter((a) => a.typename === 'AddFolioItemSuccess').map((a) => a.description);
    expect(succeeded.length).toBeGreaterThan(0);
    expect(answers.length - succeeded.length).toBeGreaterThan(0);
    const kept = await t.database.rows<{ description: string; logged: boolean }>(
      `select f.description, exists (select 1 from booking_logs l where l.booking_id = f.booking_id and l.action = 'CHARGE_POSTED' and l.details->>'description' = f.description) as logged
         from folio_items f where f.booking_id = $1 order by f.description`,
      [booking.id],
    );
    const keptDescriptions = kept.map((row) => row.description);
    // Every success is there once; besides them only what was killed in its COMMIT may be.
    expect(succeeded.filter((description) => !keptDescriptions.includes(description))).toEqual([]);
    expect(keptDescriptions.filter((description) => !succeeded.includes(description) && !unknown.includes(description))).toEqual([]);
    expect(new Set(keptDescriptions).size).toBe(keptDescriptions.length);
    expect(kept.every((row) => row.logged)).toBe(true);
  });
});
