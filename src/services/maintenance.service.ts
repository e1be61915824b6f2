import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { findPage, type PageRequest } from '../db/keyset-page';
import { Booking, BookingStatus, firstNightInRoom } from '../entities/booking.entity';
import { MaintenanceRequest, type MaintenanceSeverity, MaintenanceStatus } from '../entities/maintenance-request.entity';
import { Room, RoomStatus } from '../entities/room.entity';
import { User } from '../entities/user.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { ConflictError } from '../errors/conflict-error';
import { ErrorCode } from '../errors/error-code';
import { NotFoundError } from '../errors/not-found-error';
import { inWords } from '../in-words';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import { actingUser, type OperationContext } from '../kernel/operation-context';
import { moveStatus, type Transitions } from '../kernel/state-machine';
import { literalList, shareANight } from '../sql';
import { assigneeOf } from './assignee';
import { notifyAssignee } from './notification.service';

/** Which status may follow which: anything else is INVALID_STATE_TRANSITION. */
const TRANSITIONS: Transitions<MaintenanceStatus> = {
  OPEN: [MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.RESOLVED],
  IN_PROGRESS: [MaintenanceStatus.RESOLVED],
  RESOLVED: [],
};

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
  const assignee = assignedToId ? await assigneeOf(ctx, assignedToId) : null;
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
  const request = ctx.em.create(MaintenanceRequest, {
    room,
    reportedBy: actingUser(ctx),
    assignedTo: assignee,
    description: description!,
    severity: input.severity,
    outOfOrderFrom: input.outOfOrderFrom ?? null,
    outOfOrderTo: input.outOfOrderTo ?? null,
  });
  if (assignee) await tellAssignee(ctx, request, assignee);
  return request;
});

/** Tells the assignee; the request is written first, so the notification can name it. */
async function tellAssignee(ctx: OperationContext, request: MaintenanceRequest, assignee: User): Promise<void> {
  await ctx.em.flush();
  notifyAssignee(ctx, assignee, {
    kind: 'MAINTENANCE_REQUEST_ASSIGNED',
    message: `Maintenance request ${request.id} in room ${request.room.number} (${inWords(request.severity)} severity) is yours: ${request.description}`,
    entity: 'MAINTENANCE_REQUEST',
    entityId: request.id,
  });
}

/** Loads and locks a request for a change, with its room. */
async function lockRequest(ctx: OperationContext, requestId: number): Promise<MaintenanceRequest> {
  const request = await ctx.em.findOne(MaintenanceRequest, { id: requestId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['room'] });
  if (!request) throw new NotFoundError('MaintenanceRequest', requestId);
  return request;
}

/**
 * Work on a request begins: OPEN becomes IN_PROGRESS. A request nobody was given goes to
 * the staff user who starts it.
 */
export const startMaintenanceRequest = operation([NotFoundError, BusinessRuleError], async (ctx, input: { requestId: string }) => {
  const check = new InputCheck();
  const requestId = check.id('requestId', input.requestId);
  check.done();
  const request = await lockRequest(ctx, requestId!);
  moveStatus('MaintenanceRequest', TRANSITIONS, request, MaintenanceStatus.IN_PROGRESS);
  request.startedAt = new Date();
  request.assignedTo ??= actingUser(ctx);
  return request;
});

/** Gives an unresolved request to another staff user, or to nobody (assignedToId null), who is told. */
export const assignMaintenanceRequest = operation(
  [NotFoundError, BusinessRuleError],
  async (ctx, input: { requestId: string; assignedToId?: string | null }) => {
    const check = new InputCheck();
    const requestId = check.id('requestId', input.requestId);
    const assignedToId = check.id('assignedToId', input.assignedToId);
    check.done();
    const request = await lockRequest(ctx, requestId!);
    if (request.status === MaintenanceStatus.RESOLVED) {
      throw new BusinessRuleError('request_open', 'This request is resolved; it stays with whoever resolved it.');
    }
    const assignee = assignedToId ? await assigneeOf(ctx, assignedToId) : null;
    if ((request.assignedTo?.id ?? null) === (assignee?.id ?? null)) return request;
    request.assignedTo = assignee;
    if (assignee) await tellAssignee(ctx, request, assignee);
    return request;
  },
);

/** Closes a request, open or in progress; a room out of order returns to service once no open request remains. */
export const resolveMaintenanceRequest = operation([NotFoundError, BusinessRuleError], async (ctx, input: { requestId: string }) => {
  const check = new InputCheck();
  const requestId = check.id('requestId', input.requestId);
  check.done();
  const request = await lockRequest(ctx, requestId!);
  moveStatus('MaintenanceRequest', TRANSITIONS, request, MaintenanceStatus.RESOLVED);
  request.resolvedAt = new Date();
  const stillOpen = await ctx.em.count(MaintenanceRequest, { room: request.room, status: { $ne: MaintenanceStatus.RESOLVED }, id: { $ne: request.id } });
  if (!stillOpen && request.room.status === RoomStatus.OUT_OF_ORDER) request.room.status = RoomStatus.IN_SERVICE;
  return request;
});

export interface MaintenanceRequestFilter {
  status?: MaintenanceStatus;
  roomId?: number;
  assignedToId?: number;
}

/** Requests oldest first, of one room, one assignee or one status when asked. */
export function listMaintenanceRequests(em: EntityManager, filter: MaintenanceRequestFilter, page: PageRequest) {
  const where: FilterQuery<MaintenanceRequest> = {};
  if (filter.status) where.status = filter.status;
  if (filter.roomId !== undefined) where.room = filter.roomId;
  if (filter.assignedToId !== undefined) where.assignedTo = filter.assignedToId;
  return findPage(em, MaintenanceRequest, where, ['id'], page);
}
