import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { fixtures } from '../support/fixtures';
import { mutate } from '../support/mutations';
import { useTestApi } from '../support/test-api';

const t = useTestApi();

const FEED = `query ($first: Int, $after: String) { changes(first: $first, after: $after) { pageInfo { endCursor hasNextPage } nodes { cursor kind entity entityId version occurredAt } } }`;
const feed = async (after: string | null, token = t.tokens.admin, first = 100) => (await t.graphql(FEED, { first, after }, { token })).data!.changes;

/** Every event after `after`, reading page by page; and the cursor to go on from. */
async function drain(after: string | null, token = t.tokens.admin) {
  const events: { kind: string; entity: string; entityId: string; version: number }[] = [];
  let cursor = after;
  for (;;) {
    const page = await feed(cursor, token, 3);
    for (const { kind, entity, entityId, version } of page.nodes) events.push({ kind, entity, entityId, version });
    cursor = page.pageInfo.endCursor ?? cursor;
    if (!page.pageInfo.hasNextPage) return { events, cursor };
  }
}

const start = async () => (await drain(null)).cursor;

describe('the change feed', () => {
  it('tells every change of a booking and its payments, in order, each with the version it made', async () => {
    const from = await start();
    const f = fixtures(t.em());
    const type = await f.roomType({ baseRate: '100.00' });
    const [room, other] = [await f.room(type), await f.room(type)];
    const customer = await f.customer();
    const booking = await mutate(
      t,
      'createBooking',
      { roomId: String(room.id), customerId: String(customer.id), checkIn: addDays(today(), 5), checkOut: addDays(today(), 7), numGuests: 1 },
      'booking { id }',
    );
    const id = booking.booking.id;
    await mutate(t, 'amendBooking', { bookingId: id, checkOut: addDays(today(), 8) }, 'booking { id }');
    await mutate(t, 'moveRoom', { bookingId: id, roomId: String(other.id), reason: 'Quieter room' }, 'booking { id }');
    const paid = await mutate(t, 'recordPayment', { bookingId: id, amount: '50.00', method: 'CARD' }, 'payment { id }');
    await mutate(t, 'refundPayment', { paymentId: paid.payment.id, amount: '20.00' }, 'payment { id }');
    await mutate(t, 'cancelBooking', { bookingId: id, reason: 'Plans changed' }, 'booking { id }');

    const { events } = await drain(from);
    const page = await feed(from);
    expect(Date.parse(page.nodes[0].occurredAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(events.filter((event) => event.entity !== 'ROOM' && event.entity !== 'ROOM_TYPE')).toEqual([
      { kind: 'BOOKING_CREATED', entity: 'BOOKING', entityId: id, version: 1 },
      { kind: 'BOOKING_AMENDED', entity: 'BOOKING', entityId: id, version: 2 },
      { kind: 'BOOKING_MOVED', entity: 'BOOKING', entityId: id, version: 3 },
      { kind: 'PAYMENT_RECORDED', entity: 'PAYMENT', entityId: paid.payment.id, version: 1 },
      { kind: 'PAYMENT_REFUNDED', entity: 'PAYMENT', entityId: paid.payment.id, version: 2 },
      { kind: 'BOOKING_CANCELLED', entity: 'BOOKING', entityId: id, version: 4 },
    ]);
    expect(events.filter((event) => event.entity === 'ROOM_TYPE')).toEqual([
      { kind: 'RATE_CHANGED', entity: 'ROOM_TYPE', entityId: String(type.id), version: 1 },
    ]);
  });

  it('shows a partner its own channel’s bookings and payments, and nothing of the hotel’s rooms and rates', async () => {
    const from = await start();
    const f = fixtures(t.em());
    const room = await f.room(await f.roomType());
    const own = await f.booking(room, await f.customer({ channel: 'partner-a' }), 10, 1, { channel: 'partner-a' });
    const theirs = await f.booking(room, await f.customer({ channel: 'partner-b' }), 12, 1, { channel: 'partner-b' });
    const direct = await f.booking(room, await f.customer(), 14, 1);
    const hotel = (await drain(from)).events.map((event) => `${event.entity}:${event.entityId}`);
    expect(hotel).toEqual(expect.arrayContaining([`ROOM:${room.id}`, `BOOKING:${own.id}`, `BOOKING:${theirs.id}`, `BOOKING:${direct.id}`]));
    expect((await drain(from, t.tokens.partner)).events).toEqual([{ kind: 'BOOKING_CREATED', entity: 'BOOKING', entityId: String(own.id), version: 1 }]);
  });

  it('never skips an event that commits after a later one: it waits for the earlier transaction instead', async () => {
    const f = fixtures(t.em());
    const room = await f.room(await f.roomType());
    const customer = await f.customer();
    const from = await start();
    const [first, second] = [new pg.Client({ connectionString: t.database.url }), new pg.Client({ connectionString: t.database.url })];
    await Promise.all([first.connect(), second.connect()]);
    const book = (client: pg.Client, offset: number) =>
      client.query(`insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values ($1, $2, $3, $4, 1, 100) returning id`, [
        room.id,
        customer.id,
        addDays(today(), offset),
        addDays(today(), offset + 1),
      ]);
    try {
      // The first transaction writes its event first (smaller ids) and commits last.
      await first.query('begin');
      const early = (await book(first, 20)).rows[0].id;
      await second.query('begin');
      const late = (await book(second, 22)).rows[0].id;
      await second.query('commit');
      // While the first is open, the later commit is held back: a cursor cannot move past the first's event.
      const whileOpen = await drain(from);
      expect(whileOpen.events.filter((event) => event.entity === 'BOOKING')).toEqual([]);
      await first.query('commit');
      // Its event was written first (the smaller id) and committed last: an id-ordered feed would have skipped it.
      const ids = await t.database.sql.query(`select entity_id from change_events where entity = 'BOOKING' and entity_id = any($1) order by id`, [
        [String(early), String(late)],
      ]);
      expect(ids.rows.map((row) => row.entity_id)).toEqual([String(early), String(late)]);
      const after = await drain(whileOpen.cursor);
      expect(after.events.filter((event) => event.entity === 'BOOKING').map((event) => event.entityId)).toEqual([String(early), String(late)]);
      expect((await drain(after.cursor)).events).toEqual([]);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });

  it('refuses a cursor it did not give', async () => {
    const response = await t.graphql(FEED, { first: 1, after: 'bm90LWEtY3Vyc29y' });
    expect(response.errors?.[0].message).toBe('after is not a cursor returned by this list');
  });

  it('is read forward only: no last or before, and a page after a cursor has the cursor’s event behind it', async () => {
    const backward = await t.graphql(`{ changes(last: 1) { nodes { cursor } } }`);
    expect(backward.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await fixtures(t.em()).roomType();
    const first = (await t.graphql(`{ changes(first: 1) { pageInfo { hasPreviousPage startCursor endCursor } } }`)).data!.changes.pageInfo;
    expect(first).toMatchObject({ hasPreviousPage: false });
    expect(first.startCursor).toBe(first.endCursor);
    const next = (await t.graphql(`query ($after: String) { changes(first: 1, after: $after) { pageInfo { hasPreviousPage } } }`, { after: first.endCursor }))
      .data!.changes.pageInfo;
    expect(next.hasPreviousPage).toBe(true);
  });
});

describe('bookings(filter: {updatedSince})', () => {
  it('lists the bookings changed at or after the instant', async () => {
    const f = fixtures(t.em());
    const room = await f.room(await f.roomType());
    const old = await f.booking(room, await f.customer(), 30, 1);
    const untouched = await f.booking(room, await f.customer(), 34, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date();
    const changed = await f.booking(room, await f.customer(), 32, 1);
    expect((await mutate(t, 'amendBooking', { bookingId: String(old.id), numGuests: 2 }, 'booking { id }')).__typename).toBe('AmendBookingSuccess');
    const { data } = await t.graphql(`query ($since: DateTime) { bookings(first: 100, filter: { updatedSince: $since }) { nodes { id } } }`, {
      since: since.toISOString(),
    });
    const ids = data!.bookings.nodes.map((node: { id: string }) => node.id);
    expect(ids).toContain(String(changed.id));
    expect(ids).toContain(String(old.id));
    expect(ids).not.toContain(String(untouched.id));
    const none = await t.graphql(`query ($since: DateTime) { bookings(first: 100, filter: { updatedSince: $since }) { nodes { id } } }`, {
      since: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(none.data!.bookings.nodes).toEqual([]);
  });
});
