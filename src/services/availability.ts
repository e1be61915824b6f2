import type { EntityManager } from '@mikro-orm/postgresql';
import { holdsItsRoom } from '../entities/booking.entity';
import { MaintenanceStatus } from '../entities/maintenance-request.entity';
import { Room, RoomStatus } from '../entities/room.entity';
import { unitsFree } from '../entities/room-type-night.entity';
import { literal, shareANight } from '../sql';
import { BUSINESS_DATE_SQL } from './business-date';
import { closedToArrivalOn, minStayOn, nightPrice, stayNights } from './rate-plan';

/**
 * SQL predicates on a room aliased `r` for the nights [from, to) — parameters by default,
 * or any two date expressions: the same words for the availability search, the booking
 * rules and the waitlist, so they cannot drift apart. The overlap mirrors the
 * bookings_no_overlap exclusion constraint, which stays the last word.
 */
export function roomIsBooked(from = '?::date', to = '?::date'): string {
  return `exists (select 1 from bookings b where b.room_id = r.id and ${holdsItsRoom('b.status')}
    and ${shareANight(['b.check_in', 'b.check_out'], [from, to])})`;
}

export function roomIsOutOfOrder(from = '?::date', to = '?::date'): string {
  return `exists (select 1 from maintenance_requests m where m.room_id = r.id
    and m.status <> ${literal(MaintenanceStatus.RESOLVED)} and m.out_of_order_from is not null
    and ${shareANight(['m.out_of_order_from', 'm.out_of_order_to'], [from, to])})`;
}

/** Whether room `roomId` is in an unresolved out-of-order window on a night of [from, to). */
export async function roomOutOfOrder(em: EntityManager, roomId: number, from: string, to: string): Promise<boolean> {
  const [{ blocked }] = await em.execute<{ blocked: boolean }[]>(`select ${roomIsOutOfOrder()} as blocked from rooms r where r.id = ?`, [from, to, roomId]);
  return blocked;
}

export interface AvailabilityQuery {
  checkIn: string;
  checkOut: string;
  roomTypeId?: number;
  numGuests?: number;
  limit: number;
}

/** Rooms in service, big enough, and free of bookings and out-of-order windows for every night. */
export async function findAvailableRooms(em: EntityManager, query: AvailabilityQuery): Promise<Room[]> {
  const rows = await em.execute(
    `select r.* from rooms r join room_types rt on rt.id = r.room_type_id
     where r.status = ? and (?::int is null or r.room_type_id = ?::int) and rt.capacity >= ?
       and not ${roomIsBooked()} and not ${roomIsOutOfOrder()}
     order by r.number limit ?`,
    [
      RoomStatus.IN_SERVICE,
      query.roomTypeId ?? null,
      query.roomTypeId ?? null,
      query.numGuests ?? 1,
      query.checkIn,
      query.checkOut,
      query.checkIn,
      query.checkOut,
      query.limit,
    ],
  );
  return rows.map((row) => em.map(Room, row));
}

export interface RoomTypeNightAvailability {
  date: string;
  roomTypeId: number;
  /** Units left to sell: 0 on a night before the business date. */
  free: number;
  price: string;
  minStay: number;
  closedToArrival: boolean;
}

/** The most nights one availability question covers: a year, leap day included. */
export const MAX_AVAILABILITY_NIGHTS = 366;

/**
 * Per night of [from, to) and room type (one, or every one), the units left to sell and the
 * price of the night, with the arrival rules of the rate plan: one statement, whatever the
 * number of nights. Nights before the business date have nothing to sell.
 */
export async function roomTypeAvailability(em: EntityManager, from: string, to: string, roomTypeId?: number): Promise<RoomTypeNightAvailability[]> {
  const rows = await em.execute<{ date: string; room_type_id: number; free: number; price: string; min_stay: number; closed_to_arrival: boolean }[]>(
    `select n.night::text as date, t.id as room_type_id,
            case when n.night < ${BUSINESS_DATE_SQL} then 0 else greatest(${unitsFree('t', 'n.night')}, 0) end::int as free,
            ${nightPrice('t', 'n.night')}::text as price, ${minStayOn('t', 'n.night')} as min_stay, ${closedToArrivalOn('t', 'n.night')} as closed_to_arrival
     from room_types t cross join ${stayNights('n')}
     where (?::int is null or t.id = ?::int)
     order by n.night, t.id`,
    [from, to, roomTypeId ?? null, roomTypeId ?? null],
  );
  return rows.map((row) => ({
    date: row.date,
    roomTypeId: row.room_type_id,
    free: row.free,
    price: row.price,
    minStay: row.min_stay,
    closedToArrival: row.closed_to_arrival,
  }));
}
