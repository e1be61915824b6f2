import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { Customer } from '../../src/entities/customer.entity';
import { Notification } from '../../src/entities/notification.entity';
import type { Room } from '../../src/entities/room.entity';
import { RoomType } from '../../src/entities/room-type.entity';
import { WaitlistEntry } from '../../src/entities/waitlist-entry.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, rowCounts, whileWritesTo } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let type: RoomType;
let customer: Customer;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  type = await f.roomType({ capacity: 2 });
  customer = await f.customer();
});

const ENTRY = 'entry { id checkIn checkOut numGuests status notifiedAt customer { id } roomType { id } }';
const joinWaitlist = (input: Record<string, unknown>, token = t.tokens.staff) => mutate(t, 'joinWaitlist', input, ENTRY, token);
const wish = (offset: number, nights: number, extra: Record<string, unknown> = {}) => ({
  customerId: String(customer.id),
  roomTypeId: String(type.id),
  checkIn: addDays(today(), offset),
  checkOut: addDays(today(), offset + nights),
  numGuests: 2,
  ...extra,
});

describe('joinWaitlist', () => {
  it('puts the customer on the waitlist for the room type and dates', async () => {
    const result = await joinWaitlist(wish(10, 3));
    expect(result).toEqual({
      __typename: 'JoinWaitlistSuccess',
      entry: {
        id: expect.any(String),
        checkIn: addDays(today(), 10),
        checkOut: addDays(today(), 13),
        numGuests: 2,
        status: 'WAITING',
        notifiedAt: null,
        customer: { id: String(customer.id) },
        roomType: { id: String(type.id) },
      },
    });
    const row = await t.em().findOneOrFail(WaitlistEntry, Number(result.entry.id));
    expect([row.customer.id, row.roomType.id, row.checkIn, row.checkOut, row.numGuests, row.status]).toEqual([
      customer.id,
      type.id,
      addDays(today(), 10),
      addDays(today(), 13),
      2,
      'WAITING',
    ]);
  });

  it('is told when a cancellation frees nights that suit the wish', async () => {
    const room = await f.room(type);
    const booking = await f.booking(room, await f.customer(), 10, 4);
    const { entry } = await joinWaitlist(wish(11, 2));
    await mutate(t, 'cancelBooking', { bookingId: String(booking.id), reason: 'Plans changed' }, 'booking { id }');

    const row = await t.em().findOneOrFail(WaitlistEntry, Number(entry.id));
    expect([row.status, row.notifiedAt instanceof Date]).toEqual(['NOTIFIED', true]);
    const notices = await t.em().find(Notification, { customer: customer.id });
    expect(notices.map((n) => [n.kind, n.message, n.entity, n.entityId, n.user, n.forRole])).toEqual([
      [
        'WAITLIST_AVAILABLE',
        `Room ${room.number} (${type.name}) is free from ${addDays(today(), 11)} to ${addDays(today(), 13)}; book it before someone else does.`,
        'WAITLIST_ENTRY',
        entry.id,
        null,
        null,
      ],
    ]);
  });

  it('answers a party larger than the room type holds with ValidationError at input.numGuests', async () => {
    const before = await rowCounts(t, ['waitlist_entries']);
    expect(await joinWaitlist(wish(10, 3, { numGuests: 3 }))).toEqual(
      answer.validation([{ path: ['input', 'numGuests'], message: `A ${type.name} room takes at most 2 guests.` }]),
    );
    expect(await rowCounts(t, ['waitlist_entries'])).toEqual(before);
  });

  it('answers NotFoundError for an unknown customer or room type', async () => {
    const before = await rowCounts(t, ['waitlist_entries']);
    expect(await joinWaitlist(wish(10, 3, { customerId: '999999' }))).toEqual(answer.notFound('Customer', 999999, 'No customer with id 999999.'));
    expect(await joinWaitlist(wish(10, 3, { roomTypeId: '999999' }))).toEqual(answer.notFound('RoomType', 999999, 'No room type with id 999999.'));
    expect(await rowCounts(t, ['waitlist_entries'])).toEqual(before);
  });

  it('reports every invalid field at once: ids, party size, past, inverted and overlong stays', async () => {
    const before = await rowCounts(t, ['waitlist_entries']);
    expect(await joinWaitlist(wish(-1, 0, { customerId: 'c', roomTypeId: 't', numGuests: 0 }))).toEqual(
      answer.validation([
        { path: ['input', 'customerId'], message: 'Not a valid id.' },
        { path: ['input', 'roomTypeId'], message: 'Not a valid id.' },
        { path: ['input', 'numGuests'], message: 'Must be between 1 and 50.' },
        { path: ['input', 'checkIn'], message: 'Check-in cannot be in the past.' },
        { path: ['input', 'checkOut'], message: 'Check-out must be after check-in.' },
      ]),
    );
    expect(await joinWaitlist(wish(5, 31))).toEqual(
      answer.validation([{ path: ['input', 'checkOut'], message: `A stay may cover at most 30 nights (until ${addDays(today(), 35)}).` }]),
    );
    expect(await rowCounts(t, ['waitlist_entries'])).toEqual(before);
  });
});

const STATE = 'entry { id status notifiedAt closedAt booking { id } }';
const withdraw = (entryId: number | string, token = t.tokens.staff) => mutate(t, 'withdrawWaitlistEntry', { entryId: String(entryId) }, STATE, token);

/** An entry of `customer` for [offset, offset + nights) offered freed nights of `room`: a booking over them is cancelled. */
async function offered(room: Room, offset: number, nights: number, extra: Record<string, unknown> = {}) {
  const held = await f.booking(room, await f.customer(), offset, nights);
  const { entry } = await joinWaitlist(wish(offset, nights, extra));
  await mutate(t, 'cancelBooking', { bookingId: String(held.id), reason: 'Plans changed' }, 'booking { id }');
  expect((await t.em().findOneOrFail(WaitlistEntry, Number(entry.id))).status).toBe('NOTIFIED');
  return entry as { id: string; customer: { id: string } };
}

const entryRow = (id: number | string) => t.em().findOneOrFail(WaitlistEntry, Number(id));

describe('withdrawWaitlistEntry', () => {
  it('withdraws a waiting entry and an offered one, recording when', async () => {
    const { entry } = await joinWaitlist(wish(10, 3));
    const withdrawn = await withdraw(entry.id);
    expect(withdrawn).toEqual({
      __typename: 'WithdrawWaitlistEntrySuccess',
      entry: { id: entry.id, status: 'WITHDRAWN', notifiedAt: null, closedAt: expect.any(String), booking: null },
    });
    expect([(await entryRow(entry.id)).status, (await entryRow(entry.id)).closedAt?.toISOString()]).toEqual(['WITHDRAWN', withdrawn.entry.closedAt]);

    const offer = await offered(await f.room(type), 20, 2);
    expect((await withdraw(offer.id)).entry).toMatchObject({ status: 'WITHDRAWN', notifiedAt: expect.any(String) });
  });

  it('refuses to withdraw an entry twice with INVALID_STATE_TRANSITION, keeping the first time', async () => {
    const { entry } = await joinWaitlist(wish(10, 3));
    const first = await withdraw(entry.id);
    expect(await withdraw(entry.id)).toEqual(answer.invalidTransition('waitlist entry', 'WITHDRAWN', 'WITHDRAWN'));
    expect((await entryRow(entry.id)).closedAt?.toISOString()).toBe(first.entry.closedAt);
  });

  it('answers NotFoundError for an unknown entry and ValidationError for a malformed id', async () => {
    expect(await withdraw(999999)).toEqual(answer.notFound('WaitlistEntry', 999999, 'No waitlist entry with id 999999.'));
    expect(await withdraw('w')).toEqual(answer.validation([{ path: ['input', 'entryId'], message: 'Not a valid id.' }]));
  });
});

describe('createBooking from a waitlist offer', () => {
  const BOOKING = 'booking { id status customer { id } room { id } checkIn checkOut numGuests }';
  const bookFrom = (entryId: string, room: Room, offset: number, nights: number, extra: Record<string, unknown> = {}, token = t.tokens.staff) =>
    mutate(
      t,
      'createBooking',
      {
        roomId: String(room.id),
        customerId: String(customer.id),
        checkIn: addDays(today(), offset),
        checkOut: addDays(today(), offset + nights),
        numGuests: 2,
        waitlistEntryId: entryId,
        ...extra,
      },
      BOOKING,
      token,
    );

  it('fulfils the offer in the same transaction: the entry is FULFILLED by the booking', async () => {
    const room = await f.room(type);
    const offer = await offered(room, 10, 3);
    const booked = await bookFrom(offer.id, room, 10, 3);
    expect(booked).toMatchObject({ __typename: 'CreateBookingSuccess', booking: { status: 'CONFIRMED', customer: { id: String(customer.id) } } });
    const row = await entryRow(offer.id);
    expect([row.status, row.booking?.id, row.closedAt instanceof Date]).toEqual(['FULFILLED', Number(booked.booking.id), true]);
    const { data } = await t.graphql('{ waitlist(status: FULFILLED) { nodes { id booking { id } closedAt } } }', {}, { token: t.tokens.staff });
    expect(data?.waitlist.nodes).toContainEqual({ id: offer.id, booking: { id: booked.booking.id }, closedAt: row.closedAt?.toISOString() });
    expect(await bookFrom(offer.id, await f.room(type), 10, 3)).toEqual(answer.invalidTransition('waitlist entry', 'FULFILLED', 'FULFILLED'));
  });

  it('refuses a booking that differs from the entry, naming what differs, and writes nothing', async () => {
    const room = await f.room(type);
    const offer = await offered(room, 10, 3);
    const other = await f.customer();
    const bigger = await f.room(await f.roomType({ capacity: 4, name: `Bigger ${offer.id}` }));
    const before = await rowCounts(t, ['bookings']);
    expect(await bookFrom(offer.id, bigger, 11, 3, { customerId: String(other.id), numGuests: 1 })).toEqual(
      answer.businessRule(
        'waitlist_offer_match',
        `The booking must match waitlist entry ${offer.id}; it differs in customer (the entry's: ${customer.id}), room type (the entry's: ${type.name}), dates (the entry's: ${addDays(today(), 10)} to ${addDays(today(), 13)}), party (the entry's: 2).`,
      ),
    );
    expect(await bookFrom(offer.id, room, 10, 2)).toEqual(
      answer.businessRule(
        'waitlist_offer_match',
        `The booking must match waitlist entry ${offer.id}; it differs in dates (the entry's: ${addDays(today(), 10)} to ${addDays(today(), 13)}).`,
      ),
    );
    expect(await rowCounts(t, ['bookings'])).toEqual(before);
    expect((await entryRow(offer.id)).status).toBe('NOTIFIED');
  });

  it('refuses a waiting entry, which was offered nothing, with INVALID_STATE_TRANSITION', async () => {
    const { entry } = await joinWaitlist(wish(10, 3));
    expect(await bookFrom(entry.id, await f.room(type), 10, 3)).toEqual(answer.invalidTransition('waitlist entry', 'WAITING', 'FULFILLED'));
    expect((await entryRow(entry.id)).status).toBe('WAITING');
  });

  it('leaves the offer open when the booking fails (the room taken): nothing of the transaction stays', async () => {
    const room = await f.room(type);
    const offer = await offered(room, 10, 3);
    const taken = await f.booking(room, await f.customer(), 10, 1);
    expect(await bookFrom(offer.id, room, 10, 3)).toEqual(answer.roomUnavailable([taken.id]));
    const row = await entryRow(offer.id);
    expect([row.status, row.booking, row.closedAt]).toEqual(['NOTIFIED', null, null]);
  });

  it("lets a partner book its own guest's offer, and answers another partner NOT_FOUND for it", async () => {
    customer = await f.customer({ channel: 'partner-a' });
    const room = await f.room(type);
    const offer = await offered(room, 10, 3);
    expect(await bookFrom(offer.id, room, 10, 3, {}, t.tokens.otherPartner)).toEqual(
      answer.notFound('WaitlistEntry', offer.id, `No waitlist entry with id ${offer.id}.`),
    );
    expect((await bookFrom(offer.id, room, 10, 3, {}, t.tokens.partner)).booking.status).toBe('CONFIRMED');
    expect((await entryRow(offer.id)).status).toBe('FULFILLED');
  });

  it('answers ValidationError at input.waitlistEntryId for a malformed id', async () => {
    expect(await bookFrom('entry', await f.room(type), 10, 3)).toEqual(answer.validation([{ path: ['input', 'waitlistEntryId'], message: 'Not a valid id.' }]));
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError and leaves nothing behind', async () => {
    const before = await rowCounts(t, ['waitlist_entries']);
    expect(await whileWritesTo(t, 'waitlist_entries', () => joinWaitlist(wish(10, 3)))).toEqual(answer.serviceUnavailable());
    expect(await rowCounts(t, ['waitlist_entries'])).toEqual(before);
  });
});
