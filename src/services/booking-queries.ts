import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { findPage, type PageRequest } from '../db/keyset-page';
import { Booking, type BookingStatus } from '../entities/booking.entity';

export interface BookingFilter {
  statuses?: BookingStatus[];
  /** Bookings with at least one night in [from, to). */
  from?: string;
  to?: string;
  roomId?: number;
  customerId?: number;
  /** Bookings changed at or after this instant. */
  updatedSince?: Date;
  channel?: string;
}

export function listBookings(em: EntityManager, filter: BookingFilter, page: PageRequest) {
  const where: FilterQuery<Booking> = {};
  if (filter.statuses?.length) where.status = { $in: filter.statuses };
  if (filter.from) where.checkOut = { $gt: filter.from };
  if (filter.to) where.checkIn = { $lt: filter.to };
  if (filter.roomId !== undefined) where.room = filter.roomId;
  if (filter.customerId !== undefined) where.customer = filter.customerId;
  if (filter.updatedSince !== undefined) where.updatedAt = { $gte: filter.updatedSince };
  if (filter.channel !== undefined) where.channel = filter.channel;
  return findPage(em, Booking, where, ['checkIn', 'id'], page);
}
