import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { BookingLog } from '../../src/entities/booking-log.entity';
import { Customer } from '../../src/entities/customer.entity';
import { HousekeepingTask, HousekeepingTaskKind } from '../../src/entities/housekeeping-task.entity';
import { Invoice } from '../../src/entities/invoice.entity';
import { LoyaltyTransaction } from '../../src/entities/loyalty-transaction.entity';
import { MaintenanceRequest, MaintenanceSeverity } from '../../src/entities/maintenance-request.entity';
import { Notification } from '../../src/entities/notification.entity';
import { Room, RoomStatus } from '../../src/entities/room.entity';
import { WaitlistEntry, WaitlistStatus } from '../../src/entities/waitlist-entry.entity';
import { type Fixtures, useFixtures } from '../support/fixtures';
import { answer, mutate, whileWritesTo } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let roomId: number;
let customerId: number;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  const type = await f.roomType({ capacity: 2, baseRate: '120.00' });
  roomId = (await f.room(type)).id;
  customerId = (await f.customer()).id;
});

const createBooking = (input: Record<string, unknown>) =>
  mutate(t, 'createBooking', input, 'replayed booking { id status totalAmount checkIn checkOut channel }');

const stay = (offset: number, nights: number, extra: Record<string, unknown> = {}) => ({
  roomId: String(roomId),
  customerId: String(customerId),
  checkIn: addDays(today(), offset),
  checkOut: addDays(today(), offset + nights),
  numGuests: 2,
  ...extra,
});

describe('createBooking', () => {
  it('books the room, prices it rate × nights and logs it', async () => {
    const created = await createBooking(stay(10, 3));
    expect(created).toMatchObject({
      __typename: 'CreateBookingSuccess',
      replayed: false,
      booking: { status: 'CONFIRMED', totalAmount: '360.00', channel: 'DIRECT' },
    });
    const logs = await t.em().find(BookingLog, { booking: Number(created.booking.id) });
    expect(logs.map((log) => log.action)).toEqual(['CREATED']);
  });

  it('reports every invalid field at once', async () => {
    const refused = await createBooking({ ...stay(-2, 0), roomId: 'x', numGuests: 0 });
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.fieldErrors).toEqual([
      { path: ['input', 'roomId'], message: 'Not a valid id.' },
      { path: ['input', 'numGuests'], message: 'Must be between 1 and 50.' },
      { path: ['input', 'checkIn'], message: 'Check-in cannot be in the past.' },
      { path: ['input', 'checkOut'], message: 'Check-out must be after check-in.' },
    ]);
  });

  it('refuses an overlapping stay with ROOM_UNAVAILABLE and the conflicting ids', async () => {
    const first = await createBooking(stay(10, 3));
    expect(await createBooking(stay(11, 3))).toMatchObject({
      __typename: 'ConflictError',
      code: 'ROOM_UNAVAILABLE',
      category: 'BUSINESS_LOGIC',
      retryable: false,
      conflictingIds: [first.booking.id],
    });
  });

  it('refuses more guests than the room type holds, stays over the limit, unknown rooms and out-of-order windows', async () => {
    expect((await createBooking(stay(10, 3, { numGuests: 3 }))).fieldErrors).toEqual([
      { path: ['input', 'numGuests'], message: expect.stringContaining('at most 2 guests') },
    ]);
    expect((await createBooking(stay(10, 31))).fieldErrors[0].path).toEqual(['input', 'checkOut']);
    expect(await createBooking(stay(10, 3, { roomId: '999999' }))).toMatchObject({
      __typename: 'NotFoundError',
      entity: 'Room',
      id: '999999',
    });
    const em = t.em();
    em.create(MaintenanceRequest, {
      room: roomId,
      description: 'Flood',
      severity: MaintenanceSeverity.HIGH,
      outOfOrderFrom: addDays(today(), 40),
      outOfOrderTo: addDays(today(), 42),
    });
    await em.flush();
    expect(await createBooking(stay(41, 3))).toMatchObject({ __typename: 'BusinessRuleError', rule: 'room_out_of_order' });
  });

  it('refuses a stay ending past the booking horizon (730 days) and one whose price passes the booking maximum', async () => {
    expect((await createBooking(stay(727, 3))).__typename).toBe('CreateBookingSuccess');
    expect((await createBooking(stay(728, 3))).fieldErrors).toEqual([
      { path: ['input', 'checkOut'], message: `Stays can be booked up to ${addDays(today(), 730)} (730 days ahead).` },
    ]);
    // 30 nights at 1,000,000.00: 30,000,000.00 against the 10,000,000.00 one booking may hold.
    const suite = await f.room(await f.roomType({ capacity: 2, baseRate: '1000000.00' }));
    const before = await t.em().count(Booking, {});
    expect((await createBooking(stay(10, 30, { roomId: String(suite.id) }))).fieldErrors).toEqual([
      { path: ['input', 'checkOut'], message: "This would bring the booking's bill to 30000000.00, above the 10000000.00 one booking may hold." },
    ]);
    expect(await t.em().count(Booking, {})).toBe(before);
  });
});

const STATUS = 'booking { id status }';

/** Runs `work` on another business date (the hotel's "today"), then sets it back. */
async function onBusinessDate<T>(date: string, work: () => Promise<T>): Promise<T> {
  const { rows } = await t.database.sql.query('select business_date::text as date from hotel_calendar where id = 1');
  await t.database.sql.query('update hotel_calendar set business_date = $1 where id = 1', [date]);
  try {
    return await work();
  } finally {
    await t.database.sql.query('update hotel_calendar set business_date = $1 where id = 1', [rows[0].date]);
  }
}

describe('the booking lifecycle', () => {
  it('checks in, refuses check-out with an open balance, then checks out a settled stay with loyalty points, a dirty room and a cleaning task', async () => {
    const booking = await f.booking(
      await t.em().findOneOrFail(Room, roomId, { populate: ['roomType'] }),
      await t.em().findOneOrFail(Customer, customerId),
      0,
      2,
    );
    expect((await mutate(t, 'checkInBooking', { bookingId: String(booking.id) }, STATUS)).booking.status).toBe('CHECKED_IN');
    // Two nights later, on the planned day of departure: a check-out before it would be an early departure.
    await onBusinessDate(addDays(today(), 2), () => checkOutSettledStay(booking));
  });

  async function checkOutSettledStay(booking: Booking) {
    const refused = await mutate(t, 'checkOutBooking', { bookingId: String(booking.id) }, STATUS);
    expect(refused).toMatchObject({ __typename: 'BusinessRuleError', code: 'BUSINESS_RULE_VIOLATION', rule: 'folio_settled' });
    expect(refused.message).toContain('240.00 is still owed');

    await mutate(t, 'addFolioItem', { bookingId: String(booking.id), description: 'Minibar', amount: '10.50' }, 'folioItem { id }');
    const paid = await mutate(t, 'recordPayment', { bookingId: String(booking.id), amount: '250.50', method: 'CARD' }, 'payment { amount }');
    expect(paid.payment.amount).toBe('250.50');

    expect((await mutate(t, 'checkOutBooking', { bookingId: String(booking.id) }, STATUS)).booking.status).toBe('CHECKED_OUT');
    const em = t.em();
    expect((await em.findOneOrFail(Customer, customerId)).loyaltyPoints).toBe(250);
    expect(await em.count(LoyaltyTransaction, { customer: customerId, points: 250 })).toBe(1);
    expect((await em.findOneOrFail(Room, roomId)).housekeepingStatus).toBe('DIRTY');
    expect(await em.count(HousekeepingTask, { room: roomId, kind: HousekeepingTaskKind.CLEANING })).toBe(1);
    const invoice = await em.findOneOrFail(Invoice, { booking: booking.id });
    expect([invoice.amount, invoice.currency, invoice.number]).toEqual([
      '250.50',
      'EUR',
      `INV-${booking.checkOut.slice(0, 4)}-${String(booking.id).padStart(8, '0')}`,
    ]);
    expect((await em.find(BookingLog, { booking: booking.id }, { orderBy: { id: 'asc' } })).map((l) => l.action)).toEqual([
      'CHECKED_IN',
      'CHARGE_POSTED',
      'PAYMENT_RECORDED',
      'CHECKED_OUT',
    ]);
  }

  it('answers any move the state machine does not allow with INVALID_STATE_TRANSITION', async () => {
    const booking = await f.booking(
      await t.em().findOneOrFail(Room, roomId, { populate: ['roomType'] }),
      await t.em().findOneOrFail(Customer, customerId),
      5,
      2,
      { status: BookingStatus.CANCELLED },
    );
    for (const name of ['checkInBooking', 'checkOutBooking', 'markNoShow']) {
      expect(await mutate(t, name, { bookingId: String(booking.id) }, STATUS)).toMatchObject({
        __typename: 'BusinessRuleError',
        code: 'INVALID_STATE_TRANSITION',
        rule: 'booking_status',
      });
    }
    expect((await mutate(t, 'cancelBooking', { bookingId: String(booking.id), reason: 'again' }, STATUS)).code).toBe('INVALID_STATE_TRANSITION');
  });

  it('cancels with who, when and why, and notifies the first waitlisted customer the freed nights suit', async () => {
    const room = await t.em().findOneOrFail(Room, roomId, { populate: ['roomType'] });
    const booking = await f.booking(room, await t.em().findOneOrFail(Customer, customerId), 20, 5);
    const early = await f.customer();
    const late = await f.customer();
    const tooLong = await f.customer();
    const em = t.em();
    em.create(WaitlistEntry, { customer: tooLong, roomType: room.roomType.id, checkIn: addDays(today(), 19), checkOut: addDays(today(), 22), numGuests: 1 });
    const first = em.create(WaitlistEntry, {
      customer: early,
      roomType: room.roomType.id,
      checkIn: addDays(today(), 21),
      checkOut: addDays(today(), 23),
      numGuests: 2,
    });
    em.create(WaitlistEntry, { customer: late, roomType: room.roomType.id, checkIn: addDays(today(), 21), checkOut: addDays(today(), 23), numGuests: 1 });
    await em.flush();

    const cancelled = await mutate(
      t,
      'cancelBooking',
      { bookingId: String(booking.id), reason: 'Flight cancelled' },
      'booking { status cancelledAt cancellationReason }',
    );
    expect(cancelled.booking).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Flight cancelled' });
    expect(new Date(cancelled.booking.cancelledAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const check = t.em();
    expect((await check.findOneOrFail(WaitlistEntry, first.id)).status).toBe(WaitlistStatus.NOTIFIED);
    expect(await check.count(WaitlistEntry, { status: WaitlistStatus.NOTIFIED, roomType: room.roomType.id })).toBe(1);
    expect(await check.count(Notification, { customer: early.id, kind: 'WAITLIST_AVAILABLE' })).toBe(1);
  });
});

describe('rooms out of order', () => {
  it('cannot be booked', async () => {
    const em = t.em();
    (await em.findOneOrFail(Room, roomId)).status = RoomStatus.OUT_OF_ORDER;
    await em.flush();
    expect(await createBooking(stay(10, 3))).toMatchObject({ __typename: 'BusinessRuleError', rule: 'room_in_service' });
  });
});

const BOOKING = 'booking { id status checkIn checkOut numGuests totalAmount room { id } }';
const day = (offset: number) => addDays(today(), offset);

async function bookingOf(offset: number, nights: number, fields: Parameters<Fixtures['booking']>[4] = {}, room = roomId) {
  const em = t.em();
  return f.booking(await em.findOneOrFail(Room, room, { populate: ['roomType'] }), await em.findOneOrFail(Customer, customerId), offset, nights, fields);
}

async function bookingRow(id: number) {
  const row = await t.em().findOneOrFail(Booking, id);
  return { status: row.status, roomId: row.room?.id, checkIn: row.checkIn, checkOut: row.checkOut, numGuests: row.numGuests, totalAmount: row.totalAmount };
}

async function logDetails(bookingId: number): Promise<Record<string, any>[]> {
  return (await t.em().find(BookingLog, { booking: bookingId }, { orderBy: { id: 'asc' } })).map((log) => ({ action: log.action, ...log.details }));
}

describe('amendBooking', () => {
  const amend = (input: Record<string, unknown>) => mutate(t, 'amendBooking', input, BOOKING);

  it('moves a confirmed booking to new dates and reprices it rate × nights, logging before and after', async () => {
    const booking = await bookingOf(10, 3);
    expect(await amend({ bookingId: String(booking.id), checkIn: day(12), checkOut: day(16) })).toEqual({
      __typename: 'AmendBookingSuccess',
      booking: {
        id: String(booking.id),
        status: 'CONFIRMED',
        checkIn: day(12),
        checkOut: day(16),
        numGuests: 1,
        totalAmount: '480.00',
        room: { id: String(roomId) },
      },
    });
    expect(await bookingRow(booking.id)).toEqual({ status: 'CONFIRMED', roomId, checkIn: day(12), checkOut: day(16), numGuests: 1, totalAmount: '480.00' });
    expect(await logDetails(booking.id)).toEqual([
      {
        action: 'AMENDED',
        by: expect.stringContaining('(test admin)'),
        before: { roomId, roomTypeId: expect.any(Number), checkIn: day(10), checkOut: day(13), numGuests: 1, totalAmount: '360.00' },
        after: { roomId, roomTypeId: expect.any(Number), checkIn: day(12), checkOut: day(16), numGuests: 1, totalAmount: '480.00' },
      },
    ]);
  });

  it('offers the nights it moves away from to the waitlist, but not nights it still holds', async () => {
    const booking = await bookingOf(30, 4); // nights 30..33 of the room
    const room = await t.em().findOneOrFail(Room, roomId);
    const stillHeld = await f.customer();
    const freed = await f.customer();
    const em = t.em();
    // Oldest first, but it wants night 32, which the amended stay keeps.
    const heldEntry = em.create(WaitlistEntry, { customer: stillHeld, roomType: room.roomType.id, checkIn: day(32), checkOut: day(33), numGuests: 1 });
    const freedEntry = em.create(WaitlistEntry, { customer: freed, roomType: room.roomType.id, checkIn: day(30), checkOut: day(32), numGuests: 1 });
    await em.flush();
    expect((await amend({ bookingId: String(booking.id), checkIn: day(32), checkOut: day(35) })).__typename).toBe('AmendBookingSuccess');
    const check = t.em();
    expect((await check.findOneOrFail(WaitlistEntry, heldEntry.id)).status).toBe(WaitlistStatus.WAITING);
    expect((await check.findOneOrFail(WaitlistEntry, freedEntry.id)).status).toBe(WaitlistStatus.NOTIFIED);
    expect(await check.count(Notification, { customer: freed.id, kind: 'WAITLIST_AVAILABLE' })).toBe(1);
  });

  it('extends a stay in its own room without colliding with itself', async () => {
    const booking = await bookingOf(10, 3);
    expect((await amend({ bookingId: String(booking.id), checkOut: day(15) })).booking).toMatchObject({
      checkIn: day(10),
      checkOut: day(15),
      totalAmount: '600.00',
    });
  });

  it('moves to another room at that room type’s rate, and changes the party within its capacity', async () => {
    const booking = await bookingOf(10, 3);
    const suite = await f.room(await f.roomType({ capacity: 4, baseRate: '200.00' }));
    expect((await amend({ bookingId: String(booking.id), roomId: String(suite.id), numGuests: 4 })).booking).toMatchObject({
      numGuests: 4,
      totalAmount: '600.00',
      room: { id: String(suite.id) },
    });
    expect(await bookingRow(booking.id)).toEqual({
      status: 'CONFIRMED',
      roomId: suite.id,
      checkIn: day(10),
      checkOut: day(13),
      numGuests: 4,
      totalAmount: '600.00',
    });
    expect((await amend({ bookingId: String(booking.id), numGuests: 2 })).booking).toMatchObject({ numGuests: 2, totalAmount: '600.00' });
    expect((await logDetails(booking.id)).map((log) => log.action)).toEqual(['AMENDED', 'AMENDED']);
  });

  it('keeps a check-in that is already past when only the check-out moves', async () => {
    const booking = await bookingOf(-1, 2);
    expect((await amend({ bookingId: String(booking.id), checkOut: day(3) })).booking).toMatchObject({
      checkIn: day(-1),
      checkOut: day(3),
      totalAmount: '480.00',
    });
  });

  it('answers an overlap with another booking with ROOM_UNAVAILABLE and its id, leaving the booking as it was', async () => {
    const booking = await bookingOf(10, 3);
    const other = await f.room(await f.roomType({ capacity: 2 }));
    const blocking = await bookingOf(12, 2, {}, other.id);
    const sameRoom = await bookingOf(20, 2);
    expect(await amend({ bookingId: String(booking.id), roomId: String(other.id) })).toEqual(answer.roomUnavailable([blocking.id]));
    expect(await amend({ bookingId: String(booking.id), checkIn: day(18), checkOut: day(21) })).toEqual(answer.roomUnavailable([sameRoom.id]));
    expect(await bookingRow(booking.id)).toEqual({ status: 'CONFIRMED', roomId, checkIn: day(10), checkOut: day(13), numGuests: 1, totalAmount: '360.00' });
    expect(await logDetails(booking.id)).toEqual([]);
  });

  it('lets only one of two bookings moved into the same free nights at once have them; the other learns its id', async () => {
    const target = await f.room(await f.roomType({ capacity: 2 }));
    const first = await bookingOf(10, 3);
    const second = await bookingOf(20, 3);
    const moves = await Promise.all(
      [first, second].map((b) => amend({ bookingId: String(b.id), roomId: String(target.id), checkIn: day(30), checkOut: day(33) })),
    );
    const winner = moves.findIndex((move) => move.__typename === 'AmendBookingSuccess');
    const [won, lost] = winner === 0 ? [first, second] : [second, first];
    expect(moves[1 - winner]).toEqual(answer.roomUnavailable([won.id]));
    expect(await bookingRow(won.id)).toMatchObject({ roomId: target.id, checkIn: day(30) });
    expect(await bookingRow(lost.id)).toMatchObject({ roomId, checkIn: day(lost === first ? 10 : 20) });
  });

  it('answers BusinessRuleError booking_amendable for a booking that is neither confirmed nor checked in', async () => {
    for (const status of [BookingStatus.CHECKED_OUT, BookingStatus.CANCELLED]) {
      const booking = await bookingOf(0, 2, { status });
      expect(await amend({ bookingId: String(booking.id), checkOut: day(5) })).toEqual(
        answer.businessRule('booking_amendable', `Only a confirmed or checked-in booking can be amended; this one is ${status}.`),
      );
      expect(await bookingRow(booking.id)).toMatchObject({ status, checkOut: day(2) });
    }
  });

  it('answers BusinessRuleError when the new room is out of service or out of order for those nights', async () => {
    const booking = await bookingOf(10, 3);
    const closed = await f.room(await f.roomType(), { status: RoomStatus.OUT_OF_SERVICE });
    expect(await amend({ bookingId: String(booking.id), roomId: String(closed.id) })).toEqual(
      answer.businessRule('room_in_service', `Room ${closed.number} is out of service and cannot be booked.`),
    );
    const em = t.em();
    em.create(MaintenanceRequest, { room: roomId, description: 'Paint', severity: MaintenanceSeverity.LOW, outOfOrderFrom: day(14), outOfOrderTo: day(15) });
    await em.flush();
    const number = (await t.em().findOneOrFail(Room, roomId)).number;
    expect(await amend({ bookingId: String(booking.id), checkOut: day(15) })).toEqual(
      answer.businessRule('room_out_of_order', `Room ${number} is out of order for some of these nights.`),
    );
    expect(await bookingRow(booking.id)).toMatchObject({ roomId, checkOut: day(13) });
  });

  it('answers NotFoundError for an unknown booking or room', async () => {
    const booking = await bookingOf(10, 3);
    expect(await amend({ bookingId: '999999', numGuests: 1 })).toEqual(answer.notFound('Booking', 999999, 'No booking with id 999999.'));
    expect(await amend({ bookingId: String(booking.id), roomId: '999999' })).toEqual(answer.notFound('Room', 999999, 'No room with id 999999.'));
  });

  it('answers ValidationError for malformed ids, a party too large, a past check-in and inverted or overlong stays', async () => {
    const booking = await bookingOf(10, 3);
    const number = (await t.em().findOneOrFail(Room, roomId)).number;
    expect(await amend({ bookingId: 'b', roomId: 'r', numGuests: 0 })).toEqual(
      answer.validation([
        { path: ['input', 'bookingId'], message: 'Not a valid id.' },
        { path: ['input', 'roomId'], message: 'Not a valid id.' },
        { path: ['input', 'numGuests'], message: 'Must be between 1 and 50.' },
      ]),
    );
    expect(await amend({ bookingId: String(booking.id), numGuests: 3 })).toEqual(
      answer.validation([{ path: ['input', 'numGuests'], message: `Room ${number} takes at most 2 guests.` }]),
    );
    expect(await amend({ bookingId: String(booking.id), checkIn: day(-1) })).toEqual(
      answer.validation([{ path: ['input', 'checkIn'], message: 'Check-in cannot be in the past.' }]),
    );
    expect(await amend({ bookingId: String(booking.id), checkOut: day(10) })).toEqual(
      answer.validation([{ path: ['input', 'checkOut'], message: 'Check-out must be after check-in.' }]),
    );
    expect(await amend({ bookingId: String(booking.id), checkOut: day(41) })).toEqual(
      answer.validation([{ path: ['input', 'checkOut'], message: `A stay may cover at most 30 nights (until ${day(40)}).` }]),
    );
    expect(await bookingRow(booking.id)).toEqual({ status: 'CONFIRMED', roomId, checkIn: day(10), checkOut: day(13), numGuests: 1, totalAmount: '360.00' });
    expect(await logDetails(booking.id)).toEqual([]);
  });
});

describe('markNoShow', () => {
  const markNoShow = (bookingId: string) => mutate(t, 'markNoShow', { bookingId }, BOOKING);

  it('marks a guest who never came once the check-in day has passed, frees the room and tells the waitlist', async () => {
    const booking = await bookingOf(-1, 3);
    const room = await t.em().findOneOrFail(Room, roomId, { populate: ['roomType'] });
    const waiting = await f.customer();
    const em = t.em();
    const entry = em.create(WaitlistEntry, { customer: waiting, roomType: room.roomType.id, checkIn: day(0), checkOut: day(2), numGuests: 1 });
    await em.flush();

    expect((await markNoShow(String(booking.id))).booking).toMatchObject({ id: String(booking.id), status: 'NO_SHOW' });
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'NO_SHOW' });
    expect((await logDetails(booking.id)).map((log) => log.action)).toEqual(['NO_SHOW']);
    expect((await t.em().findOneOrFail(WaitlistEntry, entry.id)).status).toBe(WaitlistStatus.NOTIFIED);
    expect((await t.em().find(Notification, { customer: waiting.id })).map((n) => n.message)).toEqual([
      `Room ${room.number} (${room.roomType.name}) is free from ${day(0)} to ${day(2)}; book it before someone else does.`,
    ]);
    expect((await createBooking(stay(0, 2))).__typename).toBe('CreateBookingSuccess');
  });

  it('answers BusinessRuleError no_show_date on or before the check-in day, and changes nothing', async () => {
    for (const offset of [0, 3]) {
      const booking = await bookingOf(offset, 2);
      expect(await markNoShow(String(booking.id))).toEqual(
        answer.businessRule('no_show_date', `A booking can be marked as a no-show from ${day(offset + 1)}.`),
      );
      expect(await bookingRow(booking.id)).toMatchObject({ status: 'CONFIRMED' });
      expect(await logDetails(booking.id)).toEqual([]);
    }
  });

  it('answers NotFoundError for an unknown booking and ValidationError for a malformed id', async () => {
    expect(await markNoShow('999999')).toEqual(answer.notFound('Booking', 999999, 'No booking with id 999999.'));
    expect(await markNoShow('#1')).toEqual(answer.validation([{ path: ['input', 'bookingId'], message: 'Not a valid id.' }]));
  });
});

describe('checkInBooking', () => {
  const checkIn = (bookingId: string) => mutate(t, 'checkInBooking', { bookingId }, BOOKING);

  it('checks in on the check-in day and, late, on any later day of the stay', async () => {
    const other = await f.room(await f.roomType());
    for (const [offset, room] of [
      [0, roomId],
      [-1, other.id],
    ]) {
      const booking = await bookingOf(offset, 2, {}, room);
      expect((await checkIn(String(booking.id))).booking).toMatchObject({ id: String(booking.id), status: 'CHECKED_IN' });
      expect(await bookingRow(booking.id)).toMatchObject({ status: 'CHECKED_IN' });
      expect((await logDetails(booking.id)).map((log) => log.action)).toEqual(['CHECKED_IN']);
    }
  });

  it('answers BusinessRuleError check_in_date before the check-in day and once the stay has ended', async () => {
    const early = await bookingOf(1, 2);
    expect(await checkIn(String(early.id))).toEqual(answer.businessRule('check_in_date', `Check-in opens on ${day(1)}.`));
    const ended = await bookingOf(-2, 2);
    expect(await checkIn(String(ended.id))).toEqual(
      answer.businessRule('check_in_date', `The stay ended on ${day(0)}; mark the booking as a no-show instead.`),
    );
    for (const booking of [early, ended]) {
      expect(await bookingRow(booking.id)).toMatchObject({ status: 'CONFIRMED' });
      expect(await logDetails(booking.id)).toEqual([]);
    }
  });

  it('answers BusinessRuleError room_in_service when the room went out of order', async () => {
    const booking = await bookingOf(0, 2);
    const em = t.em();
    const room = await em.findOneOrFail(Room, roomId);
    room.status = RoomStatus.OUT_OF_ORDER;
    await em.flush();
    expect(await checkIn(String(booking.id))).toEqual(
      answer.businessRule('room_in_service', `Room ${room.number} is out of order; move the booking to another room first.`),
    );
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'CONFIRMED' });
  });

  it('answers NotFoundError for an unknown booking and ValidationError for a malformed id', async () => {
    expect(await checkIn('999999')).toEqual(answer.notFound('Booking', 999999, 'No booking with id 999999.'));
    expect(await checkIn('one')).toEqual(answer.validation([{ path: ['input', 'bookingId'], message: 'Not a valid id.' }]));
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError to amendBooking, markNoShow and checkInBooking and changes nothing', async () => {
    const future = await bookingOf(10, 3);
    const missed = await bookingOf(-1, 3);
    const arriving = await bookingOf(0, 1, {}, (await f.room(await f.roomType())).id);
    const before = await Promise.all([future, missed, arriving].map((b) => bookingRow(b.id)));
    expect(
      await whileWritesTo(t, 'booking_logs', async () => [
        await mutate(t, 'amendBooking', { bookingId: String(future.id), checkOut: day(14) }, BOOKING),
        await mutate(t, 'markNoShow', { bookingId: String(missed.id) }, BOOKING),
        await mutate(t, 'checkInBooking', { bookingId: String(arriving.id) }, BOOKING),
      ]),
    ).toEqual([answer.serviceUnavailable(), answer.serviceUnavailable(), answer.serviceUnavailable()]);
    expect(await Promise.all([future, missed, arriving].map((b) => bookingRow(b.id)))).toEqual(before);
  });
});
