import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { findPage, type PageRequest } from '../db/keyset-page';
import { type HousekeepingStatus, Room, type RoomStatus } from '../entities/room.entity';
import { RoomType } from '../entities/room-type.entity';

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
