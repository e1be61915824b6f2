import type { EntityManager } from '@mikro-orm/postgresql';
import { holdsItsRoom } from '../entities/booking.entity';
import { MaintenanceStatus } from '../entities/maintenance-request.entity';
import { Room, RoomStatus } from '../entities/room.entity';
import { literal, shareANight } from '../sql';

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
