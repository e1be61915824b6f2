import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type Answer, keepAliveClient } from '../support/keep-alive-client';
import { mutationDocument } from '../support/mutations';
import { type SpawnedApi, spawnApi } from '../support/spawn-api';
import { useTestDatabase } from '../support/test-database';

const TOKEN = 'shutdown-test-admin-token-0123456789abcdef';
const CREATE_CUSTOMER = mutationDocument('createCustomer', { members: '... on CreateCustomerSuccess { customer { id } } ... on ClassifiedError { code }' });
const ADD_CHARGE = mutationDocument('addFolioItem', { members: '... on AddFolioItemSuccess { folioItem { id } } ... on ClassifiedError { code retryable }' });

const db = useTestDatabase();

async function startApi(env: Record<string, string> = {}): Promise<{ api: SpawnedApi; url: string }> {
  const api = spawnApi({ DATABASE_URL: db.url, HOTEL_BOOTSTRAP_ADMIN_TOKEN: TOKEN, ...env });
  const [line] = await api.waitFor(/^\{.*"msg":"hotel API listening".*$/m);
  return { api, url: JSON.parse(line).url };
}

const saved = (answer: Answer) => answer.body?.data?.createCustomer?.__typename === 'CreateCustomerSuccess';

describe('SIGTERM under keep-alive load of writes without idempotency keys', () => {
  it('commits exactly the writes whose clients were told they succeeded', async () => {
    const { api, url } = await startApi({ SHUTDOWN_GRACE_SECONDS: '5' });
    const client = keepAliveClient(url, TOKEN, 20);
    const sent: { email: string; answer: Answer }[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const email = `load${n++}@guest.test`;
        const answer = await client.send(CREATE_CUSTOMER, { input: { firstName: 'Load', lastName: 'Test', email } });
        sent.push({ email, answer });
        // A refused connection means the server has stopped listening: this client is done.
        if (answer.error === 'ECONNREFUSED') return;
      }
    };
    const workers = Array.from({ length: 20 }, worker);
    await sleep(1500);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    stop = true;
    await Promise.all(workers);
    client.close();

    const stored = new Set((await db.rows<{ email: string }>(`select email from customers where email like 'load%'`)).map((row) => row.email));
    const succeeded = sent.filter(({ answer }) => saved(answer)).map(({ email }) => email);
    const failed = sent.filter(({ answer }) => !saved(answer)).map(({ email }) => email);
    expect(succeeded.length).toBeGreaterThan(20);
    expect(failed.length).toBeGreaterThan(0);
    expect({ presentButFailed: failed.filter((email) => stored.has(email)), absentButSucceeded: succeeded.filter((email) => !stored.has(email)) }).toEqual({
      presentButFailed: [],
      absentButSucceeded: [],
    });
    // What the clients saw of the refusals: the drain's answer, or a connection that was no longer there.
    const refusals = new Set(sent.filter(({ answer }) => !saved(answer)).map(({ answer }) => answer.body?.errors?.[0]?.extensions?.code ?? answer.error));
    expect([...refusals].every((what) => ['SHUTTING_DOWN', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(what))).toBe(true);
  });
});

describe('SIGTERM under load of keyed writes, every failed one resent to another process', () => {
  it('applies each change exactly once', async () => {
    const [type] = await db.rows<{ id: number }>(`insert into room_types (name, capacity, base_rate) values ('Resend', 2, 100) returning id`);
    const bookings: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [room] = await db.rows<{ id: number }>(`insert into rooms (number, floor, room_type_id) values ($1, 2, $2) returning id`, [`R${i}`, type.id]);
      const [guest] = await db.rows<{ id: number }>(`insert into customers (first_name, last_name, email) values ('Re', 'Send', $1) returning id`, [
        `resend${i}@guest.test`,
      ]);
      const [booking] = await db.rows<{ id: number }>(
        `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values ($1, $2, current_date + 3, current_date + 5, 1, 200) returning id`,
        [room.id, guest.id],
      );
      bookings.push(booking.id);
    }
    // A charge has nothing unique about it: sent twice, it is charged twice. Only its key tells them apart.
    const charge = (n: number) => ({ input: { bookingId: String(bookings[n % bookings.length]), description: `resend-${n}`, amount: '1.00' } });
    const added = (answer: Answer) => answer.body?.data?.addFolioItem?.__typename === 'AddFolioItemSuccess';

    const first = await startApi({ SHUTDOWN_GRACE_SECONDS: '5' });
    const client = keepAliveClient(first.url, TOKEN, 10);
    const sent: { n: number; answer: Answer }[] = [];
    let stop = false;
    let next = 0;
    const worker = async () => {
      while (!stop) {
        const n = next++;
        const answer = await client.send(ADD_CHARGE, charge(n), { 'idempotency-key': `resend-key-${n}` });
        sent.push({ n, answer });
        if (answer.error === 'ECONNREFUSED') return;
      }
    };
    const workers = Array.from({ length: 10 }, worker);
    await sleep(1500);
    first.api.child.kill('SIGTERM');
    expect(await first.api.exited).toBe(0);
    stop = true;
    await Promise.all(workers);
    client.close();

    const failed = sent.filter(({ answer }) => !added(answer));
    expect(sent.length - failed.length).toBeGreaterThan(10);
    expect(failed.length).toBeGreaterThan(0);
    const second = await startApi();
    const resender = keepAliveClient(second.url, TOKEN, 10);
    try {
      // Resent as a client would: everything it was not told succeeded, with the same key.
      const resent = await Promise.all(failed.map(({ n }) => resender.send(ADD_CHARGE, charge(n), { 'idempotency-key': `resend-key-${n}` })));
      expect(resent.filter((answer) => !added(answer))).toEqual([]);
    } finally {
      resender.close();
      second.api.child.kill('SIGTERM');
      await second.api.exited;
    }
    const charged = await db.rows<{ description: string; times: number }>(
      `select description, count(*)::int as times from folio_items where description like 'resend-%' group by description`,
    );
    const times = new Map(charged.map((row) => [row.description, row.times]));
    const wrong = sent.filter(({ n }) => times.get(`resend-${n}`) !== 1).map(({ n }) => ({ n, times: times.get(`resend-${n}`) ?? 0 }));
    expect(wrong).toEqual([]);
    expect(charged.length).toBe(sent.length);
  });
});

describe('a request still running when the grace runs out', () => {
  it('is cancelled in the database and rolled back, and its client is told so before the connection closes', async () => {
    const [type] = await db.rows<{ id: number }>(`insert into room_types (name, capacity, base_rate) values ('Grace', 2, 100) returning id`);
    const [room] = await db.rows<{ id: number }>(`insert into rooms (number, floor, room_type_id) values ('G1', 1, $1) returning id`, [type.id]);
    const [guest] = await db.rows<{ id: number }>(`insert into customers (first_name, last_name, email) values ('Held', 'Up', 'held@guest.test') returning id`);
    const [booking] = await db.rows<{ id: number }>(
      `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values ($1, $2, current_date + 3, current_date + 5, 1, 200) returning id`,
      [room.id, guest.id],
    );
    const { api, url } = await startApi({ SHUTDOWN_GRACE_SECONDS: '1', LOCK_TIMEOUT_MS: '60000', STATEMENT_TIMEOUT_MS: '60000' });
    const client = keepAliveClient(url, TOKEN, 1);
    // The booking's row is held by another transaction: the charge waits for it.
    await db.sql.query('begin');
    await db.sql.query('select 1 from bookings where id = $1 for update', [booking.id]);
    try {
      const charge = client.send(ADD_CHARGE, { input: { bookingId: String(booking.id), description: 'Late bar tab', amount: '12.00' } });
      await waitForLockWaiter();
      const signalled = Date.now();
      api.child.kill('SIGTERM');
      const answer = await charge;
      expect(answer.status).toBe(200);
      expect(answer.headers?.connection).toBe('close');
      expect(answer.body.data.addFolioItem).toEqual({ __typename: 'ServiceUnavailableError', code: 'SHUTTING_DOWN', retryable: true });
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(900);
      expect(await api.exited).toBe(0);
    } finally {
      await db.sql.query('rollback');
      client.close();
    }
    // Nothing of it was kept: the lock was the only thing between it and its commit.
    expect(await db.rows('select id from folio_items where booking_id = $1', [booking.id])).toEqual([]);
  });
});

async function waitForLockWaiter(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const rows = await db.rows(`select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if (rows.length) return;
    await sleep(25);
  }
  throw new Error('no request started waiting for the lock');
}
