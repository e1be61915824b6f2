import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { BookingLog } from '../../src/entities/booking-log.entity';
import { Customer } from '../../src/entities/customer.entity';
import { MaintenanceRequest, MaintenanceSeverity } from '../../src/entities/maintenance-request.entity';
import { HousekeepingStatus, Room } from '../../src/entities/room.entity';
import { RoomType } from '../../src/entities/room-type.entity';
import { WaitlistEntry, WaitlistStatus } from '../../src/entities/waitlist-entry.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let customer: Customer;
/** Rate 120.00, two guests. */
let room: Room;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  customer = await f.customer();
  room = await roomWithType(await f.room(await f.roomType({ capacity: 2, baseRate: '120.00' })));
});

const day = (offset: number) => addDays(today(), offset);
const roomWithType = (of: Room) => t.em().findOneOrFail(Room, of.id, { populate: ['roomType'] });
const BOOKING = 'booking { id status checkIn checkOut numGuests nightlyRate totalAmount room { id } }';
const amend = (input: Record<string, unknown>) => mutate(t, 'amendBooking', input, BOOKING, t.tokens.staff);
const checkIn = (booking: Booking) => mutate(t, 'checkInBooking', { bookingId: String(booking.id) }, BOOKING, t.tokens.staff);
const inHouse = (offset: number, nights: number, fields: { numGuests?: number } = {}) =>
  f.booking(room, customer, offset, nights, { status: BookingStatus.CHECKED_IN, ...fields });

async function row(id: number) {
  const booking = await t.em().findOneOrFail(Booking, id);
  return { status: booking.status, checkIn: booking.checkIn, checkOut: booking.checkOut, numGuests: booking.numGuests, totalAmount: booking.totalAmount };
}

const actions = async (id: number) => (await t.em().find(BookingLog, { booking: id }, { orderBy: { id: 'asc' } })).map((log) => log.action);

describe('amendBooking of a guest in the house', () => {
  it('extends the stay at the nightly rate, logging before and after', async () => {
    const booking = await inHouse(-1, 3); // 360.00
    expect((await amend({ bookingId: String(booking.id), checkOut: day(4) })).booking).toMatchObject({
      status: 'CHECKED_IN',
      checkIn: day(-1),
      checkOut: day(4),
      totalAmount: '600.00',
    });
    const [log] = await t.em().find(BookingLog, { booking: booking.id });
    expect(log.details).toMatchObject({
      before: { roomId: room.id, checkIn: day(-1), checkOut: day(2), numGuests: 1, totalAmount: '360.00' },
      after: { roomId: room.id, checkIn: day(-1), checkOut: day(4), numGuests: 1, totalAmount: '600.00' },
    });
  });

  it('prices the nights added at the booking’s own rate, not today’s rate of the room type', async () => {
    const booking = await inHouse(-1, 2); // 240.00 at 120.00
    const em = t.em();
    (await em.findOneOrFail(RoomType, room.roomType.id)).baseRate = '200.00';
    await em.flush();
    expect((await amend({ bookingId: String(booking.id), checkOut: day(3) })).booking).toMatchObject({ nightlyRate: '120.00', totalAmount: '480.00' });
  });

  it('shortens the stay, reprices it and offers the nights given back to the waitlist, where a new booking then fits', async () => {
    const booking = await inHouse(-1, 4); // [−1, 3): 480.00
    const waiting = await f.customer();
    const em = t.em();
    const entry = em.create(WaitlistEntry, { customer: waiting, roomType: room.roomType.id, checkIn: day(1), checkOut: day(3), numGuests: 1 });
    await em.flush();
    expect((await amend({ bookingId: String(booking.id), checkOut: day(1) })).booking).toMatchObject({ checkOut: day(1), totalAmount: '240.00' });
    expect((await t.em().findOneOrFail(WaitlistEntry, entry.id)).status).toBe(WaitlistStatus.NOTIFIED);
    const created = await mutate(
      t,
      'createBooking',
      { roomId: String(room.id), customerId: String(waiting.id), checkIn: day(1), checkOut: day(3), numGuests: 1 },
      'booking { id }',
    );
    expect(created.__typename).toBe('CreateBookingSuccess');
  });

  it('changes the party within the room’s capacity, the bill unchanged', async () => {
    const booking = await inHouse(-1, 3);
    expect((await amend({ bookingId: String(booking.id), numGuests: 2 })).booking).toMatchObject({ numGuests: 2, totalAmount: '360.00' });
    expect(await amend({ bookingId: String(booking.id), numGuests: 3 })).toEqual(
      answer.validation([{ path: ['input', 'numGuests'], message: `Room ${room.number} takes at most 2 guests.` }]),
    );
  });

  it('refuses to extend over another booking (ROOM_UNAVAILABLE with its id) or over an out-of-order window', async () => {
    const booking = await inHouse(-1, 3); // to day 2
    const next = await f.booking(room, await f.customer(), 4, 2);
    expect(await amend({ bookingId: String(booking.id), checkOut: day(5) })).toEqual(answer.roomUnavailable([next.id]));
    const em = t.em();
    em.create(MaintenanceRequest, { room: room.id, description: 'Paint', severity: MaintenanceSeverity.LOW, outOfOrderFrom: day(3), outOfOrderTo: day(4) });
    await em.flush();
    expect(await amend({ bookingId: String(booking.id), checkOut: day(4) })).toEqual(
      answer.businessRule('room_out_of_order', `Room ${room.number} is out of order for some of these nights.`),
    );
    // Up to the window it is free.
    expect((await amend({ bookingId: String(booking.id), checkOut: day(3) })).booking).toMatchObject({ checkOut: day(3), totalAmount: '480.00' });
  });

  it('never moves the arrival or the room, and never ends the stay by the business date: that is a check-out', async () => {
    const booking = await inHouse(-1, 3);
    const other = await f.room(room.roomType);
    expect(await amend({ bookingId: String(booking.id), checkIn: day(0), roomId: String(other.id), checkOut: day(0) })).toEqual(
      answer.validation([
        { path: ['input', 'checkIn'], message: `The guest checked in on ${day(-1)}; the arrival cannot move.` },
        { path: ['input', 'roomId'], message: 'The guest is in the house: change rooms with moveRoom, which moves the nights from the business date on.' },
        { path: ['input', 'checkOut'], message: `Must be after the business date ${day(0)}; a guest leaving today is checked out (checkOutBooking).` },
      ]),
    );
    expect(await amend({ bookingId: String(booking.id), checkOut: day(-1) })).toEqual(
      answer.validation([
        { path: ['input', 'checkOut'], message: `Must be after the business date ${day(0)}; a guest leaving today is checked out (checkOutBooking).` },
      ]),
    );
    expect(await amend({ bookingId: String(booking.id), checkOut: day(40) })).toEqual(
      answer.validation([{ path: ['input', 'checkOut'], message: `A stay may cover at most 30 nights (until ${day(29)}).` }]),
    );
    // The same check-in and room, sent along, are no change.
    expect((await amend({ bookingId: String(booking.id), checkIn: day(-1), roomId: String(room.id), checkOut: day(3) })).booking).toMatchObject({
      checkOut: day(3),
    });
    expect(await actions(booking.id)).toEqual(['AMENDED']);
  });
});

describe('amendBooking of a confirmed booking', () => {
  it('keeps the rate fixed when booked while the room stays, and takes the new room type’s rate when it changes', async () => {
    const booking = await f.booking(room, customer, 10, 2); // 240.00 at 120.00
    const em = t.em();
    (await em.findOneOrFail(RoomType, room.roomType.id)).baseRate = '200.00';
    await em.flush();
    expect((await amend({ bookingId: String(booking.id), checkOut: day(13) })).booking).toMatchObject({ nightlyRate: '120.00', totalAmount: '360.00' });
    const suite = await f.room(await f.roomType({ capacity: 2, baseRate: '300.00' }));
    expect((await amend({ bookingId: String(booking.id), roomId: String(suite.id) })).booking).toMatchObject({
      nightlyRate: '300.00',
      totalAmount: '900.00',
      room: { id: String(suite.id) },
    });
    expect((await amend({ bookingId: String(booking.id), checkOut: day(12) })).booking).toMatchObject({ nightlyRate: '300.00', totalAmount: '600.00' });
  });
});

describe('checkInBooking needs the room ready', () => {
  it('refuses a dirty room with room_ready, and checks in once it is clean', async () => {
    const booking = await f.booking(room, customer, 0, 2);
    const em = t.em();
    (await em.findOneOrFail(Room, room.id)).housekeepingStatus = HousekeepingStatus.DIRTY;
    await em.flush();
    expect(await checkIn(booking)).toEqual(
      answer.businessRule(
        'room_ready',
        `Room ${room.number} is dirty; have it cleaned or inspected (completeHousekeepingTask) first, or move the booking to a room that is ready (moveRoom).`,
      ),
    );
    expect(await row(booking.id)).toMatchObject({ status: 'CONFIRMED' });
    expect(await actions(booking.id)).toEqual([]);
    const clean = t.em();
    (await clean.findOneOrFail(Room, room.id)).housekeepingStatus = HousekeepingStatus.INSPECTED;
    await clean.flush();
    expect((await checkIn(booking)).booking.status).toBe('CHECKED_IN');
  });

  it('refuses a room out of order tonight by a maintenance window', async () => {
    const booking = await f.booking(room, customer, -1, 3);
    // Written straight to the table: openMaintenanceRequest refuses a window over a booking.
    const em = t.em();
    em.create(MaintenanceRequest, { room: room.id, description: 'Leak', severity: MaintenanceSeverity.HIGH, outOfOrderFrom: day(0), outOfOrderTo: day(1) });
    await em.flush();
    expect(await checkIn(booking)).toEqual(
      answer.businessRule('room_out_of_order', `Room ${room.number} is out of order tonight; move the booking to another room first.`),
    );
    expect(await row(booking.id)).toMatchObject({ status: 'CONFIRMED' });
  });

  it('is not held back by a window that starts tomorrow', async () => {
    const booking = await f.booking(room, customer, 0, 1);
    const em = t.em();
    em.create(MaintenanceRequest, { room: room.id, description: 'Paint', severity: MaintenanceSeverity.LOW, outOfOrderFrom: day(1), outOfOrderTo: day(3) });
    await em.flush();
    expect((await checkIn(booking)).booking.status).toBe('CHECKED_IN');
  });
});
