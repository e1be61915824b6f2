import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isVisibleTo, listScope, partnerChannel } from '../auth/visibility';
import { addDays, nightsBetween, today } from '../dates';
import { BOOKING_OVERLAP_CONSTRAINT, Booking, BookingStatus, holdsItsRoom } from '../entities/booking.entity';
import { Customer } from '../entities/customer.entity';
import { HousekeepingTask, HousekeepingTaskKind } from '../entities/housekeeping-task.entity';
import { Invoice } from '../entities/invoice.entity';
import { LoyaltyTransaction } from '../entities/loyalty-transaction.entity';
import { HousekeepingStatus, Room, RoomStatus } from '../entities/room.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { ConflictError } from '../errors/conflict-error';
import { ErrorCode } from '../errors/error-code';
import { NotFoundError } from '../errors/not-found-error';
import { ValidationError } from '../errors/validation-error';
import { inWords } from '../in-words';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import { actingUser, type OperationContext } from '../kernel/operation-context';
import { fromCents, toCents } from '../money';
import { pgFields, shareANight } from '../sql';
import { roomIsOutOfOrder } from './availability';
import { BOOKING_LOG_COLUMNS, bookingLogValues, logBookingChange } from './booking-log';
import { folioOf } from './folio';
import { offerReleasedNights } from './waitlist.service';

/** Which status may follow which: anything else is INVALID_STATE_TRANSITION. */
const TRANSITIONS: Readonly<Record<BookingStatus, readonly BookingStatus[]>> = {
  CONFIRMED: [BookingStatus.CHECKED_IN, BookingStatus.CANCELLED, BookingStatus.NO_SHOW],
  CHECKED_IN: [BookingStatus.CHECKED_OUT],
  CHECKED_OUT: [],
  CANCELLED: [],
  NO_SHOW: [],
};

function transition(booking: Booking, to: BookingStatus): void {
  if (!TRANSITIONS[booking.status as BookingStatus].includes(to)) throw BusinessRuleError.invalidTransition('Booking', booking.status, to);
  booking.status = to;
}

/** Active bookings of `roomId` with a night in [checkIn, checkOut), other than `exceptId`; only `channel`'s when given. */
async function overlappingBookingIds(em: EntityManager, stay: StayInRoom, channel?: string): Promise<string[]> {
  const rows = await em.execute<{ id: number }[]>(
    `select id from bookings where room_id = ? and id <> ? and ${holdsItsRoom('status')}
       and ${shareANight(['check_in', 'check_out'], ['?::date', '?::date'])} ${channel === undefined ? '' : 'and channel = ?'} order by check_in, id`,
    [stay.roomId, stay.exceptId ?? 0, stay.checkIn, stay.checkOut, ...(channel === undefined ? [] : [channel])],
  );
  return rows.map((row) => String(row.id));
}

interface StayInRoom {
  roomId: number;
  checkIn: string;
  checkOut: string;
  exceptId?: number;
}

/**
 * The room is taken. Under concurrency the exclusion constraint, not the pre-check, is
 * what refuses; the bookings it collided with are read once the failed transaction has
 * rolled back, so the caller learns their ids either way. A partner learns the ids of
 * its own channel's bookings only.
 */
function roomUnavailable(ctx: OperationContext, stay: StayInRoom, cause?: unknown): ConflictError {
  const visibleChannel = listScope(ctx.caller);
  return new ConflictError(ErrorCode.ROOM_UNAVAILABLE, (em) => overlappingBookingIds(em, stay, visibleChannel), {
    constraint: BOOKING_OVERLAP_CONSTRAINT,
    cause,
  });
}

/** Flushes now so a collision is reported as ROOM_UNAVAILABLE with the stay that caused it. */
async function flushStay(ctx: OperationContext, stay: StayInRoom): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (pgFields(error)?.constraint === BOOKING_OVERLAP_CONSTRAINT) throw roomUnavailable(ctx, stay, error);
    throw error;
  }
}

/** What a stay costs: the room type's rate times the nights, fixed when booked. */
function priceOf(room: Room, checkIn: string, checkOut: string): string {
  return fromCents(toCents(room.roomType.baseRate) * BigInt(nightsBetween(checkIn, checkOut)));
}

/** Loads and locks a booking for a change; partners only ever see their own channel's. */
export async function lockBooking(ctx: OperationContext, bookingId: number): Promise<Booking> {
  const booking = await ctx.em.findOne(Booking, { id: bookingId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['room', 'room.roomType'] });
  if (!booking || !isVisibleTo(ctx.caller, booking.channel)) throw new NotFoundError('Booking', bookingId);
  return booking;
}

/** The rules a stay must meet in a room, in the order they are told, beyond the overlap the constraint guards. */
function assertRoomRules(room: { number: string; status: string; roomType: { capacity: number } }, stay: { numGuests: number }, outOfOrder: boolean): void {
  if (stay.numGuests > room.roomType.capacity) {
    throw new ValidationError([{ path: ['input', 'numGuests'], message: `Room ${room.number} takes at most ${room.roomType.capacity} guests.` }]);
  }
  if (room.status !== RoomStatus.IN_SERVICE) {
    throw new BusinessRuleError('room_in_service', `Room ${room.number} is ${inWords(room.status)} and cannot be booked.`);
  }
  if (outOfOrder) throw new BusinessRuleError('room_out_of_order', `Room ${room.number} is out of order for some of these nights.`);
}

/** The rules a stay must meet in a room, beyond the overlap the constraint guards. */
async function assertRoomCanHost(
  ctx: OperationContext,
  room: Room,
  stay: { checkIn: string; checkOut: string; numGuests: number; exceptId?: number },
): Promise<void> {
  const [{ blocked }] = await ctx.em.execute<{ blocked: boolean }[]>(`select ${roomIsOutOfOrder()} as blocked from rooms r where r.id = ?`, [
    stay.checkIn,
    stay.checkOut,
    room.id,
  ]);
  assertRoomRules(room, stay, blocked);
  const inRoom = { roomId: room.id, checkIn: stay.checkIn, checkOut: stay.checkOut, exceptId: stay.exceptId };
  if ((await overlappingBookingIds(ctx.em, inRoom)).length) throw roomUnavailable(ctx, inRoom);
}

export interface CreateBookingCommand {
  roomId: string;
  customerId: string;
  checkIn: string;
  checkOut: string;
  numGuests: number;
  /** Taken by the mutation boundary, which runs the operation once per key. */
  idempotencyKey?: string | null;
}

/** What the statement of createBooking says of the room, the customer and the stay, beside the booking it wrote, if any. */
interface BookingAttempt {
  x_room_number: string | null;
  x_room_status: RoomStatus | null;
  x_capacity: number | null;
  x_total: string | null;
  x_blocked: boolean | null;
  x_customer_id: number | null;
  x_customer_channel: string | null;
  x_taken: boolean;
  /** The booking's columns, null when nothing was written. */
  id: number | null;
}

/** The columns of a statement's row that are a table's, not its diagnostics (x_…). */
function rowOf(attempt: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attempt).filter(([column]) => !column.startsWith('x_')));
}

/**
 * Books a room: validated, priced (rate × nights) and logged, in one statement after
 * BEGIN. The statement reads the room, its type and the customer, checks every rule
 * (capacity, in service, not out of order, no overlap, the bill's bound, the customer
 * visible to a partner), and inserts the booking and its log line only when all hold; what
 * it read says which failed, in the order the checks are listed. Under concurrency the
 * exclusion constraint is still the last word (ROOM_UNAVAILABLE).
 */
export const createBooking = operation([NotFoundError, ConflictError, BusinessRuleError], async (ctx, command: CreateBookingCommand) => {
  const check = new InputCheck();
  const roomId = check.id('roomId', command.roomId);
  const customerId = check.id('customerId', command.customerId);
  check.guests('numGuests', command.numGuests);
  check.stay(command.checkIn, command.checkOut, ctx.config);
  check.done();

  const stay = { checkIn: command.checkIn, checkOut: command.checkOut, numGuests: command.numGuests };
  const nights = nightsBetween(stay.checkIn, stay.checkOut);
  const inRoom = { roomId: roomId!, checkIn: stay.checkIn, checkOut: stay.checkOut };
  const scope = listScope(ctx.caller) ?? null;
  const channel = partnerChannel(ctx.caller) ?? 'DIRECT';
  const log = bookingLogValues(ctx, 'CREATED', { roomId: roomId!, checkIn: stay.checkIn, checkOut: stay.checkOut, numGuests: stay.numGuests });
  let attempt: BookingAttempt;
  try {
    [attempt] = await ctx.em.execute<BookingAttempt[]>(
      `with room as (
         select r.id, r.number, r.status, rt.capacity, rt.base_rate * ?::int as total, ${roomIsOutOfOrder()} as blocked
         from rooms r join room_types rt on rt.id = r.room_type_id where r.id = ?
       ),
       customer as (select c.id, c.channel from customers c where c.id = ?),
       taken as (
         select exists (select 1 from bookings b where b.room_id = ? and ${holdsItsRoom('b.status')}
           and ${shareANight(['b.check_in', 'b.check_out'], ['?::date', '?::date'])}) as taken
       ),
       inserted as (
         insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount, channel)
         select room.id, customer.id, ?::date, ?::date, ?, room.total, ? from room, customer, taken
         where (?::text is null or customer.channel = ?) and room.total <= ?::numeric and ? <= room.capacity
           and room.status = ? and not room.blocked and not taken.taken
         returning *
       ),
       logged as (insert into booking_logs (${BOOKING_LOG_COLUMNS}) select inserted.id, ?, ?, ?::jsonb from inserted)
       select room.number as x_room_number, room.status as x_room_status, room.capacity as x_capacity, room.total::text as x_total,
              room.blocked as x_blocked, customer.id as x_customer_id, customer.channel as x_customer_channel, taken.taken as x_taken, inserted.*
       from taken left join room on true left join customer on true left join inserted on true`,
      [
        nights,
        stay.checkIn,
        stay.checkOut,
        roomId,
        customerId,
        roomId,
        stay.checkIn,
        stay.checkOut,
        stay.checkIn,
        stay.checkOut,
        stay.numGuests,
        channel,
        scope,
        scope,
        ctx.config.maxBookingAmount,
        stay.numGuests,
        RoomStatus.IN_SERVICE,
        ...log,
      ],
    );
  } catch (error) {
    if (pgFields(error)?.constraint === BOOKING_OVERLAP_CONSTRAINT) {
      throw roomUnavailable(ctx, inRoom, error);
    }
    throw error;
  }
  if (attempt.x_room_number === null) throw new NotFoundError('Room', roomId!);
  if (attempt.x_customer_id === null || !isVisibleTo(ctx.caller, attempt.x_customer_channel)) throw new NotFoundError('Customer', customerId!);
  const billCheck = new InputCheck();
  billCheck.bill('checkOut', toCents(attempt.x_total!), ctx.config.maxBookingAmount);
  billCheck.done();
  const room = { number: attempt.x_room_number, status: attempt.x_room_status!, roomType: { capacity: attempt.x_capacity! } };
  assertRoomRules(room, stay, attempt.x_blocked === true);
  if (attempt.x_taken || attempt.id === null) throw roomUnavailable(ctx, inRoom);
  return ctx.em.map(Booking, rowOf(attempt));
});

export interface AmendBookingCommand {
  bookingId: string;
  roomId?: string | null;
  checkIn?: string | null;
  checkOut?: string | null;
  numGuests?: number | null;
}

/** Moves a confirmed booking to other dates, room or party size; the price follows. */
export const amendBooking = operation([NotFoundError, ConflictError, BusinessRuleError], async (ctx, command: AmendBookingCommand) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  const roomId = check.id('roomId', command.roomId);
  check.guests('numGuests', command.numGuests);
  check.done();

  const booking = await lockBooking(ctx, bookingId!);
  if (booking.status !== BookingStatus.CONFIRMED) {
    throw new BusinessRuleError('booking_amendable', `Only a confirmed booking can be amended; this one is ${booking.status}.`);
  }
  const checkIn = command.checkIn ?? booking.checkIn;
  const checkOut = command.checkOut ?? booking.checkOut;
  const stayCheck = new InputCheck();
  stayCheck.stay(checkIn, checkOut, ctx.config, { allowPast: checkIn === booking.checkIn });
  stayCheck.done();

  const room = roomId && roomId !== booking.room.id ? await ctx.em.findOne(Room, { id: roomId }, { populate: ['roomType'] }) : booking.room;
  if (!room) throw new NotFoundError('Room', roomId!);
  const numGuests = command.numGuests ?? booking.numGuests;
  const totalAmount = priceOf(room, checkIn, checkOut);
  const billCheck = new InputCheck();
  billCheck.bill(
    command.checkOut ? 'checkOut' : 'roomId',
    toCents(totalAmount) + (await folioOf(ctx.em, booking.id)).chargesCents,
    ctx.config.maxBookingAmount,
  );
  billCheck.done();
  await assertRoomCanHost(ctx, room, { checkIn, checkOut, numGuests, exceptId: booking.id });

  const previousRoom = booking.room;
  const before = {
    roomId: booking.room.id,
    checkIn: booking.checkIn,
    checkOut: booking.checkOut,
    numGuests: booking.numGuests,
    totalAmount: booking.totalAmount,
  };
  Object.assign(booking, {
    room,
    checkIn,
    checkOut,
    numGuests,
    totalAmount,
  });
  logBookingChange(ctx, booking, 'AMENDED', { before, after: { roomId: room.id, checkIn, checkOut, numGuests, totalAmount: booking.totalAmount } });
  await flushStay(ctx, { roomId: room.id, checkIn, checkOut, exceptId: booking.id });
  // Nights the booking moved away from may be what someone is waiting for.
  await offerReleasedNights(ctx, previousRoom, before.checkIn, before.checkOut);
  return booking;
});

/** Cancels, recording who, when and why, and offers the freed nights to the waitlist. */
export const cancelBooking = operation([NotFoundError, BusinessRuleError], async (ctx, command: { bookingId: string; reason: string }) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  const reason = check.text('reason', command.reason, { max: 500 });
  check.done();

  const booking = await lockBooking(ctx, bookingId!);
  transition(booking, BookingStatus.CANCELLED);
  booking.cancelledAt = new Date();
  booking.cancelledBy = actingUser(ctx);
  booking.cancellationReason = reason!;
  logBookingChange(ctx, booking, 'CANCELLED', { reason });
  await ctx.em.flush();
  await offerReleasedNights(ctx, booking.room, booking.checkIn, booking.checkOut);
  return booking;
});

export const checkInBooking = operation([NotFoundError, BusinessRuleError], async (ctx, command: { bookingId: string }) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  check.done();
  const booking = await lockBooking(ctx, bookingId!);
  transition(booking, BookingStatus.CHECKED_IN);
  if (booking.checkIn > today()) {
    throw new BusinessRuleError('check_in_date', `Check-in opens on ${booking.checkIn}.`);
  }
  if (booking.checkOut <= today()) {
    throw new BusinessRuleError('check_in_date', `The stay ended on ${booking.checkOut}; mark the booking as a no-show instead.`);
  }
  await ctx.em.lock(booking.room, LockMode.PESSIMISTIC_WRITE);
  await ctx.em.refresh(booking.room);
  if (booking.room.status !== RoomStatus.IN_SERVICE) {
    throw new BusinessRuleError('room_in_service', `Room ${booking.room.number} is ${inWords(booking.room.status)}; move the booking to another room first.`);
  }
  logBookingChange(ctx, booking, 'CHECKED_IN');
  return booking;
});

/** One invoice per stay, numbered by its booking: unique without a counter to contend on. */
function invoiceNumber(booking: Booking): string {
  return `INV-${booking.checkOut.slice(0, 4)}-${String(booking.id).padStart(8, '0')}`;
}

/**
 * Checks out a guest whose folio is settled: the guest earns a loyalty point per whole
 * currency unit paid, the room turns dirty and gets a cleaning task, and the stay gets
 * its invoice.
 */
export const checkOutBooking = operation([NotFoundError, BusinessRuleError], async (ctx, command: { bookingId: string }) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  check.done();
  const booking = await lockBooking(ctx, bookingId!);
  transition(booking, BookingStatus.CHECKED_OUT);
  const folio = await folioOf(ctx.em, booking.id);
  if (folio.balanceCents !== 0n) {
    const owed =
      folio.balanceCents > 0n ? `${fromCents(folio.balanceCents)} is still owed` : `${fromCents(-folio.balanceCents)} was overpaid and must be refunded`;
    throw new BusinessRuleError('folio_settled', `The folio is not settled: ${owed} (balance ${fromCents(folio.balanceCents)} ${ctx.config.currency}).`);
  }
  const points = Number(folio.paidCents / 100n);
  if (points > 0) {
    const customer = await ctx.em.findOneOrFail(Customer, { id: booking.customer.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    customer.loyaltyPoints += points;
    ctx.em.create(LoyaltyTransaction, { customer, booking, points, reason: `Stay ${booking.checkIn} to ${booking.checkOut}` });
  }
  booking.room.housekeepingStatus = HousekeepingStatus.DIRTY;
  ctx.em.create(HousekeepingTask, { room: booking.room, kind: HousekeepingTaskKind.CLEANING, notes: `Check-out of booking ${booking.id}` });
  const invoice = ctx.em.create(Invoice, {
    booking,
    number: invoiceNumber(booking),
    amount: fromCents(folio.totalCents + folio.chargesCents),
    currency: ctx.config.currency,
  });
  logBookingChange(ctx, booking, 'CHECKED_OUT', { paid: fromCents(folio.paidCents), loyaltyPoints: points, invoice: invoice.number });
  return booking;
});

/** A guest who never came: only once the check-in day has passed. */
export const markNoShow = operation([NotFoundError, BusinessRuleError], async (ctx, command: { bookingId: string }) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  check.done();
  const booking = await lockBooking(ctx, bookingId!);
  transition(booking, BookingStatus.NO_SHOW);
  if (booking.checkIn >= today()) {
    throw new BusinessRuleError('no_show_date', `A booking can be marked as a no-show from ${addDays(booking.checkIn, 1)}.`);
  }
  logBookingChange(ctx, booking, 'NO_SHOW');
  await ctx.em.flush();
  await offerReleasedNights(ctx, booking.room, booking.checkIn, booking.checkOut);
  return booking;
});
