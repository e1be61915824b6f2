import { LockMode } from '@mikro-orm/core';
import { Booking, BookingStatus, firstNightInRoom } from '../entities/booking.entity';
import { MaintenanceRequest, type MaintenanceSeverity, MaintenanceStatus } from '../entities/maintenance-request.entity';
import { Room, RoomStatus } from '../entities/room.entity';
import { User } from '../entities/user.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { ConflictError } from '../errors/conflict-error';
import { ErrorCode } from '../errors/error-code';
import { NotFoundError } from '../errors/not-found-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import { actingUser, type OperationContext } from '../kernel/operation-context';
import { literalList, shareANight } from '../sql';

export interface OpenMaintenanceCommand {
  roomId: string;
  description: string;
  severity: MaintenanceSeverity;
  assignedToId?: string | null;
  outOfOrderFrom?: string | null;
  outOfOrderTo?: string | null;
  /** Take the room out of order now, not just for the window. */
  takeOutOfOrder?: boolean | null;
}

/** Guests expected or in the house: a window over their nights would leave them without a room. */
const HOUSED: readonly BookingStatus[] = [BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN];

/** Confirmed and checked-in bookings holding `roomId` for a night of [from, to), by their nights in this room (a guest who moved in holds it from the move). */
async function bookingsInWindow(ctx: OperationContext, roomId: number, from: string, to: string): Promise<string[]> {
  const rows = await ctx.em.execute<{ id: number }[]>(
    `select b.id from bookings b where b.room_id = ? and b.status in (${literalList(HOUSED)})
       and ${shareANight([firstNightInRoom('b'), 'b.check_out'], ['?::date', '?::date'])} order by b.check_in, b.id`,
    [roomId, from, to],
  );
  return rows.map((row) => String(row.id));
}

/**
 * Records a fault. An out-of-order window keeps new bookings off those nights, and is
 * refused over nights guests are booked into (ROOM_OCCUPIED, naming their bookings): they
 * are moved first, so nobody arrives to a room that cannot be sold. Taking the room out of
 * order at once is refused while a guest is checked in. The room row is locked first, as a
 * room move and a check-in lock it, so the bookings read are the ones that stand.
 */
export const openMaintenanceRequest = operation([NotFoundError, ConflictError, BusinessRuleError], async (ctx, input: OpenMaintenanceCommand) => {
  const check = new InputCheck();
  const roomId = check.id('roomId', input.roomId);
  const assignedToId = check.id('assignedToId', input.assignedToId);
  const description = check.text('description', input.description, { max: 2000 });
  if (Boolean(input.outOfOrderFrom) !== Boolean(input.outOfOrderTo))
    check.fail(input.outOfOrderFrom ? 'outOfOrderTo' : 'outOfOrderFrom', 'An out-of-order window needs both ends.');
  else if (input.outOfOrderFrom && input.outOfOrderTo && input.outOfOrderTo <= input.outOfOrderFrom)
    check.fail('outOfOrderTo', 'The window must end after it starts.');
  check.done();

  const room = await ctx.em.findOne(Room, { id: roomId! }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!room) throw new NotFoundError('Room', roomId!);
  const assignee = assignedToId ? await ctx.em.findOne(User, { id: assignedToId }) : null;
  if (assignedToId && !assignee) throw new NotFoundError('User', assignedToId);
  if (input.outOfOrderFrom && input.outOfOrderTo) {
    const housed = await bookingsInWindow(ctx, room.id, input.outOfOrderFrom, input.outOfOrderTo);
    if (housed.length) {
      const named = `${housed.length === 1 ? 'booking' : 'bookings'} ${housed.join(', ')}`;
      throw new ConflictError(ErrorCode.ROOM_OCCUPIED, housed, {
        message: `Room ${room.number} is booked for some of these nights (${named}); move or shorten ${housed.length === 1 ? 'it' : 'them'} before taking the room out of order.`,
      });
    }
  }
  if (input.takeOutOfOrder) {
    if (await ctx.em.count(Booking, { room, status: BookingStatus.CHECKED_IN })) {
      throw new BusinessRuleError('room_occupied', `Room ${room.number} has a guest checked in; move the booking before taking it out of order.`);
    }
    room.status = RoomStatus.OUT_OF_ORDER;
  }
  return ctx.em.create(MaintenanceRequest, {
    room,
    reportedBy: actingUser(ctx),
    assignedTo: assignee,
    description: description!,
    severity: input.severity,
    outOfOrderFrom: input.outOfOrderFrom ?? null,
    outOfOrderTo: input.outOfOrderTo ?? null,
  });
});

/** Closes a request; a room out of order returns to service once no open request remains. */
export const resolveMaintenanceRequest = operation([NotFoundError, BusinessRuleError], async (ctx, input: { requestId: string }) => {
  const check = new InputCheck();
  const requestId = check.id('requestId', input.requestId);
  check.done();
  const request = await ctx.em.findOne(MaintenanceRequest, { id: requestId! }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['room'] });
  if (!request) throw new NotFoundError('MaintenanceRequest', requestId!);
  if (request.status === MaintenanceStatus.RESOLVED) throw new BusinessRuleError('request_open', 'This request is already resolved.');
  request.status = MaintenanceStatus.RESOLVED;
  request.resolvedAt = new Date();
  const stillOpen = await ctx.em.count(MaintenanceRequest, { room: request.room, status: { $ne: MaintenanceStatus.RESOLVED }, id: { $ne: request.id } });
  if (!stillOpen && request.room.status === RoomStatus.OUT_OF_ORDER) request.room.status = RoomStatus.IN_SERVICE;
  return request;
});
