import type { EntityManager } from '@mikro-orm/postgresql';
import { holdsItsRoom } from '../entities/booking.entity';
import { MaintenanceStatus } from '../entities/maintenance-request.entity';
import { RoomStatus } from '../entities/room.entity';
import { literal, shareANight } from '../sql';

/** The longest range one occupancy report covers: a year, leap day included. */
export const MAX_OCCUPANCY_NIGHTS = 366;

/** One night of the house: what was there to sell, what was sold, what it earned. */
export interface OccupancyNight {
  date: string;
  /** Every room of the hotel. */
  rooms: number;
  /** Rooms not in service, or in service but in an unresolved out-of-order window that night. */
  outOfOrder: number;
  /** rooms − outOfOrder. */
  available: number;
  /** Bookings holding the night (check_in <= night < check_out), not released. */
  sold: number;
  /** sold / available × 100, to two places; 0 when nothing is available. */
  occupancyPercent: number;
  /** The night's share of each sold booking's total (total / nights), summed, to the cent. */
  roomRevenue: string;
  /** Average daily rate: roomRevenue / sold, to the cent; 0.00 when nothing is sold. */
  adr: string;
  /** Revenue per available room: roomRevenue / available, to the cent; 0.00 when nothing is available. */
  revpar: string;
}

/**
 * The nights [from, to), one row each, in one statement whatever the range: per night, the
 * stays holding it are found through bookings_nights_index (a probe per night, so the cost
 * follows the nights sold, never the bookings of other dates), the out-of-order windows among
 * the few that touch the range. Room status is today's: the past keeps no history of it.
 * Rounding is half away from zero, PostgreSQL's for numeric.
 */
export async function occupancyOf(em: EntityManager, from: string, to: string): Promise<OccupancyNight[]> {
  const rows = await em.execute<OccupancyNight[]>(
    `with house as (
       select count(*)::int as rooms, (count(*) filter (where r.status <> ${literal(RoomStatus.IN_SERVICE)}))::int as not_in_service from rooms r
     ),
     windows as materialized (
       select m.room_id, m.out_of_order_from, m.out_of_order_to
       from maintenance_requests m join rooms r on r.id = m.room_id
       where r.status = ${literal(RoomStatus.IN_SERVICE)} and m.status <> ${literal(MaintenanceStatus.RESOLVED)} and m.out_of_order_from is not null
         and ${shareANight(['m.out_of_order_from', 'm.out_of_order_to'], ['?::date', '?::date'])}
     ),
     nights as (
       select n.night::date as night, h.rooms, h.not_in_service + w.rooms as out_of_order, s.sold, s.revenue
       from generate_series(?::date, ?::date - 1, interval '1 day') as n(night)
       cross join house h
       cross join lateral (
         select count(distinct w.room_id)::int as rooms from windows w
         where ${shareANight(['w.out_of_order_from', 'w.out_of_order_to'], ['n.night::date', 'n.night::date + 1'])}
       ) w
       cross join lateral (
         select count(*)::int as sold, round(coalesce(sum(b.total_amount / (b.check_out - b.check_in)), 0), 2) as revenue
         from bookings b
         where ${holdsItsRoom('b.status')} and ${shareANight(['b.check_in', 'b.check_out'], ['n.night::date', 'n.night::date + 1'])}
       ) s
     )
     select night::text as date, rooms, out_of_order as "outOfOrder", rooms - out_of_order as available, sold,
       (case when rooms > out_of_order then round(sold * 100.0 / (rooms - out_of_order), 2) else 0 end)::float8 as "occupancyPercent",
       revenue::text as "roomRevenue",
       (case when sold > 0 then round(revenue / sold, 2) else 0.00 end)::text as adr,
       (case when rooms > out_of_order then round(revenue / (rooms - out_of_order), 2) else 0.00 end)::text as revpar
     from nights order by night`,
    [from, to, from, to],
  );
  return rows;
}
