import { Notification } from '../entities/notification.entity';
import type { Room } from '../entities/room.entity';
import { RoomType } from '../entities/room-type.entity';
import { WaitlistEntry, WaitlistStatus } from '../entities/waitlist-entry.entity';
import { NotFoundError } from '../errors/not-found-error';
import { ValidationError } from '../errors/validation-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { roomIsBooked, roomIsOutOfOrder } from './availability';
import { BUSINESS_DATE_SQL, businessDateOf } from './business-date';
import { visibleCustomer } from './customer.service';

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
export async function offerReleasedNights(ctx: OperationContext, room: Room, checkIn: string, checkOut: string): Promise<WaitlistEntry | null> {
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
  entry.status = WaitlistStatus.NOTIFIED;
  entry.notifiedAt = new Date();
  ctx.em.create(Notification, {
    customer: entry.customer,
    kind: 'WAITLIST_AVAILABLE',
    message: `Room ${room.number} (${entry.roomType.name}) is free from ${entry.checkIn} to ${entry.checkOut}; book it before someone else does.`,
  });
  return entry;
}
