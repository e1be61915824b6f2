import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { mayDecide } from '../auth/access-policy';
import { isVisibleTo, listScope, partnerChannel } from '../auth/visibility';
import { EarlyDeparturePolicy } from '../config';
import { addDays, nightsBetween } from '../dates';
import { BOOKING_OVERLAP_CONSTRAINT, Booking, BookingStatus, firstNightInRoom, holdsItsRoom } from '../entities/booking.entity';
import { Customer } from '../entities/customer.entity';
import { FolioItem, FolioItemKind } from '../entities/folio-item.entity';
import { HousekeepingTask, HousekeepingTaskKind } from '../entities/housekeeping-task.entity';
import { Invoice } from '../entities/invoice.entity';
import { LoyaltyTransaction } from '../entities/loyalty-transaction.entity';
import { Receivable } from '../entities/receivable.entity';
import { HousekeepingStatus, Room, RoomStatus } from '../entities/room.entity';
import { OVERSOLD_CONSTRAINT, unitsFree } from '../entities/room-type-night.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { ConflictError } from '../errors/conflict-error';
import { ErrorCode } from '../errors/error-code';
import { NotFoundError } from '../errors/not-found-error';
import { PriceChangedError } from '../errors/price-changed-error';
import { ValidationError } from '../errors/validation-error';
import { inWords } from '../in-words';
import { audit } from '../kernel/audit';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import { actingUser, type OperationContext } from '../kernel/operation-context';
import { moveStatus, type Transitions } from '../kernel/state-machine';
import { fromCents, toCents } from '../money';
import { pgFields, shareANight } from '../sql';
import { roomIsBooked, roomIsOutOfOrder, roomOutOfOrder } from './availability';
import { BOOKING_LOG_COLUMNS, bookingLogValues, logBookingChange } from './booking-log';
import { type BookingNamed, bookingNamed } from './booking-reference';
import { businessDateOf } from './business-date';
import { folioOf } from './folio';
import { closedToArrivalOn, minStayOn, nightPrice, priceOfStay, refusals, stayNights } from './rate-plan';
import { fulfilOffer, offerReleasedNights, offerToBook } from './waitlist.service';

/** Which status may follow which: anything else is INVALID_STATE_TRANSITION. */
const TRANSITIONS: Transitions<BookingStatus> = {
  CONFIRMED: [BookingStatus.CHECKED_IN, BookingStatus.CANCELLED, BookingStatus.NO_SHOW],
  CHECKED_IN: [BookingStatus.CHECKED_OUT],
  CHECKED_OUT: [],
  CANCELLED: [],
  NO_SHOW: [],
};

export function transition(booking: Booking, to: BookingStatus): void {
  moveStatus('Booking', TRANSITIONS, booking as { status: BookingStatus }, to);
}

/**
 * Active bookings of `roomId` with a night in [checkIn, checkOut), other than `exceptId`;
 * only `channel`'s when given. A guest who moved in holds the room from the move on, as
 * the exclusion constraint counts it.
 */
async function overlappingBookingIds(em: EntityManager, stay: StayInRoom, channel?: string): Promise<string[]> {
  const rows = await em.execute<{ id: number }[]>(
    `select b.id from bookings b where b.room_id = ? and b.id <> ? and ${holdsItsRoom('b.status')}
       and ${shareANight([firstNightInRoom('b'), 'b.check_out'], ['?::date', '?::date'])} ${channel === undefined ? '' : 'and b.channel = ?'} order by b.check_in, b.id`,
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

/** Flushes now so a collision is reported as ROOM_UNAVAILABLE with the stay that caused it, and a night sold beyond its rooms as ROOM_TYPE_SOLD_OUT. */
async function flushStay(ctx: OperationContext, stay: StayInRoom): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    const constraint = pgFields(error)?.constraint;
    if (constraint === BOOKING_OVERLAP_CONSTRAINT) throw roomUnavailable(ctx, stay, error);
    if (constraint === OVERSOLD_CONSTRAINT) throw soldOut(undefined, error);
    throw error;
  }
}

/**
 * The room of a booking that has one by now: checked in or out (the CHECK
 * bookings_room_assigned_check holds it, so its absence is a fault of ours).
 */
export function assignedRoom(booking: Booking): Room {
  if (!booking.room) throw new Error(`Booking ${booking.id} is ${booking.status} without a room`);
  return booking.room;
}

/** Loads and locks a booking for a change; partners only ever see their own channel's. */
export async function lockBooking(ctx: OperationContext, bookingId: number): Promise<Booking> {
  // Only the booking's row is locked: a room may be absent (the nullable side of an outer join, which PostgreSQL will not lock), and a lock on rooms here would queue unrelated changes.
  const booking = await ctx.em.findOne(
    Booking,
    { id: bookingId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['b0'], populate: ['room', 'room.roomType', 'roomType'] },
  );
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
  assertRoomRules(room, stay, await roomOutOfOrder(ctx.em, room.id, stay.checkIn, stay.checkOut));
  const inRoom = { roomId: room.id, checkIn: stay.checkIn, checkOut: stay.checkOut, exceptId: stay.exceptId };
  if ((await overlappingBookingIds(ctx.em, inRoom)).length) throw roomUnavailable(ctx, inRoom);
}

export interface CreateBookingCommand {
  /** The room to book; or roomTypeId, for a booking that holds a unit of the type until a room is assigned. */
  roomId?: string | null;
  roomTypeId?: string | null;
  customerId: string;
  checkIn: string;
  checkOut: string;
  numGuests: number;
  /** The partner's own reference, unique within its channel. */
  channelReference?: string | null;
  /** The total a quote gave: the booking is made only at that price (PRICE_CHANGED otherwise). */
  quotedTotal?: string | null;
  /** The waitlist offer (a NOTIFIED entry) the booking is made from: the booking must match it, and fulfils it. */
  waitlistEntryId?: string | null;
  /** Taken by the mutation boundary, which runs the operation once per key. */
  idempotencyKey?: string | null;
}

/** What the statement of createBooking says of the room, its type, the customer and the stay, beside the booking it wrote, if any. */
interface BookingAttempt {
  x_business_date: string;
  x_room_number: string | null;
  x_room_status: RoomStatus | null;
  x_blocked: boolean | null;
  x_room_type_name: string | null;
  x_capacity: number | null;
  x_min_stay: number | null;
  x_closed_to_arrival: boolean | null;
  x_sold_out: string[] | null;
  x_total: string | null;
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

/** No unit of the type is left for a night of the stay: the inventory's CHECK refused it, or the statement saw it. */
function soldOut(message = 'No room of this type is left for some nights of this stay; availability shows which nights are free.', cause?: unknown) {
  return new ConflictError(ErrorCode.ROOM_TYPE_SOLD_OUT, [], { constraint: OVERSOLD_CONSTRAINT, message, cause });
}

/**
 * Books a stay in a room (roomId) or of a room type (roomTypeId, the room assigned later):
 * validated, priced night by night by the type's rate plan, and logged, in one statement
 * after BEGIN. The statement reads the room, its type, the rate plan, the inventory and the
 * customer, checks every rule (capacity, minimum stay, closed to arrival, units left, the
 * room in service, not out of order and free, the bill's bound, the quoted price, the
 * customer visible to a partner), and inserts the booking and its log line only when all
 * hold; what it read says which failed, in the order the checks are listed. Under
 * concurrency the database is the last word: the inventory's CHECK (ROOM_TYPE_SOLD_OUT)
 * and the exclusion constraint (ROOM_UNAVAILABLE). A booking made from a waitlist offer
 * (waitlistEntryId) first locks the entry and checks the booking matches it, and fulfils
 * it in the same transaction; without one the statement stays alone.
 */
export const createBooking = operation([NotFoundError, ConflictError, BusinessRuleError, PriceChangedError], async (ctx, command: CreateBookingCommand) => {
  // The business date is read by the statement below; only input that is wrong already pays a round trip to read it first, so every problem is told at once.
  const validate = (today: string | undefined) => {
    const check = new InputCheck();
    const ids = {
      roomId: check.id('roomId', command.roomId),
      roomTypeId: check.id('roomTypeId', command.roomTypeId),
      customerId: check.id('customerId', command.customerId),
      waitlistEntryId: check.id('waitlistEntryId', command.waitlistEntryId),
    };
    if ((command.roomId == null) === (command.roomTypeId == null)) check.fail('roomId', 'Give either a roomId or a roomTypeId.');
    check.guests('numGuests', command.numGuests);
    check.stay(command.checkIn, command.checkOut, ctx.config, { today });
    const channelReference = check.text('channelReference', command.channelReference, { max: 100 });
    const quotedTotal = check.money('quotedTotal', command.quotedTotal, { sign: 'nonNegative', max: ctx.config.maxBookingAmount });
    return { check, ...ids, channelReference, quotedTotal };
  };
  let terms = validate(undefined);
  if (terms.check.hasProblems) terms = validate(await businessDateOf(ctx.em));
  terms.check.done();
  const { roomId, roomTypeId, customerId, waitlistEntryId, channelReference, quotedTotal } = terms;

  const stay = { checkIn: command.checkIn, checkOut: command.checkOut, numGuests: command.numGuests };
  const offer = waitlistEntryId === undefined ? null : await offerToBook(ctx, waitlistEntryId, { roomId, roomTypeId, customerId: customerId!, ...stay });
  const nights = nightsBetween(stay.checkIn, stay.checkOut);
  const inRoom = { roomId: roomId ?? 0, checkIn: stay.checkIn, checkOut: stay.checkOut };
  const scope = listScope(ctx.caller) ?? null;
  const channel = partnerChannel(ctx.caller) ?? 'DIRECT';
  const log = bookingLogValues(ctx, 'CREATED', { roomId: roomId ?? null, roomTypeId: roomTypeId ?? null, ...stay, channelReference: channelReference ?? null });
  let attempt: BookingAttempt;
  try {
    [attempt] = await ctx.em.execute<BookingAttempt[]>(
      `with calendar as (select business_date from hotel_calendar where id = 1),
       room as (select r.id, r.number, r.status, r.room_type_id, ${roomIsOutOfOrder()} as blocked from rooms r where r.id = ?::int),
       stay_type as (
         select t.id, t.name, t.capacity, ${minStayOn('t', '?::date')} as min_stay, ${closedToArrivalOn('t', '?::date')} as closed_to_arrival,
                (select sum(${nightPrice('t', 'n.night')}) from ${stayNights('n')}) as total,
                array(select n.night::text from ${stayNights('n')} where ${unitsFree('t', 'n.night')} <= 0 order by n.night) as sold_out
         from room_types t where t.id = coalesce((select room.room_type_id from room), ?::int)
       ),
       customer as (select c.id, c.channel from customers c where c.id = ?),
       taken as (
         select exists (select 1 from bookings b where b.room_id = ?::int and ${holdsItsRoom('b.status')}
           and ${shareANight(['b.check_in', 'b.check_out'], ['?::date', '?::date'])}) as taken
       ),
       inserted as (
         insert into bookings (room_id, room_type_id, customer_id, check_in, check_out, num_guests, total_amount, nightly_rate, channel, channel_reference)
         select (select room.id from room), t.id, customer.id, ?::date, ?::date, ?, t.total, round(t.total / ?::int, 2), ?, ?
         from stay_type t, customer, taken, calendar
         where ?::date >= calendar.business_date and ?::date <= calendar.business_date + ?::int
           and (?::text is null or customer.channel = ?) and t.total <= ?::numeric and ? <= t.capacity
           and ?::int >= t.min_stay and not t.closed_to_arrival and cardinality(t.sold_out) = 0 and (?::numeric is null or t.total = ?::numeric)
           and (?::int is null or exists (select 1 from room where room.status = ? and not room.blocked)) and not taken.taken
         returning *
       ),
       logged as (insert into booking_logs (${BOOKING_LOG_COLUMNS}) select inserted.id, ?, ?, ?::jsonb from inserted)
       select calendar.business_date::text as x_business_date, room.number as x_room_number, room.status as x_room_status, room.blocked as x_blocked,
              stay_type.name as x_room_type_name, stay_type.capacity as x_capacity, stay_type.min_stay as x_min_stay,
              stay_type.closed_to_arrival as x_closed_to_arrival, stay_type.sold_out as x_sold_out, stay_type.total::text as x_total,
              customer.id as x_customer_id, customer.channel as x_customer_channel, taken.taken as x_taken, inserted.*
       from calendar, taken left join room on true left join stay_type on true left join customer on true left join inserted on true`,
      [
        stay.checkIn,
        stay.checkOut,
        roomId ?? null,
        stay.checkIn,
        stay.checkIn,
        stay.checkIn,
        stay.checkOut,
        stay.checkIn,
        stay.checkOut,
        roomTypeId ?? null,
        customerId,
        roomId ?? null,
        stay.checkIn,
        stay.checkOut,
        stay.checkIn,
        stay.checkOut,
        stay.numGuests,
        nights,
        channel,
        channelReference ?? null,
        stay.checkIn,
        stay.checkOut,
        ctx.config.bookingHorizonDays,
        scope,
        scope,
        ctx.config.maxBookingAmount,
        stay.numGuests,
        nights,
        quotedTotal ?? null,
        quotedTotal ?? null,
        roomId ?? null,
        RoomStatus.IN_SERVICE,
        ...log,
      ],
    );
  } catch (error) {
    const constraint = pgFields(error)?.constraint;
    if (constraint === BOOKING_OVERLAP_CONSTRAINT) throw roomUnavailable(ctx, inRoom, error);
    if (constraint === OVERSOLD_CONSTRAINT) throw soldOut(undefined, error);
    throw error;
  }
  const dateCheck = new InputCheck();
  dateCheck.stay(stay.checkIn, stay.checkOut, ctx.config, { today: attempt.x_business_date });
  dateCheck.done();
  if (roomId !== undefined && attempt.x_room_number === null) throw new NotFoundError('Room', roomId);
  if (attempt.x_room_type_name === null) throw new NotFoundError('RoomType', roomTypeId!);
  if (attempt.x_customer_id === null || !isVisibleTo(ctx.caller, attempt.x_customer_channel)) throw new NotFoundError('Customer', customerId!);
  const billCheck = new InputCheck();
  billCheck.bill('checkOut', toCents(attempt.x_total!), ctx.config.maxBookingAmount);
  billCheck.done();
  const refused = refusals({
    roomTypeName: attempt.x_room_type_name,
    capacity: attempt.x_capacity!,
    minStay: attempt.x_min_stay!,
    closedToArrival: attempt.x_closed_to_arrival === true,
    numGuests: stay.numGuests,
    nights,
    checkIn: stay.checkIn,
    soldOut: attempt.x_sold_out ?? [],
  });
  if (roomId !== undefined) {
    const room = { number: attempt.x_room_number!, status: attempt.x_room_status!, roomType: { capacity: attempt.x_capacity! } };
    assertRoomRules(room, stay, attempt.x_blocked === true);
    if (attempt.x_taken) throw roomUnavailable(ctx, inRoom);
  }
  for (const { rule, message } of refused) {
    if (rule === 'capacity') throw new ValidationError([{ path: ['input', 'numGuests'], message }]);
    if (rule === 'sold_out') throw soldOut(message);
    throw new BusinessRuleError(rule, message);
  }
  if (quotedTotal !== undefined && toCents(quotedTotal) !== toCents(attempt.x_total!)) throw new PriceChangedError(quotedTotal, attempt.x_total!);
  if (attempt.id === null) throw roomUnavailable(ctx, inRoom);
  const booking = ctx.em.map(Booking, rowOf(attempt));
  if (offer) fulfilOffer(offer, booking);
  return booking;
});

export interface AmendBookingCommand extends BookingNamed {
  roomId?: string | null;
  checkIn?: string | null;
  checkOut?: string | null;
  numGuests?: number | null;
}

/** Rate × nights, in cents. */
const ratedNights = (rate: string, nights: number): bigint => toCents(rate) * BigInt(nights);

/** The rate of each night of a stay priced night by night: its total over its nights, to the cent. */
const averageRate = (totalCents: bigint, nights: number): string => fromCents((totalCents * 2n + BigInt(nights)) / (2n * BigInt(nights)));

/** A bill never goes below zero, whatever rounding an older total carries. */
const atLeastZero = (cents: bigint): bigint => (cents < 0n ? 0n : cents);

/** The bill a change would leave (room total plus charges), within the bound one booking may hold; told on `field`. */
async function assertBillWithinBound(ctx: OperationContext, booking: Booking, totalCents: bigint, field: string): Promise<void> {
  const billCheck = new InputCheck();
  billCheck.bill(field, totalCents + (await folioOf(ctx.em, booking.id)).chargesCents, ctx.config.maxBookingAmount);
  billCheck.done();
}

/** What the booking log records of a stay, before and after a change. */
const stayOf = (booking: Booking) => ({
  roomId: booking.room?.id ?? null,
  roomTypeId: booking.roomType.id,
  checkIn: booking.checkIn,
  checkOut: booking.checkOut,
  numGuests: booking.numGuests,
  totalAmount: booking.totalAmount,
});

/**
 * Changes a booking's dates, room or party size; the price follows.
 *
 * A confirmed booking may change any of them: a stay kept in its room is priced at the rate
 * fixed when it was booked (nightlyRate), one moved to another room at that room type's
 * rate, which becomes its nightlyRate. A checked-in guest may stay longer or leave earlier
 * and change the party (amendStay); the arrival is history, and another room is moveRoom.
 */
export const amendBooking = operation([NotFoundError, ConflictError, BusinessRuleError], async (ctx, command: AmendBookingCommand) => {
  const check = new InputCheck();
  const bookingId = bookingNamed(check, command);
  const roomId = check.id('roomId', command.roomId);
  check.guests('numGuests', command.numGuests);
  check.done();

  const booking = await lockBooking(ctx, await bookingId!(ctx));
  const today = await businessDateOf(ctx.em);
  if (booking.status === BookingStatus.CHECKED_IN) return amendStay(ctx, booking, { ...command, roomId }, today);
  if (booking.status !== BookingStatus.CONFIRMED) {
    throw new BusinessRuleError('booking_amendable', `Only a confirmed or checked-in booking can be amended; this one is ${booking.status}.`);
  }
  const checkIn = command.checkIn ?? booking.checkIn;
  const checkOut = command.checkOut ?? booking.checkOut;
  const stayCheck = new InputCheck();
  stayCheck.stay(checkIn, checkOut, ctx.config, { today, allowPast: checkIn === booking.checkIn });
  stayCheck.done();

  const room = roomId && roomId !== booking.room?.id ? await ctx.em.findOne(Room, { id: roomId }, { populate: ['roomType'] }) : booking.room;
  if (roomId && !room) throw new NotFoundError('Room', roomId);
  const roomType = room?.roomType ?? booking.roomType;
  const numGuests = command.numGuests ?? booking.numGuests;
  if (!room && numGuests > roomType.capacity) {
    throw new ValidationError([{ path: ['input', 'numGuests'], message: `A ${roomType.name} room takes at most ${roomType.capacity} guests.` }]);
  }
  // Kept to its room type, the stay keeps the rate it was sold at; another type sells it at that type's rate plan.
  const sameType = roomType.id === booking.roomType.id;
  const totalCents = sameType
    ? ratedNights(booking.nightlyRate, nightsBetween(checkIn, checkOut))
    : toCents(await priceOfStay(ctx.em, roomType.id, checkIn, checkOut));
  const nightlyRate = sameType ? booking.nightlyRate : averageRate(totalCents, nightsBetween(checkIn, checkOut));
  await assertBillWithinBound(ctx, booking, totalCents, command.checkOut ? 'checkOut' : 'roomId');
  if (room) await assertRoomCanHost(ctx, room, { checkIn, checkOut, numGuests, exceptId: booking.id });

  const previousRoom = booking.room;
  const before = stayOf(booking);
  Object.assign(booking, { room, roomType, checkIn, checkOut, numGuests, nightlyRate, totalAmount: fromCents(totalCents) });
  logBookingChange(ctx, booking, 'AMENDED', { before, after: stayOf(booking) });
  await flushStay(ctx, { roomId: room?.id ?? 0, checkIn, checkOut, exceptId: booking.id });
  // Nights the booking moved away from may be what someone is waiting for.
  await offerReleasedNights(ctx, previousRoom, before.checkIn, before.checkOut);
  return booking;
});

/**
 * A checked-in guest's stay, longer or shorter, or with another party (within the room's
 * capacity). The check-out stays after the business date: a guest leaving today checks out
 * (checkOutBooking), which ends the stay and bills it. Each night added or taken off is
 * priced at the booking's nightlyRate; nights added must be free in the room (the exclusion
 * constraint has the last word), nights taken off go to the waitlist.
 */
async function amendStay(
  ctx: OperationContext,
  booking: Booking,
  command: { roomId?: number; checkIn?: string | null; checkOut?: string | null; numGuests?: number | null },
  today: string,
): Promise<Booking> {
  const check = new InputCheck();
  if (command.checkIn && command.checkIn !== booking.checkIn) {
    check.fail('checkIn', `The guest checked in on ${booking.checkIn}; the arrival cannot move.`);
  }
  const room = assignedRoom(booking);
  if (command.roomId && command.roomId !== room.id) {
    check.fail('roomId', 'The guest is in the house: change rooms with moveRoom, which moves the nights from the business date on.');
  }
  const checkOut = command.checkOut ?? booking.checkOut;
  if (checkOut <= today) check.fail('checkOut', `Must be after the business date ${today}; a guest leaving today is checked out (checkOutBooking).`);
  else check.stay(booking.checkIn, checkOut, ctx.config, { today, allowPast: true });
  const numGuests = command.numGuests ?? booking.numGuests;
  const { number, roomType } = room;
  if (numGuests > roomType.capacity) check.fail('numGuests', `Room ${number} takes at most ${roomType.capacity} guests.`);
  check.done();

  const previousCheckOut = booking.checkOut;
  const addedNights = nightsBetween(previousCheckOut, checkOut);
  const totalCents = atLeastZero(toCents(booking.totalAmount) + ratedNights(booking.nightlyRate, addedNights));
  await assertBillWithinBound(ctx, booking, totalCents, 'checkOut');
  // Only the nights added need the room: those before are the guest's already.
  const added = { roomId: room.id, checkIn: previousCheckOut, checkOut, exceptId: booking.id };
  if (addedNights > 0) await assertRoomCanHost(ctx, room, { ...added, numGuests });

  const before = stayOf(booking);
  Object.assign(booking, { checkOut, numGuests, totalAmount: fromCents(totalCents) });
  logBookingChange(ctx, booking, 'AMENDED', { before, after: stayOf(booking) });
  await flushStay(ctx, addedNights > 0 ? added : { ...added, checkIn: booking.inRoomFrom ?? booking.checkIn });
  if (addedNights < 0) await offerReleasedNights(ctx, room, checkOut, previousCheckOut);
  return booking;
}

export interface MoveRoomCommand {
  bookingId: string;
  roomId: string;
  reason: string;
  /** Keep the booking's nightlyRate (the default: a move the hotel asks of its guest), or take the new room type's. */
  keepRate?: boolean | null;
}

/** Statuses whose stay can still change rooms. */
const MOVABLE: readonly BookingStatus[] = [BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN];

/**
 * Moves a booking to another room, saying why.
 *
 * A confirmed booking moves whole. A checked-in guest moves for the nights from the
 * business date on: the booking's room becomes the new one from that night (inRoomFrom),
 * the nights before stay where they were spent and are never weighed against the new
 * room's past; on the day of arrival nothing was spent yet and the whole stay moves. The
 * room left is dirty and gets a cleaning task.
 *
 * keepRate (default true) keeps the nightlyRate and so the bill; false sells the nights
 * moved at the new room type's rate: a confirmed stay is repriced whole (rate × nights),
 * an in-house one for its remaining nights only.
 *
 * The new room must be in service, big enough and not out of order for those nights; the
 * exclusion constraint stays the last word on its bookings (ROOM_UNAVAILABLE names them),
 * and a room of another type takes a unit of that type (ROOM_TYPE_SOLD_OUT when none is
 * left). The nights left in the old room go to its waitlist. A booking of a room type
 * without a room yet moves into one like this too (assignRoom does it without a reason,
 * within the type).
 */
export const moveRoom = operation([NotFoundError, ConflictError, BusinessRuleError], async (ctx, command: MoveRoomCommand) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  const roomId = check.id('roomId', command.roomId);
  const reason = check.text('reason', command.reason, { max: 500 });
  check.done();
  const keepRate = command.keepRate ?? true;

  const booking = await lockBooking(ctx, bookingId!);
  if (!MOVABLE.includes(booking.status as BookingStatus)) {
    throw new BusinessRuleError('booking_movable', `Only a confirmed or checked-in booking can move rooms; this one is ${booking.status}.`);
  }
  const today = await businessDateOf(ctx.em);
  if (booking.checkOut <= today) {
    throw new BusinessRuleError('booking_movable', `The stay ended on ${booking.checkOut}; no night is left to move.`);
  }
  if (booking.room && roomId === booking.room.id) {
    throw new ValidationError([{ path: ['input', 'roomId'], message: `The booking is already in room ${booking.room.number}.` }]);
  }
  // Both rooms locked in id order (the old one gets dirty, the new one is checked): a
  // maintenance window or a check-in on either waits for the move, and two moves never
  // deadlock. NO KEY UPDATE leaves the foreign-key checks of new bookings unblocked.
  await ctx.em.execute('select id from rooms where id in (?, ?) order by id for no key update', [booking.room?.id ?? roomId, roomId]);
  const room = await ctx.em.findOne(Room, { id: roomId! }, { populate: ['roomType'], refresh: true });
  if (!room) throw new NotFoundError('Room', roomId!);
  if (booking.numGuests > room.roomType.capacity) {
    throw new ValidationError([
      { path: ['input', 'roomId'], message: `Room ${room.number} takes at most ${room.roomType.capacity} guests; the booking is for ${booking.numGuests}.` },
    ]);
  }

  const inHouse = booking.status === BookingStatus.CHECKED_IN;
  // The first night in the new room: from the business date for a guest who has spent nights already, else the arrival.
  const from = inHouse && today > booking.checkIn ? today : booking.checkIn;
  const moved = nightsBetween(from, booking.checkOut);
  // Taking the new room's price sells the nights moved at its type's rate plan.
  const movedCents = keepRate ? 0n : toCents(await priceOfStay(ctx.em, room.roomType.id, from, booking.checkOut));
  const nightlyRate = keepRate ? booking.nightlyRate : averageRate(movedCents, moved);
  const totalCents = keepRate
    ? toCents(booking.totalAmount)
    : inHouse
      ? atLeastZero(toCents(booking.totalAmount) - ratedNights(booking.nightlyRate, moved) + movedCents)
      : movedCents;
  await assertBillWithinBound(ctx, booking, totalCents, 'roomId');
  await assertRoomCanHost(ctx, room, { checkIn: from, checkOut: booking.checkOut, numGuests: booking.numGuests, exceptId: booking.id });

  const previousRoom = booking.room;
  const before = {
    roomId: previousRoom?.id ?? null,
    room: previousRoom?.number ?? null,
    roomTypeId: booking.roomType.id,
    nightlyRate: booking.nightlyRate,
    totalAmount: booking.totalAmount,
  };
  Object.assign(booking, {
    room,
    roomType: room.roomType,
    nightlyRate,
    totalAmount: fromCents(totalCents),
    inRoomFrom: from > booking.checkIn ? from : null,
  });
  if (inHouse && previousRoom) {
    previousRoom.housekeepingStatus = HousekeepingStatus.DIRTY;
    ctx.em.create(HousekeepingTask, {
      room: previousRoom,
      kind: HousekeepingTaskKind.CLEANING,
      notes: `Booking ${booking.id} moved to room ${room.number} from ${from}`,
    });
  }
  logBookingChange(ctx, booking, 'MOVED', {
    reason,
    keepRate,
    from,
    before,
    after: { roomId: room.id, room: room.number, roomTypeId: room.roomType.id, nightlyRate: booking.nightlyRate, totalAmount: booking.totalAmount },
  });
  await flushStay(ctx, { roomId: room.id, checkIn: from, checkOut: booking.checkOut, exceptId: booking.id });
  await offerReleasedNights(ctx, previousRoom, from, booking.checkOut);
  return booking;
});

export interface AssignRoomCommand {
  bookingId: string;
  roomId: string;
}

/**
 * Gives a booking of a room type its room, of that type: in service, big enough, not out of
 * order and free for the stay (the exclusion constraint has the last word). The unit the
 * booking held becomes the room; the inventory does not move. A booking in a room already
 * changes rooms with moveRoom, which also moves a booking to another type.
 */
export const assignRoom = operation([NotFoundError, ConflictError, BusinessRuleError], async (ctx, command: AssignRoomCommand) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  const roomId = check.id('roomId', command.roomId);
  check.done();
  const booking = await lockBooking(ctx, bookingId!);
  if (booking.status !== BookingStatus.CONFIRMED) {
    throw new BusinessRuleError('room_assignable', `Only a confirmed booking waits for a room; this one is ${booking.status}.`);
  }
  if (booking.room) {
    throw new BusinessRuleError('room_assignable', `The booking is in room ${booking.room.number} already; change rooms with moveRoom.`);
  }
  // Locked as a move and a check-in lock it: a maintenance window on the room waits for the assignment.
  await ctx.em.execute('select id from rooms where id = ? for no key update', [roomId]);
  const room = await ctx.em.findOne(Room, { id: roomId! }, { populate: ['roomType'], refresh: true });
  if (!room) throw new NotFoundError('Room', roomId!);
  if (room.roomType.id !== booking.roomType.id) {
    throw new ValidationError([
      {
        path: ['input', 'roomId'],
        message: `Room ${room.number} is a ${room.roomType.name} room; the booking is for a ${booking.roomType.name}. moveRoom moves a booking to another room type.`,
      },
    ]);
  }
  await assertRoomCanHost(ctx, room, { checkIn: booking.checkIn, checkOut: booking.checkOut, numGuests: booking.numGuests, exceptId: booking.id });
  booking.room = room;
  logBookingChange(ctx, booking, 'ROOM_ASSIGNED', { roomId: room.id, room: room.number, automatic: false });
  await flushStay(ctx, { roomId: room.id, checkIn: booking.checkIn, checkOut: booking.checkOut, exceptId: booking.id });
  return booking;
});

/**
 * A room of the booking's type ready for its stay: in service, not dirty, free and not out
 * of order for every night; inspected rooms first, then by number. Locked, passing over a
 * room another check-in is taking at this moment.
 */
async function readyRoomFor(ctx: OperationContext, booking: Booking): Promise<Room | null> {
  const [free] = await ctx.em.execute<{ id: number }[]>(
    `select r.id from rooms r
     where r.room_type_id = ? and r.status = ? and r.housekeeping_status <> ? and not ${roomIsBooked()} and not ${roomIsOutOfOrder()}
     order by r.housekeeping_status = ? desc, r.number limit 1 for no key update skip locked`,
    [
      booking.roomType.id,
      RoomStatus.IN_SERVICE,
      HousekeepingStatus.DIRTY,
      booking.checkIn,
      booking.checkOut,
      booking.checkIn,
      booking.checkOut,
      HousekeepingStatus.INSPECTED,
    ],
  );
  return free ? ctx.em.findOneOrFail(Room, { id: free.id }, { populate: ['roomType'], refresh: true }) : null;
}

/**
 * Checks a guest in on a day of the stay, into a room that is ready: in service, not out
 * of order tonight, and not dirty (a room left dirty is cleaned or inspected first, or the
 * booking moves to a room that is ready). A booking of a room type without a room gets a
 * ready room of its type now (readyRoomFor).
 */
export const checkInBooking = operation([NotFoundError, ConflictError, BusinessRuleError], async (ctx, command: { bookingId: string }) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  check.done();
  const booking = await lockBooking(ctx, bookingId!);
  transition(booking, BookingStatus.CHECKED_IN);
  const today = await businessDateOf(ctx.em);
  if (booking.checkIn > today) {
    throw new BusinessRuleError('check_in_date', `Check-in opens on ${booking.checkIn}.`);
  }
  if (booking.checkOut <= today) {
    throw new BusinessRuleError('check_in_date', `The stay ended on ${booking.checkOut}; mark the booking as a no-show instead.`);
  }
  if (!booking.room) {
    const ready = await readyRoomFor(ctx, booking);
    if (!ready) {
      throw new BusinessRuleError(
        'room_ready',
        `No ${booking.roomType.name} room is ready for this stay: each one is taken, dirty or out of order. Have one cleaned (completeHousekeepingTask) or assign a room (assignRoom, or moveRoom for another type).`,
      );
    }
    booking.room = ready;
    logBookingChange(ctx, booking, 'ROOM_ASSIGNED', { roomId: ready.id, room: ready.number, automatic: true });
  }
  const room = booking.room;
  await ctx.em.lock(room, LockMode.PESSIMISTIC_WRITE);
  await ctx.em.refresh(room);
  if (room.status !== RoomStatus.IN_SERVICE) {
    throw new BusinessRuleError('room_in_service', `Room ${room.number} is ${inWords(room.status)}; move the booking to another room first.`);
  }
  if (await roomOutOfOrder(ctx.em, room.id, today, addDays(today, 1))) {
    throw new BusinessRuleError('room_out_of_order', `Room ${room.number} is out of order tonight; move the booking to another room first.`);
  }
  if (room.housekeepingStatus === HousekeepingStatus.DIRTY) {
    throw new BusinessRuleError(
      'room_ready',
      `Room ${room.number} is dirty; have it cleaned or inspected (completeHousekeepingTask) first, or move the booking to a room that is ready (moveRoom).`,
    );
  }
  logBookingChange(ctx, booking, 'CHECKED_IN');
  await flushStay(ctx, { roomId: room.id, checkIn: booking.checkIn, checkOut: booking.checkOut, exceptId: booking.id });
  return booking;
});

/** One invoice per stay, numbered by its booking: unique without a counter to contend on. */
function invoiceNumber(booking: Booking): string {
  return `INV-${booking.checkOut.slice(0, 4)}-${String(booking.id).padStart(8, '0')}`;
}

/**
 * A guest leaving before the planned check-out: the stay ends on the business date (after
 * one night at least), so the nights after it are free at once, for new bookings and the
 * waitlist. They leave the room total (total −= nights × nightlyRate); under
 * EARLY_DEPARTURE_POLICY=charge_remaining they come back on the bill as one
 * EARLY_DEPARTURE folio item, so the guest pays what the policy keeps. Null when the
 * guest leaves on the planned day (or later).
 */
function departEarly(ctx: OperationContext, booking: Booking, today: string): Record<string, unknown> | null {
  const plannedCheckOut = booking.checkOut;
  const checkOut = today > booking.checkIn ? today : addDays(booking.checkIn, 1);
  if (checkOut >= plannedCheckOut) return null;
  const nights = nightsBetween(checkOut, plannedCheckOut);
  const notStayedCents = ratedNights(booking.nightlyRate, nights);
  const roomTotalBefore = booking.totalAmount;
  booking.checkOut = checkOut;
  booking.totalAmount = fromCents(atLeastZero(toCents(roomTotalBefore) - notStayedCents));
  // A move always lies on or before the business date; should the calendar have been set back, the stay still ends in the room it is in.
  if (booking.inRoomFrom && booking.inRoomFrom > checkOut) booking.inRoomFrom = checkOut;
  const charged = ctx.config.earlyDeparturePolicy === EarlyDeparturePolicy.CHARGE_REMAINING && notStayedCents > 0n;
  if (charged) {
    ctx.em.create(FolioItem, {
      booking,
      kind: FolioItemKind.EARLY_DEPARTURE,
      description: `Early departure: ${nights} ${nights === 1 ? 'night' : 'nights'} not stayed (${checkOut} to ${plannedCheckOut}) at ${booking.nightlyRate}`,
      amount: fromCents(notStayedCents),
      postedBy: actingUser(ctx),
    });
  }
  const details = {
    plannedCheckOut,
    checkOut,
    nightsReleased: nights,
    nightlyRate: booking.nightlyRate,
    roomTotal: { before: roomTotalBefore, after: booking.totalAmount },
    policy: ctx.config.earlyDeparturePolicy,
    charged: charged ? fromCents(notStayedCents) : null,
  };
  logBookingChange(ctx, booking, 'EARLY_DEPARTURE', details);
  return details;
}

export interface CheckOutBookingCommand {
  bookingId: string;
  /** Why the guest may leave owing the balance: an administrator's decision, which writes a receivable. */
  openBalanceReason?: string | null;
}

/**
 * Checks out a guest: before the planned date it is an early departure (departEarly). The
 * folio must then be settled; an administrator may let a guest leave owing money by giving
 * the reason, which writes the balance as a receivable (the open item accounts receivable
 * chases) and an audit entry. An overpaid folio is refunded first, always. The guest earns
 * a loyalty point per whole currency unit paid, the room turns dirty and gets a cleaning
 * task, and the stay gets its invoice for the final bill.
 */
export const checkOutBooking = operation([NotFoundError, BusinessRuleError], async (ctx, command: CheckOutBookingCommand) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  const openBalanceReason = check.text('openBalanceReason', command.openBalanceReason, { max: 500 });
  check.done();
  const booking = await lockBooking(ctx, bookingId!);
  transition(booking, BookingStatus.CHECKED_OUT);
  const plannedCheckOut = booking.checkOut;
  const early = departEarly(ctx, booking, await businessDateOf(ctx.em));
  // The bill is summed by PostgreSQL: what departEarly changed is written first.
  await ctx.em.flush();
  const folio = await folioOf(ctx.em, booking.id);
  const owedCents = folio.balanceCents;
  const leavesOwing = owedCents > 0n && openBalanceReason !== undefined && mayDecide(ctx.caller?.role, 'checkOutWithOpenBalance');
  if (owedCents !== 0n && !leavesOwing) {
    const balance = `(balance ${fromCents(owedCents)} ${ctx.config.currency})`;
    throw new BusinessRuleError(
      'folio_settled',
      owedCents > 0n
        ? `The folio is not settled: ${fromCents(owedCents)} is still owed ${balance}. Take the payment first, or an administrator can check the guest out with an openBalanceReason, leaving the balance as a receivable.`
        : `The folio is not settled: ${fromCents(-owedCents)} was overpaid and must be refunded ${balance}.`,
    );
  }
  let receivable: Receivable | null = null;
  if (leavesOwing) {
    receivable = ctx.em.create(Receivable, { booking, amount: fromCents(owedCents), reason: openBalanceReason!, createdBy: actingUser(ctx) });
    audit(ctx, {
      action: 'CHECK_OUT_OWING',
      entity: 'BOOKING',
      entityId: booking.id,
      reason: openBalanceReason,
      before: { status: BookingStatus.CHECKED_IN, receivable: null },
      after: { status: BookingStatus.CHECKED_OUT, receivable: fromCents(owedCents) },
      details: { currency: ctx.config.currency },
    });
  }
  const points = Number(folio.paidCents / 100n);
  if (points > 0) {
    const customer = await ctx.em.findOneOrFail(Customer, { id: booking.customer.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    customer.loyaltyPoints += points;
    ctx.em.create(LoyaltyTransaction, { customer, booking, points, reason: `Stay ${booking.checkIn} to ${booking.checkOut}` });
  }
  const room = assignedRoom(booking);
  room.housekeepingStatus = HousekeepingStatus.DIRTY;
  ctx.em.create(HousekeepingTask, { room, kind: HousekeepingTaskKind.CLEANING, notes: `Check-out of booking ${booking.id}` });
  const invoice = ctx.em.create(Invoice, {
    booking,
    number: invoiceNumber(booking),
    amount: fromCents(folio.totalCents + folio.chargesCents),
    currency: ctx.config.currency,
  });
  logBookingChange(ctx, booking, 'CHECKED_OUT', {
    paid: fromCents(folio.paidCents),
    loyaltyPoints: points,
    invoice: invoice.number,
    ...(early ? { earlyDeparture: { plannedCheckOut, checkOut: booking.checkOut } } : {}),
    ...(receivable ? { leftOwing: receivable.amount, openBalanceReason } : {}),
  });
  if (early) {
    await ctx.em.flush();
    await offerReleasedNights(ctx, booking.room, booking.checkOut, plannedCheckOut);
  }
  return booking;
});
