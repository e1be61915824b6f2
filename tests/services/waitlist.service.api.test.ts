import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { Customer } from '../../src/entities/customer.entity';
import { Notification } from '../../src/entities/notification.entity';
import { RoomType } from '../../src/entities/room-type.entity';
import { WaitlistEntry } from '../../src/entities/waitlist-entry.entity';
import { fixtures } from '../support/fixtures';
import { answer, mutate, rowCounts, whileWritesTo } from '../support/mutations';
import { startTestApi, type TestApi } from '../support/test-api';

let t: TestApi;
let f: ReturnType<typeof fixtures>;
let type: RoomType;
let customer: Customer;

beforeAll(async () => {
  t = await startTestApi();
});
afterAll(() => t.close());
beforeEach(async () => {
  f = fixtures(t.em());
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
    expect(notices.map((n) => [n.kind, n.message])).toEqual([
      [
        'WAITLIST_AVAILABLE',
        `Room ${room.number} (${type.name}) is free from ${addDays(today(), 11)} to ${addDays(today(), 13)}; book it before someone else does.`,
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

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError and leaves nothing behind', async () => {
    const before = await rowCounts(t, ['waitlist_entries']);
    expect(await whileWritesTo(t, 'waitlist_entries', () => joinWaitlist(wish(10, 3)))).toEqual(answer.serviceUnavailable());
    expect(await rowCounts(t, ['waitlist_entries'])).toEqual(before);
  });
});
