import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { addDays } from '../dates';
import { findPage, type Page, type PageRequest } from '../db/keyset-page';
import { Booking, BookingStatus, holdsItsRoom } from '../entities/booking.entity';
import { ident, shareANight } from '../sql';
import { businessDateOf } from './business-date';

/**
 * The front desk's lists of one day: who arrives, who leaves, who sleeps in the house.
 * Each is the bookings list with one more condition, paged the same way.
 */
export interface HouseListFilter {
  /** The hotel's day; its business date when absent. */
  date?: string;
  /** A partner's channel: its own bookings only (visibility.ts). */
  channel?: string;
}

/** Who arrives on the day: still to check in, or checked in already; in check-in order, off bookings_check_in_id_index. */
export async function listArrivals(em: EntityManager, filter: HouseListFilter, page: PageRequest): Promise<Page<Booking>> {
  const where: FilterQuery<Booking> = {
    checkIn: filter.date ?? (await businessDateOf(em)),
    status: { $in: [BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN] },
  };
  if (filter.channel !== undefined) where.channel = filter.channel;
  return findPage(em, Booking, where, ['checkIn', 'id'], page);
}

/** Who leaves on the day: still to check out, or gone already; in check-out order, off bookings_check_out_id_index. */
export async function listDepartures(em: EntityManager, filter: HouseListFilter, page: PageRequest): Promise<Page<Booking>> {
  const where: FilterQuery<Booking> = {
    checkOut: filter.date ?? (await businessDateOf(em)),
    status: { $in: [BookingStatus.CHECKED_IN, BookingStatus.CHECKED_OUT] },
  };
  if (filter.channel !== undefined) where.channel = filter.channel;
  return findPage(em, Booking, where, ['checkOut', 'id'], page);
}

/**
 * Who sleeps in the house the night of the day: guests checked in (or since checked out)
 * whose stay holds that night, check_in <= night < check_out; in check-in order.
 */
export async function listInHouse(em: EntityManager, filter: HouseListFilter, page: PageRequest): Promise<Page<Booking>> {
  const night = filter.date ?? (await businessDateOf(em));
  const where: FilterQuery<Booking> = { status: { $in: [BookingStatus.CHECKED_IN, BookingStatus.CHECKED_OUT] } };
  if (filter.channel !== undefined) where.channel = filter.channel;
  return findPage(em, Booking, where, ['checkIn', 'id'], page, (alias, bind) => stayHoldsNights(alias, bind(night), bind(addDays(night, 1))));
}

/**
 * SQL: booking `alias` holds a night of [from, to) (two placeholders), found through
 * bookings_nights_index. Said as "its id is among those the index finds", not as the
 * overlap itself: given the overlap beside a page's order and limit, the planner walks the
 * check-in index from the first stay the hotel ever had, filtering (109 ms at 100,000
 * bookings, and more every day), where the index finds the night's stays at once (4 ms,
 * whatever the table holds). The ids are the night's stays: about as many as the rooms.
 */
function stayHoldsNights(alias: string, from: string, to: string): string {
  return `${ident(alias)}.id = any(array(select b.id from bookings b where ${holdsItsRoom('b.status')}
    and ${shareANight(['b.check_in', 'b.check_out'], [`${from}::date`, `${to}::date`])}))`;
}
