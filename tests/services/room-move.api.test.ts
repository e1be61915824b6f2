import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { Booking, BookingStatus, holdsItsRoom } from '../../src/entities/booking.entity';
import { BookingLog } from '../../src/entities/booking-log.entity';
import { Customer } from '../../src/entities/customer.entity';
import { HousekeepingTask, HousekeepingTaskKind } from '../../src/entities/housekeeping-task.entity';
import { MaintenanceRequest, MaintenanceSeverity } from '../../src/entities/maintenance-request.entity';
import { Notification } from '../../src/entities/notification.entity';
import { HousekeepingStatus, Room, RoomStatus } from '../../src/entities/room.entity';
import { WaitlistEntry, WaitlistStatus } from '../../src/entities/waitlist-entry.entity';
import { shareANight } from '../../src/sql';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, mutationDocument, sendMutation } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let customer: Customer;
/** The room booked first (rate 100.00, two guests), and the one moved into (rate 150.00, three guests). */
let from: Room;
let to: Room;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  customer = await f.customer();
  from = await roomWithType(await f.room(await f.roomType({ capacity: 2, baseRate: '100.00' })));
  to = await roomWithType(await f.room(await f.roomType({ capacity: 3, baseRate: '150.00' })));
});

const day = (offset: number) => addDays(today(), offset);
const roomWithType = (room: Room) => t.em().findOneOrFail(Room, room.id, { populate: ['roomType'] });

const BOOKING = 'id status checkIn checkOut inRoomFrom nightlyRate totalAmount room { id }';
const MOVE_ROOM_MEMBERS = `... on MoveRoomSuccess { booking { ${BOOKING} } }
  ... on ClassifiedError { code category severity message retryable }
  ... on ValidationError { fieldErrors { path message } }
  ... on NotFoundError { entity id }
  ... on ConflictError { conflictingIds }
  ... on BusinessRuleError { rule }`;

async function moveRoom(input: Record<string, unknown>, token = t.tokens.staff): Promise<Record<string, any>> {
  return mutate(t, 'moveRoom', input, { members: MOVE_ROOM_MEMBERS }, token);
}

const move = (booking: Booking, room: Room, extra: Record<string, unknown> = {}) =>
  moveRoom({ bookingId: String(booking.id), roomId: String(room.id), reason: 'Air conditioning broken', ...extra });

async function row(id: number) {
  const booking = await t.em().findOneOrFail(Booking, id);
  return {
    roomId: booking.room?.id,
    status: booking.status,
    checkIn: booking.checkIn,
    checkOut: booking.checkOut,
    inRoomFrom: booking.inRoomFrom,
    nightlyRate: booking.nightlyRate,
    totalAmount: booking.totalAmount,
  };
}

const logsOf = async (id: number): Promise<Record<string, any>[]> =>
  (await t.em().find(BookingLog, { booking: id }, { orderBy: { id: 'asc' } })).map((log) => ({ action: log.action, ...log.details }));

describe('moveRoom of a confirmed booking', () => {
  it('moves the whole stay, keeping the rate and the bill by default, and logs who, why and what', async () => {
    const booking = await f.booking(from, customer, 10, 3);
    expect(await move(booking, to)).toEqual({
      __typename: 'MoveRoomSuccess',
      booking: {
        id: String(booking.id),
        status: 'CONFIRMED',
        checkIn: day(10),
        checkOut: day(13),
        inRoomFrom: null,
        nightlyRate: '100.00',
        totalAmount: '300.00',
        room: { id: String(to.id) },
      },
    });
    expect(await logsOf(booking.id)).toEqual([
      {
        action: 'MOVED',
        by: expect.stringContaining('(test staff)'),
        reason: 'Air conditioning broken',
        keepRate: true,
        from: day(10),
        before: { roomId: from.id, room: from.number, roomTypeId: from.roomType.id, nightlyRate: '100.00', totalAmount: '300.00' },
        after: { roomId: to.id, room: to.number, roomTypeId: to.roomType.id, nightlyRate: '100.00', totalAmount: '300.00' },
      },
    ]);
    // Nobody was in the room: it stays as clean as it was.
    expect((await t.em().findOneOrFail(Room, from.id)).housekeepingStatus).toBe(HousekeepingStatus.CLEAN);
    expect(await t.em().count(HousekeepingTask, { room: from.id })).toBe(0);
  });

  it('with keepRate false takes the new room type’s rate for every night', async () => {
    const booking = await f.booking(from, customer, 10, 3);
    expect((await move(booking, to, { keepRate: false })).booking).toMatchObject({ nightlyRate: '150.00', totalAmount: '450.00' });
    expect(await row(booking.id)).toMatchObject({ roomId: to.id, nightlyRate: '150.00', totalAmount: '450.00', inRoomFrom: null });
  });

  it('offers the nights it leaves to the waitlist of the old room', async () => {
    const booking = await f.booking(from, customer, 20, 3);
    const waiting = await f.customer();
    const em = t.em();
    const entry = em.create(WaitlistEntry, { customer: waiting, roomType: from.roomType.id, checkIn: day(20), checkOut: day(23), numGuests: 1 });
    await em.flush();
    expect((await move(booking, to)).__typename).toBe('MoveRoomSuccess');
    expect((await t.em().findOneOrFail(WaitlistEntry, entry.id)).status).toBe(WaitlistStatus.NOTIFIED);
    expect(await t.em().count(Notification, { customer: waiting.id, kind: 'WAITLIST_AVAILABLE' })).toBe(1);
  });
});

describe('moveRoom of a guest in the house', () => {
  it('moves the nights from the business date on: the old room turns dirty with a cleaning task, the past nights stay as they were', async () => {
    // Two nights spent in `from`, two to come; `to` had another guest on those two past nights.
    const booking = await f.booking(from, customer, -2, 4, { status: BookingStatus.CHECKED_IN });
    const pastGuest = await f.booking(to, await f.customer(), -2, 2, { status: BookingStatus.CHECKED_OUT });
    expect((await move(booking, to)).booking).toEqual({
      id: String(booking.id),
      status: 'CHECKED_IN',
      checkIn: day(-2),
      checkOut: day(2),
      inRoomFrom: day(0),
      nightlyRate: '100.00',
      totalAmount: '400.00',
      room: { id: String(to.id) },
    });
    const em = t.em();
    expect((await em.findOneOrFail(Room, from.id)).housekeepingStatus).toBe(HousekeepingStatus.DIRTY);
    expect(await em.find(HousekeepingTask, { room: from.id })).toEqual([
      expect.objectContaining({ kind: HousekeepingTaskKind.CLEANING, notes: `Booking ${booking.id} moved to room ${to.number} from ${day(0)}` }),
    ]);
    expect((await em.findOneOrFail(Room, to.id)).housekeepingStatus).toBe(HousekeepingStatus.CLEAN);
    expect((await row(pastGuest.id)).roomId).toBe(to.id);
    expect((await logsOf(booking.id)).map((log) => [log.action, log.from])).toEqual([['MOVED', day(0)]]);
    // The nights left in the old room are free at once.
    const { data } = await t.graphql('query ($in: Date!, $out: Date!) { availableRooms(checkIn: $in, checkOut: $out) { id } }', { in: day(0), out: day(2) });
    expect(data?.availableRooms.map((room: { id: string }) => room.id)).toContain(String(from.id));
    expect(
      (
        await mutate(
          t,
          'createBooking',
          { roomId: String(from.id), customerId: String(customer.id), checkIn: day(0), checkOut: day(2), numGuests: 1 },
          'booking { id }',
        )
      ).__typename,
    ).toBe('CreateBookingSuccess');
  });

  it('with keepRate false reprices only the nights moved', async () => {
    const booking = await f.booking(from, customer, -2, 4, { status: BookingStatus.CHECKED_IN });
    // 400.00 − 2 × 100.00 + 2 × 150.00
    expect((await move(booking, to, { keepRate: false })).booking).toMatchObject({ nightlyRate: '150.00', totalAmount: '500.00', inRoomFrom: day(0) });
  });

  it('on the day of arrival moves the whole stay, and the old room still needs cleaning', async () => {
    const booking = await f.booking(from, customer, 0, 3, { status: BookingStatus.CHECKED_IN });
    expect((await move(booking, to, { keepRate: false })).booking).toMatchObject({ inRoomFrom: null, nightlyRate: '150.00', totalAmount: '450.00' });
    expect((await t.em().findOneOrFail(Room, from.id)).housekeepingStatus).toBe(HousekeepingStatus.DIRTY);
  });

  it('moves again later: the nights in the second room are its own, and the room left is free', async () => {
    const third = await roomWithType(await f.room(from.roomType));
    const booking = await f.booking(from, customer, -1, 3, { status: BookingStatus.CHECKED_IN });
    expect((await move(booking, to)).__typename).toBe('MoveRoomSuccess');
    expect((await move(booking, third)).booking).toMatchObject({ inRoomFrom: day(0), room: { id: String(third.id) } });
    const [{ n }] = await t
      .em()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from bookings where room_id = ? and daterange(coalesce(in_room_from, check_in), check_out) && daterange(?::date, ?::date)`,
        [to.id, day(0), day(2)],
      );
    expect(n).toBe(0);
  });
});

describe('moveRoom refuses', () => {
  it('a room taken for those nights with ROOM_UNAVAILABLE and its bookings, changing nothing', async () => {
    const booking = await f.booking(from, customer, -1, 3, { status: BookingStatus.CHECKED_IN });
    const arriving = await f.booking(to, await f.customer(), 1, 2);
    const before = await row(booking.id);
    expect(await move(booking, to)).toEqual(answer.roomUnavailable([arriving.id]));
    expect(await row(booking.id)).toEqual(before);
    expect((await t.em().findOneOrFail(Room, from.id)).housekeepingStatus).toBe(HousekeepingStatus.CLEAN);
    expect(await logsOf(booking.id)).toEqual([]);
  });

  it('a room out of service, out of order for a night moved, or too small', async () => {
    const booking = await f.booking(from, customer, 10, 3, { numGuests: 3 });
    const closed = await roomWithType(await f.room(to.roomType, { status: RoomStatus.OUT_OF_SERVICE }));
    expect(await move(booking, closed)).toEqual(answer.businessRule('room_in_service', `Room ${closed.number} is out of service and cannot be booked.`));
    const em = t.em();
    em.create(MaintenanceRequest, { room: to.id, description: 'Paint', severity: MaintenanceSeverity.LOW, outOfOrderFrom: day(12), outOfOrderTo: day(13) });
    await em.flush();
    expect(await move(booking, to)).toEqual(answer.businessRule('room_out_of_order', `Room ${to.number} is out of order for some of these nights.`));
    const small = await roomWithType(await f.room(from.roomType));
    expect(await move(booking, small)).toEqual(
      answer.validation([{ path: ['input', 'roomId'], message: `Room ${small.number} takes at most 2 guests; the booking is for 3.` }]),
    );
    expect((await row(booking.id)).roomId).toBe(from.id);
  });

  it('a booking that is not confirmed or in the house, or whose stay is over', async () => {
    for (const status of [BookingStatus.CHECKED_OUT, BookingStatus.CANCELLED, BookingStatus.NO_SHOW]) {
      const booking = await f.booking(from, customer, -5, 2, { status });
      expect(await move(booking, to)).toEqual(
        answer.businessRule('booking_movable', `Only a confirmed or checked-in booking can move rooms; this one is ${status}.`),
      );
    }
    const overstayed = await f.booking(from, customer, -3, 3, { status: BookingStatus.CHECKED_IN });
    expect(await move(overstayed, to)).toEqual(answer.businessRule('booking_movable', `The stay ended on ${day(0)}; no night is left to move.`));
  });

  it('the same room, a blank or overlong reason, malformed and unknown ids', async () => {
    const booking = await f.booking(from, customer, 10, 3);
    expect(await move(booking, from)).toEqual(answer.validation([{ path: ['input', 'roomId'], message: `The booking is already in room ${from.number}.` }]));
    expect(await moveRoom({ bookingId: 'b', roomId: 'r', reason: ' ' })).toEqual(
      answer.validation([
        { path: ['input', 'bookingId'], message: 'Not a valid id.' },
        { path: ['input', 'roomId'], message: 'Not a valid id.' },
        { path: ['input', 'reason'], message: 'Must not be blank.' },
      ]),
    );
    expect(await move(booking, to, { reason: 'x'.repeat(501) })).toEqual(
      answer.validation([{ path: ['input', 'reason'], message: 'Must be at most 500 characters long.' }]),
    );
    expect(await moveRoom({ bookingId: '999999', roomId: String(to.id), reason: 'Noise' })).toEqual(
      answer.notFound('Booking', 999999, 'No booking with id 999999.'),
    );
    expect(await moveRoom({ bookingId: String(booking.id), roomId: '999999', reason: 'Noise' })).toEqual(
      answer.notFound('Room', 999999, 'No room with id 999999.'),
    );
    expect((await row(booking.id)).roomId).toBe(from.id);
  });

  it('a partner, which may not move rooms', async () => {
    const booking = await f.booking(from, customer, 10, 3);
    const response = await sendMutation(
      t,
      'moveRoom',
      { bookingId: String(booking.id), roomId: String(to.id), reason: 'x' },
      { members: MOVE_ROOM_MEMBERS },
      { token: t.tokens.partner },
    );
    expect(response.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
  });
});

describe('20 moves and bookings into one room for one night at once', () => {
  it('give it to exactly one; the other 19 answer ROOM_UNAVAILABLE naming the winner, and the database holds one stay', async () => {
    const target = await roomWithType(await f.room(from.roomType));
    const night = [day(40), day(41)] as const;
    const movers = await Promise.all(
      Array.from({ length: 10 }, async () => f.booking(await roomWithType(await f.room(from.roomType)), await f.customer(), 40, 1)),
    );
    const bookers = await Promise.all(Array.from({ length: 10 }, () => f.customer()));
    const create = mutationDocument('createBooking', {
      members: '... on CreateBookingSuccess { booking { id } } ... on ConflictError { code conflictingIds }',
    });
    const responses = await Promise.all([
      ...movers.map((booking) => moveRoom({ bookingId: String(booking.id), roomId: String(target.id), reason: 'Upgrade' })),
      ...bookers.map(async (guest) => {
        const response = await t.graphql(create, {
          input: { roomId: String(target.id), customerId: String(guest.id), checkIn: night[0], checkOut: night[1], numGuests: 1 },
        });
        expect(response.errors).toBeUndefined();
        return response.data?.createBooking;
      }),
    ]);
    const winners = responses.filter((r) => r.__typename === 'MoveRoomSuccess' || r.__typename === 'CreateBookingSuccess');
    const losers = responses.filter((r) => r.__typename === 'ConflictError');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    const winner = winners[0].booking.id;
    expect(losers.every((r) => r.code === 'ROOM_UNAVAILABLE' && r.conflictingIds.length === 1 && r.conflictingIds[0] === winner)).toBe(true);

    const rows = await t.database.rows<{ id: number }>(
      `select id from bookings where room_id = $1 and ${holdsItsRoom('status')}
         and ${shareANight(['coalesce(in_room_from, check_in)', 'check_out'], ['$2::date', '$3::date'])}`,
      [target.id, ...night],
    );
    expect(rows.map((r) => String(r.id))).toEqual([winner]);
    const stayedPut = await t.database.rows<{ n: number }>('select count(*)::int as n from bookings where id = any($1) and room_id <> $2', [
      movers.map((b) => b.id),
      target.id,
    ]);
    expect(stayedPut[0].n).toBe(winners[0].__typename === 'MoveRoomSuccess' ? 9 : 10);
    const moved = await t.database.rows<{ n: number }>(`select count(*)::int as n from booking_logs where action = 'MOVED' and booking_id = any($1)`, [
      movers.map((b) => b.id),
    ]);
    expect(moved[0].n).toBe(winners[0].__typename === 'MoveRoomSuccess' ? 1 : 0);
  });
});
