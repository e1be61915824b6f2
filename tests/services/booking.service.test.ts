import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { BookingStatus } from '../../src/entities/booking.entity';
import { BookingLog } from '../../src/entities/booking-log.entity';
import { Customer } from '../../src/entities/customer.entity';
import { HousekeepingTask, HousekeepingTaskKind } from '../../src/entities/housekeeping-task.entity';
import { Invoice } from '../../src/entities/invoice.entity';
import { LoyaltyTransaction } from '../../src/entities/loyalty-transaction.entity';
import { MaintenanceRequest, MaintenanceSeverity } from '../../src/entities/maintenance-request.entity';
import { Notification } from '../../src/entities/notification.entity';
import { Room, RoomStatus } from '../../src/entities/room.entity';
import { WaitlistEntry, WaitlistStatus } from '../../src/entities/waitlist-entry.entity';
import { fixtures } from '../support/fixtures';
import { startTestApi, type TestApi } from '../support/test-api';

let t: TestApi;
let f: ReturnType<typeof fixtures>;
let roomId: number;
let customerId: number;

beforeAll(async () => {
  t = await startTestApi();
});
afterAll(() => t.close());
beforeEach(async () => {
  f = fixtures(t.em());
  const type = await f.roomType({ capacity: 2, baseRate: '120.00' });
  roomId = (await f.room(type)).id;
  customerId = (await f.customer()).id;
});

const CREATE = `mutation ($input: CreateBookingInput!) { createBooking(input: $input) {
  __typename
  ... on CreateBookingSuccess { replayed booking { id status totalAmount checkIn checkOut channel } }
  ... on ClassifiedError { code category severity message retryable }
  ... on ValidationError { fieldErrors { path message } }
  ... on ConflictError { conflictingIds }
  ... on NotFoundError { entity id }
  ... on BusinessRuleError { rule }
} }`;

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
    const { data, errors } = await t.graphql(CREATE, { input: stay(10, 3) });
    expect(errors).toBeUndefined();
    expect(data?.createBooking).toMatchObject({
      __typename: 'CreateBookingSuccess',
      replayed: false,
      booking: { status: 'CONFIRMED', totalAmount: '360.00', channel: 'DIRECT' },
    });
    const logs = await t.em().find(BookingLog, { booking: Number(data?.createBooking.booking.id) });
    expect(logs.map((log) => log.action)).toEqual(['CREATED']);
  });

  it('reports every invalid field at once', async () => {
    const { data } = await t.graphql(CREATE, { input: { ...stay(-2, 0), roomId: 'x', numGuests: 0 } });
    expect(data?.createBooking.__typename).toBe('ValidationError');
    expect(data?.createBooking.code).toBe('VALIDATION_FAILED');
    expect(data?.createBooking.fieldErrors).toEqual([
      { path: ['input', 'roomId'], message: 'Not a valid id.' },
      { path: ['input', 'numGuests'], message: 'Must be between 1 and 50.' },
      { path: ['input', 'checkIn'], message: 'Check-in cannot be in the past.' },
      { path: ['input', 'checkOut'], message: 'Check-out must be after check-in.' },
    ]);
  });

  it('refuses an overlapping stay with ROOM_UNAVAILABLE and the conflicting ids', async () => {
    const first = await t.graphql(CREATE, { input: stay(10, 3) });
    const { data } = await t.graphql(CREATE, { input: stay(11, 3) });
    expect(data?.createBooking).toMatchObject({
      __typename: 'ConflictError',
      code: 'ROOM_UNAVAILABLE',
      category: 'BUSINESS_LOGIC',
      retryable: false,
      conflictingIds: [first.data?.createBooking.booking.id],
    });
  });

  it('refuses more guests than the room type holds, stays over the limit, unknown rooms and out-of-order windows', async () => {
    expect((await t.graphql(CREATE, { input: stay(10, 3, { numGuests: 3 }) })).data?.createBooking.fieldErrors).toEqual([
      { path: ['input', 'numGuests'], message: expect.stringContaining('at most 2 guests') },
    ]);
    expect((await t.graphql(CREATE, { input: stay(10, 31) })).data?.createBooking.fieldErrors[0].path).toEqual(['input', 'checkOut']);
    expect((await t.graphql(CREATE, { input: stay(10, 3, { roomId: '999999' }) })).data?.createBooking).toMatchObject({
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
    expect((await t.graphql(CREATE, { input: stay(41, 3) })).data?.createBooking).toMatchObject({ __typename: 'BusinessRuleError', rule: 'room_out_of_order' });
  });
});

const op = (name: string, input: Record<string, unknown>, selection = 'booking { id status }') =>
  t.graphql(
    `mutation ($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename ... on ${name[0].toUpperCase()}${name.slice(1)}Success { ${selection} } ... on ClassifiedError { code message } ... on BusinessRuleError { rule } } }`,
    { input },
  );

describe('the booking lifecycle', () => {
  it('checks in, refuses check-out with an open balance, then checks out a settled stay with loyalty points, a dirty room and a cleaning task', async () => {
    const booking = await f.booking(
      await t.em().findOneOrFail(Room, roomId, { populate: ['roomType'] }),
      await t.em().findOneOrFail(Customer, customerId),
      0,
      2,
    );
    expect((await op('checkInBooking', { bookingId: String(booking.id) })).data?.checkInBooking.booking.status).toBe('CHECKED_IN');

    const refused = await op('checkOutBooking', { bookingId: String(booking.id) });
    expect(refused.data?.checkOutBooking).toMatchObject({ __typename: 'BusinessRuleError', code: 'BUSINESS_RULE_VIOLATION', rule: 'folio_settled' });
    expect(refused.data?.checkOutBooking.message).toContain('240.00 is still owed');

    await op('addFolioItem', { bookingId: String(booking.id), description: 'Minibar', amount: '10.50' }, 'folioItem { id }');
    const paid = await op('recordPayment', { bookingId: String(booking.id), amount: '250.50', method: 'CARD' }, 'payment { amount }');
    expect(paid.data?.recordPayment.payment.amount).toBe('250.50');

    expect((await op('checkOutBooking', { bookingId: String(booking.id) })).data?.checkOutBooking.booking.status).toBe('CHECKED_OUT');
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
  });

  it('answers any move the state machine does not allow with INVALID_STATE_TRANSITION', async () => {
    const booking = await f.booking(
      await t.em().findOneOrFail(Room, roomId, { populate: ['roomType'] }),
      await t.em().findOneOrFail(Customer, customerId),
      5,
      2,
      { status: BookingStatus.CANCELLED },
    );
    for (const name of ['checkInBooking', 'checkOutBooking', 'markNoShow']) {
      const { data } = await op(name, { bookingId: String(booking.id) });
      expect(data?.[name]).toMatchObject({ __typename: 'BusinessRuleError', code: 'INVALID_STATE_TRANSITION', rule: 'booking_status' });
    }
    expect((await op('cancelBooking', { bookingId: String(booking.id), reason: 'again' })).data?.cancelBooking.code).toBe('INVALID_STATE_TRANSITION');
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

    const { data } = await op(
      'cancelBooking',
      { bookingId: String(booking.id), reason: 'Flight cancelled' },
      'booking { status cancelledAt cancellationReason }',
    );
    expect(data?.cancelBooking.booking).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Flight cancelled' });
    expect(new Date(data?.cancelBooking.booking.cancelledAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
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
    expect((await t.graphql(CREATE, { input: stay(10, 3) })).data?.createBooking).toMatchObject({ __typename: 'BusinessRuleError', rule: 'room_in_service' });
  });
});
