import { LockMode } from '@mikro-orm/core';
import { isVisibleTo } from '../auth/visibility';
import type { Booking } from '../entities/booking.entity';
import type { Room } from '../entities/room.entity';
import { RoomType } from '../entities/room-type.entity';
import { WaitlistEntry, WaitlistStatus } from '../entities/waitlist-entry.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { ValidationError } from '../errors/validation-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { moveStatus, type Transitions } from '../kernel/state-machine';
import { roomIsBooked, roomIsOutOfOrder } from './availability';
import { BUSINESS_DATE_SQL, businessDateOf } from './business-date';
import { visibleCustomer } from './customer.service';
import { notifyGuest } from './notification.service';

/**
 * Which status may follow which: anything else is INVALID_STATE_TRANSITION. An entry is
 * offered freed nights once (NOTIFIED), and ends fulfilled by a booking made from the
 * offer, or withdrawn, waiting or offered.
 */
const TRANSITIONS: Transitions<WaitlistStatus> = {
  WAITING: [WaitlistStatus.NOTIFIED, WaitlistStatus.WITHDRAWN],
  NOTIFIED: [WaitlistStatus.FULFILLED, WaitlistStatus.WITHDRAWN],
  FULFILLED: [],
  WITHDRAWN: [],
};

export interface JoinWaitlistCommand {
  customerId: string;
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  numGuests: number;
}

export const joinWaitlist = operation([NotFoundError], async (ctx, command: JoinWaitlistCommand) => {
  const today = await businessDateOf(ctx.em);
  const check = new InputCheck();
  const customerId = check.id('customerId', command.customerId);
  const roomTypeId = check.id('roomTypeId', command.roomTypeId);
  check.guests('numGuests', command.numGuests);
  check.stay(command.checkIn, command.checkOut, ctx.config, { today });
  check.done();

  const customer = await visibleCustomer(ctx, customerId!);
  const roomType = await ctx.em.findOne(RoomType, { id: roomTypeId! });
  if (!roomType) throw new NotFoundError('RoomType', roomTypeId!);
  if (command.numGuests > roomType.capacity) {
    throw new ValidationError([{ path: ['input', 'numGuests'], message: `A ${roomType.name} room takes at most ${roomType.capacity} guests.` }]);
  }
  return ctx.em.create(WaitlistEntry, { customer, roomType, checkIn: command.checkIn, checkOut: command.checkOut, numGuests: command.numGuests });
});

/**
 * When nights of a room are released (a cancellation, a no-show, an amendment that moves
 * away), the first waiting customer (oldest entry) whose wish fits inside those nights, in
 * that room type and its capacity, and for whom the room is now really free, is notified
 * in the same transaction as the release. The entry becomes NOTIFIED so nobody is told twice.
 */
export async function offerReleasedNights(
  ctx: OperationContext,
  room: Room | null | undefined,
  checkIn: string,
  checkOut: string,
): Promise<WaitlistEntry | null> {
  // A booking without a room released a unit of its type, not a room: the waitlist is offered rooms.
  if (!room) return null;
  // Only nights from the business date on can be offered.
  const free = (
    await ctx.em.execute<{ id: number }[]>(
      `select w.id from waitlist_entries w join rooms r on r.id = ?
     where w.status = ? and w.room_type_id = r.room_type_id and w.check_in >= greatest(?::date, ${BUSINESS_DATE_SQL}) and w.check_out <= ?
       and w.num_guests <= (select capacity from room_types where id = r.room_type_id)
       and not ${roomIsBooked('w.check_in', 'w.check_out')} and not ${roomIsOutOfOrder('w.check_in', 'w.check_out')}
     order by w.created_at, w.id limit 1 for update of w`,
      [room.id, WaitlistStatus.WAITING, checkIn, checkOut],
    )
  )[0];
  if (!free) return null;
  const entry = await ctx.em.findOneOrFail(WaitlistEntry, free.id, { populate: ['customer', 'roomType'] });
  moveStatus('WaitlistEntry', TRANSITIONS, entry, WaitlistStatus.NOTIFIED);
  entry.notifiedAt = new Date();
  // For the guest, so read by whoever serves the guest: the partner of its channel, the front desk for a direct guest; either books with waitlistEntryId.
  notifyGuest(ctx, entry.customer, {
    kind: 'WAITLIST_AVAILABLE',
    message: `Room ${room.number} (${entry.roomType.name}) is free from ${entry.checkIn} to ${entry.checkOut}; book it before someone else does.`,
    entity: 'WAITLIST_ENTRY',
    entityId: entry.id,
  });
  return entry;
}

/** Loads and locks an entry for a change; one of another partner's guests is not there. */
async function lockEntry(ctx: OperationContext, entryId: number): Promise<WaitlistEntry> {
  const entry = await ctx.em.findOne(WaitlistEntry, { id: entryId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['customer', 'roomType'] });
  if (!entry || !isVisibleTo(ctx.caller, entry.customer.channel)) throw new NotFoundError('WaitlistEntry', entryId);
  return entry;
}

/** The guest no longer wants the room, waiting or offered. */
export const withdrawWaitlistEntry = operation([NotFoundError, BusinessRuleError], async (ctx, input: { entryId: string }) => {
  const check = new InputCheck();
  const entryId = check.id('entryId', input.entryId);
  check.done();
  const entry = await lockEntry(ctx, entryId!);
  moveStatus('WaitlistEntry', TRANSITIONS, entry, WaitlistStatus.WITHDRAWN);
  entry.closedAt = new Date();
  return entry;
});

/** The stay a booking made from an offer asks for, as createBooking reads it. */
export interface OfferedStay {
  customerId: number;
  /** The room booked, or for a booking of a room type, the type. */
  roomId?: number;
  roomTypeId?: number;
  checkIn: string;
  checkOut: string;
  numGuests: number;
}

/**
 * The offer a booking is made from, locked, checked before the booking is written: the
 * entry must be NOTIFIED (a waiting one was offered nothing yet: INVALID_STATE_TRANSITION)
 * and the booking must be the one wished for — the entry's customer, a room of its room
 * type, its dates and its party (waitlist_offer_match, naming what differs). A room that
 * does not exist is left for createBooking to tell.
 */
export async function offerToBook(ctx: OperationContext, entryId: number, stay: OfferedStay): Promise<WaitlistEntry> {
  const entry = await lockEntry(ctx, entryId);
  if (!TRANSITIONS[entry.status as WaitlistStatus].includes(WaitlistStatus.FULFILLED))
    throw BusinessRuleError.invalidTransition('WaitlistEntry', entry.status, WaitlistStatus.FULFILLED);
  const [room] =
    stay.roomId === undefined ? [] : await ctx.em.execute<{ room_type_id: number }[]>('select room_type_id from rooms where id = ?', [stay.roomId]);
  const roomTypeId = room?.room_type_id ?? stay.roomTypeId;
  const differs: string[] = [];
  if (stay.customerId !== entry.customer.id) differs.push(`customer (the entry's: ${entry.customer.id})`);
  if (roomTypeId !== undefined && roomTypeId !== entry.roomType.id) differs.push(`room type (the entry's: ${entry.roomType.name})`);
  if (stay.checkIn !== entry.checkIn || stay.checkOut !== entry.checkOut) differs.push(`dates (the entry's: ${entry.checkIn} to ${entry.checkOut})`);
  if (stay.numGuests !== entry.numGuests) differs.push(`party (the entry's: ${entry.numGuests})`);
  if (differs.length) {
    throw new BusinessRuleError('waitlist_offer_match', `The booking must match waitlist entry ${entry.id}; it differs in ${differs.join(', ')}.`);
  }
  return entry;
}

/** The offer taken: the booking written from it fulfils the entry, in the same transaction. */
export function fulfilOffer(entry: WaitlistEntry, booking: Booking): void {
  moveStatus('WaitlistEntry', TRANSITIONS, entry, WaitlistStatus.FULFILLED);
  entry.booking = booking;
  entry.closedAt = new Date();
}
