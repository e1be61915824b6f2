import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { findPage, type PageRequest } from '../db/keyset-page';
import { Booking, BookingStatus } from '../entities/booking.entity';
import { type HousekeepingStatus, Room, RoomStatus } from '../entities/room.entity';
import { MAX_MIN_STAY, RoomType } from '../entities/room-type.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { audit } from '../kernel/audit';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';

export interface RoomFilter {
  roomTypeId?: number;
  status?: RoomStatus;
  housekeepingStatus?: HousekeepingStatus;
  floor?: number;
}

export function listRooms(em: EntityManager, filter: RoomFilter, page: PageRequest) {
  const where: FilterQuery<Room> = {};
  if (filter.roomTypeId !== undefined) where.roomType = filter.roomTypeId;
  if (filter.status) where.status = filter.status;
  if (filter.housekeepingStatus) where.housekeepingStatus = filter.housekeepingStatus;
  if (filter.floor !== undefined) where.floor = filter.floor;
  return findPage(em, Room, where, ['number', 'id'], page);
}

export function listRoomTypes(em: EntityManager, page: PageRequest) {
  return findPage(em, RoomType, {}, ['name', 'id'], page);
}

export interface RoomTypeFields {
  name?: string | null;
  description?: string | null;
  capacity?: number | null;
  baseRate?: string | null;
  minStay?: number | null;
}

function checkRoomTypeFields(check: InputCheck, fields: RoomTypeFields, maxAmount: number) {
  return {
    name: check.text('name', fields.name, { max: 100 }),
    description: fields.description === null ? null : check.text('description', fields.description, { min: 0, max: 2000 }),
    capacity: check.guests('capacity', fields.capacity),
    baseRate: check.money('baseRate', fields.baseRate, { sign: 'nonNegative', max: maxAmount }),
    minStay: check.integer('minStay', fields.minStay, { min: 1, max: MAX_MIN_STAY }),
  };
}

export const createRoomType = operation([], async (ctx, input: RoomTypeFields & { name: string; capacity: number; baseRate: string }) => {
  const check = new InputCheck();
  const fields = checkRoomTypeFields(check, input, ctx.config.maxAmount);
  check.done();
  const roomType = ctx.em.create(RoomType, {
    name: fields.name!,
    description: fields.description ?? null,
    capacity: fields.capacity!,
    baseRate: fields.baseRate!,
    minStay: fields.minStay ?? 1,
  });
  await ctx.em.flush();
  audit(ctx, { action: 'CREATE_ROOM_TYPE', entity: 'ROOM_TYPE', entityId: roomType.id, before: null, after: roomTypeAudited(roomType) });
  return roomType;
});

/** What the audit trail records of a room type. */
const roomTypeAudited = (roomType: RoomType) => ({
  name: roomType.name,
  description: roomType.description ?? null,
  capacity: roomType.capacity,
  baseRate: roomType.baseRate,
  minStay: roomType.minStay,
});

/** What the audit trail records of a room. */
const roomAudited = (room: Room) => ({
  number: room.number,
  floor: room.floor,
  roomTypeId: room.roomType.id,
  status: room.status,
  housekeepingStatus: room.housekeepingStatus,
});

/** Booked parties that would no longer fit `capacity`: confirmed or checked in, in rooms matching `rooms`. */
function partiesAbove(ctx: OperationContext, rooms: FilterQuery<Room>, capacity: number): Promise<number> {
  return ctx.em.count(Booking, { room: rooms, status: { $in: [BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN] }, numGuests: { $gt: capacity } });
}

/**
 * Changing a rate prices future bookings only: a booking's total is fixed when made. A
 * smaller capacity must still fit the parties booked in rooms of the type, as in updateRoom.
 */
export const updateRoomType = operation([NotFoundError, BusinessRuleError], async (ctx, input: RoomTypeFields & { id: string }) => {
  const check = new InputCheck();
  const id = check.id('id', input.id);
  const fields = checkRoomTypeFields(check, input, ctx.config.maxAmount);
  check.done();
  const roomType = await ctx.em.findOne(RoomType, { id: id! });
  if (!roomType) throw new NotFoundError('RoomType', id!);
  if (fields.capacity !== undefined && fields.capacity < roomType.capacity) {
    const tooLarge = await partiesAbove(ctx, { roomType }, fields.capacity);
    if (tooLarge)
      throw new BusinessRuleError('room_capacity', `${tooLarge} upcoming booking(s) of ${roomType.name} rooms bring more than ${fields.capacity} guests.`);
  }
  const before = roomTypeAudited(roomType);
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(roomType, { [key]: value });
  audit(ctx, { action: 'UPDATE_ROOM_TYPE', entity: 'ROOM_TYPE', entityId: roomType.id, before, after: roomTypeAudited(roomType) });
  return roomType;
});

export interface RoomFields {
  number?: string | null;
  floor?: number | null;
  roomTypeId?: string | null;
  status?: RoomStatus | null;
  housekeepingStatus?: HousekeepingStatus | null;
}

function checkRoomFields(check: InputCheck, fields: RoomFields) {
  return {
    number: check.text('number', fields.number, { max: 20 }),
    floor: check.integer('floor', fields.floor, { min: -5, max: 200 }),
    roomTypeId: check.id('roomTypeId', fields.roomTypeId),
  };
}

export const createRoom = operation([NotFoundError], async (ctx, input: RoomFields & { number: string; floor: number; roomTypeId: string }) => {
  const check = new InputCheck();
  const fields = checkRoomFields(check, input);
  check.done();
  const roomType = await ctx.em.findOne(RoomType, { id: fields.roomTypeId! });
  if (!roomType) throw new NotFoundError('RoomType', fields.roomTypeId!);
  const room = ctx.em.create(Room, {
    number: fields.number!,
    floor: fields.floor!,
    roomType,
    status: input.status ?? RoomStatus.IN_SERVICE,
    ...(input.housekeepingStatus ? { housekeepingStatus: input.housekeepingStatus } : {}),
  });
  await ctx.em.flush();
  audit(ctx, { action: 'CREATE_ROOM', entity: 'ROOM', entityId: room.id, before: null, after: roomAudited(room) });
  return room;
});

/**
 * Edits a room. Taking it out of service or order while a guest is checked in is refused:
 * move the guest first. A smaller room type must still fit the confirmed bookings' parties.
 */
export const updateRoom = operation([NotFoundError, BusinessRuleError], async (ctx, input: RoomFields & { id: string }) => {
  const check = new InputCheck();
  const id = check.id('id', input.id);
  const fields = checkRoomFields(check, input);
  check.done();
  // Locked: check-in locks the room too, so a guest cannot arrive while it goes out of order.
  const room = await ctx.em.findOne(Room, { id: id! }, { populate: ['roomType'], lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!room) throw new NotFoundError('Room', id!);
  const before = roomAudited(room);
  if (input.status && input.status !== RoomStatus.IN_SERVICE && room.status === RoomStatus.IN_SERVICE) {
    const guests = await ctx.em.count(Booking, { room, status: BookingStatus.CHECKED_IN });
    if (guests) throw new BusinessRuleError('room_occupied', `Room ${room.number} has a guest checked in; move the booking before taking it out of service.`);
  }
  if (fields.roomTypeId && fields.roomTypeId !== room.roomType.id) {
    const roomType = await ctx.em.findOne(RoomType, { id: fields.roomTypeId });
    if (!roomType) throw new NotFoundError('RoomType', fields.roomTypeId);
    const tooLarge = await partiesAbove(ctx, { id: room.id }, roomType.capacity);
    if (tooLarge)
      throw new BusinessRuleError('room_capacity', `${tooLarge} upcoming booking(s) of room ${room.number} bring more than ${roomType.capacity} guests.`);
    room.roomType = roomType;
  }
  if (fields.number !== undefined) room.number = fields.number;
  if (fields.floor !== undefined) room.floor = fields.floor;
  if (input.status) room.status = input.status;
  if (input.housekeepingStatus) room.housekeepingStatus = input.housekeepingStatus;
  audit(ctx, { action: 'UPDATE_ROOM', entity: 'ROOM', entityId: room.id, before, after: roomAudited(room) });
  return room;
});
