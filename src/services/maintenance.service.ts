import { LockMode } from '@mikro-orm/core';
import { Booking, BookingStatus } from '../entities/booking.entity';
import { MaintenanceRequest, type MaintenanceSeverity, MaintenanceStatus } from '../entities/maintenance-request.entity';
import { Room, RoomStatus } from '../entities/room.entity';
import { User } from '../entities/user.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import { actingUser } from '../kernel/operation-context';

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

/**
 * Records a fault. An out-of-order window keeps new bookings off those nights; taking the
 * room out of order at once is refused while a guest is checked in.
 */
export const openMaintenanceRequest = operation([NotFoundError, BusinessRuleError], async (ctx, input: OpenMaintenanceCommand) => {
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
