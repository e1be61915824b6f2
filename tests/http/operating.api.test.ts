import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { fixtures } from '../support/fixtures';
import { mutate, mutationDocument } from '../support/mutations';
import { startTestApi, type TestApi } from '../support/test-api';

const METRICS_TOKEN = 'metrics-scraper-token-0123456789';

/** Short lock waits: requests meet LOCK_TIMEOUT. */
let quick: TestApi;
/** Long lock waits but a short deadline and a small pool: requests meet REQUEST_TIMEOUT and RESOURCES_EXHAUSTED. */
let tight: TestApi;

beforeAll(async () => {
  [quick, tight] = await Promise.all([
    startTestApi({ config: { lockTimeoutMs: 300, metricsToken: METRICS_TOKEN, loginMaxFailuresPerAddress: 2, trustProxy: ['loopback'] } }),
    startTestApi({ config: { lockTimeoutMs: 20_000, requestTimeoutMs: 1500, poolSize: 2, poolAcquireTimeoutMs: 300, metricsPort: 0 } }),
  ]);
});
afterAll(() => Promise.all([quick.close(), tight.close()]));

async function session(t: TestApi): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: t.database.url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Runs `work` while another session holds `lock` (a LOCK TABLE mode or a row lock statement). */
async function whileLocked<T>(t: TestApi, lock: string, work: () => Promise<T>): Promise<T> {
  const holder = await session(t);
  await holder.query('begin');
  await holder.query(lock);
  try {
    return await work();
  } finally {
    await holder.query('rollback');
    await holder.end();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = Date.now();
  const result = await work();
  return { ms: Date.now() - started, result };
}

async function bookable(t: TestApi) {
  const f = fixtures(t.em());
  const room = await f.room(await f.roomType());
  const customer = await f.customer();
  const booking = await f.booking(room, customer, 5, 2);
  return { room, customer, booking };
}

describe('waits are bounded', () => {
  it('behind an ACCESS EXCLUSIVE lock on bookings: reads and writes answer LOCK_TIMEOUT, retryable, while me and /readyz answer', async () => {
    const { room, customer } = await bookable(quick);
    await whileLocked(quick, 'lock table bookings in access exclusive mode', async () => {
      const read = await timed(() => quick.graphql('{ bookings { totalCount } }'));
      expect(read.result.status).toBe(503);
      expect(read.result.headers.get('retry-after')).toBe('1');
      expect(read.result.errors?.[0].extensions).toMatchObject({ code: 'LOCK_TIMEOUT', retryable: true, category: 'DATABASE' });
      const write = await timed(() =>
        mutate(
          quick,
          'createBooking',
          { roomId: String(room.id), customerId: String(customer.id), checkIn: addDays(today(), 200), checkOut: addDays(today(), 201), numGuests: 1 },
          { members: '... on ServiceUnavailableError { code retryable }' },
        ),
      );
      expect(write.result).toEqual({ __typename: 'ServiceUnavailableError', code: 'LOCK_TIMEOUT', retryable: true });
      const me = await quick.graphql('{ me { role } }');
      expect(me.data).toEqual({ me: { role: 'ADMIN' } });
      expect((await fetch(quick.url.replace('/graphql', '/readyz'))).status).toBe(200);
      // Bounded: a fraction of a second of lock wait each, nowhere near the lock's own duration.
      expect(Math.max(read.ms, write.ms)).toBeLessThan(5000);
    });
  });

  it('past the request deadline: a write waiting on a row answers REQUEST_TIMEOUT, rolled back; a read, 503 REQUEST_TIMEOUT', async () => {
    const { booking } = await bookable(tight);
    await whileLocked(tight, `select 1 from bookings where id = ${booking.id} for update`, async () => {
      const write = await timed(() =>
        mutate(
          tight,
          'addFolioItem',
          { bookingId: String(booking.id), description: 'Minibar', amount: '5.00' },
          { members: '... on ServiceUnavailableError { code retryable }' },
        ),
      );
      expect(write.result).toEqual({ __typename: 'ServiceUnavailableError', code: 'REQUEST_TIMEOUT', retryable: true });
      expect(write.ms).toBeLessThan(5000);
    });
    expect(await tight.database.rows('select id from folio_items where booking_id = $1', [booking.id])).toEqual([]);
    await whileLocked(tight, 'lock table bookings in access exclusive mode', async () => {
      const read = await tight.graphql('{ bookings { totalCount } }');
      expect(read.status).toBe(503);
      expect(read.errors?.[0].extensions).toMatchObject({ code: 'REQUEST_TIMEOUT', retryable: true });
    });
  });

  it('with every pooled connection stuck: RESOURCES_EXHAUSTED after the acquire timeout, and authentication still answers', async () => {
    await whileLocked(tight, 'lock table bookings in access exclusive mode', async () => {
      const stuck = [tight.graphql('{ bookings { totalCount } }'), tight.graphql('{ bookings { totalCount } }')];
      await sleep(200);
      const third = await tight.graphql('{ rooms { totalCount } }');
      expect(third.status).toBe(503);
      expect(third.errors?.[0].extensions).toMatchObject({ code: 'RESOURCES_EXHAUSTED', retryable: true });
      expect((await tight.graphql('{ me { role } }')).data).toEqual({ me: { role: 'ADMIN' } });
      await Promise.all(stuck);
    });
  });
});

describe('faults of queries are classified and the HTTP status says so', () => {
  it('a backend terminated under a query: CONNECTION_LOST, 503 with Retry-After', async () => {
    const admin = await session(tight);
    try {
      const answer = await whileLocked(tight, 'lock table rooms in access exclusive mode', async () => {
        const pending = tight.graphql('{ rooms { totalCount } }');
        for (let i = 0; i < 100; i++) {
          const { rows } = await admin.query(
            `select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and application_name = 'hotel-api'`,
          );
          if (rows.length) {
            await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
            break;
          }
          await sleep(20);
        }
        return pending;
      });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'CONNECTION_LOST', category: 'DATABASE', retryable: true });
    } finally {
      await admin.end();
    }
  });

  it('401 with WWW-Authenticate for a missing or invalid token, and why when one was sent', async () => {
    const missing = await quick.graphql('{ me { role } }', {}, { token: null });
    expect([missing.status, missing.headers.get('www-authenticate'), missing.errors?.[0].extensions.code]).toEqual([
      401,
      'Bearer realm="hotel-api"',
      'UNAUTHENTICATED',
    ]);
    const invalid = await quick.graphql('{ me { role } }', {}, { token: 'hotel_not-a-token' });
    expect([invalid.status, invalid.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="hotel-api", error="invalid_token"']);
    // An answer with data stays 200.
    expect((await quick.graphql('{ me { role } rooms { totalCount } }', {}, { token: quick.tokens.staff })).status).toBe(200);
  });

  it('429 with Retry-After when logins are throttled', async () => {
    const login = mutationDocument('login', { members: '... on ClassifiedError { code }' });
    const attempt = () =>
      quick.graphql(login, { email: 'nobody@hotel.test', password: 'wrong password' }, { token: null, headers: { 'x-forwarded-for': '203.0.113.9' } });
    await attempt();
    await attempt();
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.errors?.[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('a committed change whose result cannot be read answers CHANGE_SAVED, and is saved', async () => {
    const { booking } = await bookable(quick);
    const answer = await whileLocked(quick, 'lock table customers in access exclusive mode', () =>
      quick.graphql(mutationDocument('cancelBooking', { members: '... on CancelBookingSuccess { booking { status customer { lastName } } }' }), {
        input: { bookingId: String(booking.id), reason: 'Plans changed' },
      }),
    );
    expect(answer.errors?.[0]).toMatchObject({ path: ['cancelBooking', 'booking', 'customer'], extensions: { code: 'CHANGE_SAVED', retryable: false } });
    expect(await quick.database.rows('select status from bookings where id = $1', [booking.id])).toEqual([{ status: 'CANCELLED' }]);
  });
});

describe('not for strangers', () => {
  it('introspection needs a token of any role; __typename does not', async () => {
    const schemaQuery = '{ __schema { queryType { name } } }';
    const stranger = await quick.graphql(schemaQuery, {}, { token: null });
    expect([stranger.status, stranger.errors?.[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await quick.graphql(schemaQuery, {}, { token: quick.tokens.partner })).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await quick.graphql('{ __typename }', {}, { token: null })).data).toEqual({ __typename: 'Query' });
  });

  it('/metrics behind METRICS_TOKEN, or on a port of its own', async () => {
    const onQuick = quick.url.replace('/graphql', '/metrics');
    const refused = await fetch(onQuick);
    expect([refused.status, refused.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="hotel-api"']);
    const scraped = await fetch(onQuick, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('hotel_graphql_requests_total');
    expect((await fetch(tight.url.replace('/graphql', '/metrics'))).status).toBe(404);
    const own = await fetch(tight.api.metricsUrl!);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('hotel_errors_total');
  });
});
