import { LockMode } from '@mikro-orm/core';
import { isVisibleTo } from '../auth/visibility';
import { today } from '../dates';
import type { Booking } from '../entities/booking.entity';
import { Customer } from '../entities/customer.entity';
import { Notification } from '../entities/notification.entity';
import { RoomType } from '../entities/room-type.entity';
import { WaitlistEntry, WaitlistStatus } from '../entities/waitlist-entry.entity';
import { NotFound, ValidationFailed } from '../errors/hotel-error';
import { InputCheck } from './input-check';
import type { OperationContext } from './operation-context';

export interface JoinWaitlistCommand {
  customerId: string;
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  numGuests: number;
}

export async function joinWaitlist(ctx: OperationContext, command: JoinWaitlistCommand): Promise<WaitlistEntry> {
  const check = new InputCheck();
  const customerId = check.id('customerId', command.customerId);
  const roomTypeId = check.id('roomTypeId', command.roomTypeId);
  check.integer('numGuests', command.numGuests, { min: 1, max: 50 });
  check.stay(command.checkIn, command.checkOut, { maxNights: ctx.config.maxStayNights });
  check.done();

  const customer = await ctx.em.findOne(Customer, { id: customerId! });
  if (!customer || !isVisibleTo(ctx.caller, customer.channel)) throw new NotFound('Customer', customerId!);
  const roomType = await ctx.em.findOne(RoomType, { id: roomTypeId! });
  if (!roomType) throw new NotFound('RoomType', roomTypeId!);
  if (command.numGuests > roomType.capacity) {
    throw new ValidationFailed([{ path: ['input', 'numGuests'], message: `A ${roomType.name} room takes at most ${roomType.capacity} guests.` }]);
  }
  return ctx.em.create(WaitlistEntry, { customer, roomType, checkIn: command.checkIn, checkOut: command.checkOut, numGuests: command.numGuests });
}

/**
 * When a booking releases its room, the first waiting customer (oldest entry) whose wish
 * fits inside the freed nights of that room type, and within its capacity, is notified, in
 * the same transaction as the release. The entry becomes NOTIFIED so nobody is told twice.
 */
export async function notifyWaitlistOfFreedDates(ctx: OperationContext, booking: Booking): Promise<WaitlistEntry | null> {
  // Only nights still ahead can be offered.
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as text
  const from = booking.checkIn > today() ? booking.checkIn : today();
  if (from >= booking.checkOut) return null;
  const [entry] = await ctx.em.find(
    WaitlistEntry,
    {
      status: WaitlistStatus.WAITING,
      roomType: booking.room.roomType.id,
      checkIn: { $gte: from },
      checkOut: { $lte: booking.checkOut },
      numGuests: { $lte: booking.room.roomType.capacity },
    },
    { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1, lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['customer'] },
  );
  if (!entry) return null;
  entry.status = WaitlistStatus.NOTIFIED;
  entry.notifiedAt = new Date();
  ctx.em.create(Notification, {
    customer: entry.customer,
    kind: 'WAITLIST_AVAILABLE',
    message: `Room ${booking.room.number} (${booking.room.roomType.name}) is free from ${entry.checkIn} to ${entry.checkOut}; book it before someone else does.`,
  });
  return entry;
}
