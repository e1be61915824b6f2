import type { EntityManager } from '@mikro-orm/postgresql';
import { BookingStatus, firstNightInRoom, holdsItsRoom } from '../entities/booking.entity';
import { RoomStatus } from '../entities/room.entity';
import { arrayParameter, literal, shareANight } from '../sql';
import { roomIsOutOfOrder } from './availability';
import { BUSINESS_DATE_SQL } from './business-date';

/** What a room is on one day, as the front desk and housekeeping plan it. */
export enum RoomOccupancy {
  VACANT = 'VACANT',
  ARRIVING = 'ARRIVING',
  OCCUPIED = 'OCCUPIED',
  DEPARTING = 'DEPARTING',
  OUT_OF_ORDER = 'OUT_OF_ORDER',
}
export const ROOM_OCCUPANCY_MEANINGS: Readonly<Record<RoomOccupancy, string>> = {
  OUT_OF_ORDER: 'Not in service, or an unresolved maintenance request takes it out of order that night.',
  OCCUPIED: 'A guest sleeps in it that night: a booking holding the night is checked in, or began in this room before the day.',
  DEPARTING: 'A checked-in guest leaves it that day and is still to check out.',
  ARRIVING: 'A confirmed booking begins in it that day.',
  VACANT: 'None of these: free to sell or to give.',
};

/** A room on a day; the hotel's business date when `date` is absent. */
export interface RoomDay {
  roomId: number;
  date?: string;
}

/**
 * The occupancy of each room on its day, in the order asked, in one statement however many
 * rooms and days: the first that holds of
 *   OUT_OF_ORDER  the room is not in service, or an unresolved out-of-order window covers the night;
 *   OCCUPIED      a booking holds the night in this room and is checked in or began before it
 *                 (a guest who moved in counts from the move, in_room_from);
 *   DEPARTING     a checked-in booking of the room ends that day: the guest is still to leave;
 *   ARRIVING      a confirmed booking of the room begins that day;
 *   VACANT        none of these.
 * A departure and an arrival on the same day answer DEPARTING: the room is not free until
 * the guest leaves. Undefined for a room that no longer exists.
 */
export async function occupancyOfRooms(em: EntityManager, days: readonly RoomDay[]): Promise<(RoomOccupancy | undefined)[]> {
  if (days.length === 0) return [];
  const first = firstNightInRoom('b');
  // The stays that hold the night before or the night of the day in this room, through the
  // exclusion constraint's index (room, nights in the room): a departure holds only the night before.
  const rows = await em.execute<{ ord: number; occupancy: RoomOccupancy }[]>(
    `select k.ord::int as ord, case
        when r.status <> ${literal(RoomStatus.IN_SERVICE)} or ${roomIsOutOfOrder('k.night', 'k.night + 1')} then ${literal(RoomOccupancy.OUT_OF_ORDER)}
        when s.occupied then ${literal(RoomOccupancy.OCCUPIED)}
        when s.departing then ${literal(RoomOccupancy.DEPARTING)}
        when s.arriving then ${literal(RoomOccupancy.ARRIVING)}
        else ${literal(RoomOccupancy.VACANT)} end as occupancy
     from (select u.room_id, coalesce(u.night, ${BUSINESS_DATE_SQL}) as night, u.ord
           from unnest(?::int[], ?::date[]) with ordinality as u(room_id, night, ord)) k
     join rooms r on r.id = k.room_id
     cross join lateral (
       select coalesce(bool_or(${first} <= k.night and k.night < b.check_out and (b.status = ${literal(BookingStatus.CHECKED_IN)} or ${first} < k.night)), false) as occupied,
              coalesce(bool_or(b.status = ${literal(BookingStatus.CHECKED_IN)} and b.check_out = k.night), false) as departing,
              coalesce(bool_or(b.status = ${literal(BookingStatus.CONFIRMED)} and b.check_in = k.night), false) as arriving
       from bookings b
       where b.room_id = r.id and ${holdsItsRoom('b.status')} and ${shareANight([first, 'b.check_out'], ['k.night - 1', 'k.night + 1'])}
     ) s`,
    // An unquoted NULL in an array literal is a null element, which the statement reads as the business date.
    [arrayParameter(days.map((day) => day.roomId)), arrayParameter(days.map((day) => day.date ?? 'NULL'))],
  );
  const found = new Map(rows.map((row) => [row.ord, row.occupancy]));
  return days.map((_, index) => found.get(index + 1));
}
