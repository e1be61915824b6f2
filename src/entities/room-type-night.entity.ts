import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { holdsItsRoom } from './booking.entity';
import { BUSINESS_DATE_SQL } from './hotel-calendar.entity';
import { RoomType } from './room-type.entity';

export const OVERSOLD_CONSTRAINT = 'room_type_nights_not_oversold_check';

/** SQL: the first night the inventory keeps, as its triggers read it: the business date, or every night while the calendar has no row yet. */
export const FIRST_NIGHT_KEPT = `coalesce(${BUSINESS_DATE_SQL}, '-infinity'::date)`;

/*
 * The units of a night are the SQL function room_type_units (rooms of the type in service
 * and in no unresolved out-of-order window that night): the one definition the triggers
 * (count_room_type_nights, count_room_units, count_out_of_order_units), the recount and
 * the availability share.
 */

/** SQL: the units of the room type aliased `type` left to sell on `night`, also on a night no booking touched yet (no row). */
export const unitsFree = (type: string, night: string): string =>
  `(select coalesce(max(i.available), room_type_units(${type}.id, ${night})) - coalesce(max(i.sold), 0) from room_type_nights i where i.room_type_id = ${type}.id and i.night = ${night})`;

/** SQL: the inventory as it should be, counted again from bookings and rooms: rows (room_type_id, night, available, sold) from the business date on. */
export const RECOUNTED_INVENTORY = `select s.room_type_id, s.night, greatest(room_type_units(s.room_type_id, s.night), s.sold)::int as available, s.sold::int as sold from (
    select b.room_type_id, d::date as night, count(*) as sold
    from bookings b cross join lateral generate_series(greatest(b.check_in, ${FIRST_NIGHT_KEPT}), b.check_out - 1, interval '1 day') d
    where ${holdsItsRoom('b.status')} and b.check_out > ${FIRST_NIGHT_KEPT}
    group by 1, 2) s`;

/**
 * SQL: the nights (as `room_type_id@night`, column id) from the business date on whose
 * inventory row disagrees with the recount: a count that drifted, a row missing for a
 * night sold, or units that no longer match the rooms.
 */
export const INVENTORY_DRIFT = `select coalesce(i.room_type_id, r.room_type_id)::text || '@' || coalesce(i.night, r.night)::text as id
  from (select * from room_type_nights where night >= ${FIRST_NIGHT_KEPT}) i
  full join (${RECOUNTED_INVENTORY}) r on r.room_type_id = i.room_type_id and r.night = i.night
  where coalesce(i.sold, 0) <> coalesce(r.sold, 0)
     or (i.room_type_id is not null and i.available <> greatest(room_type_units(i.room_type_id, i.night), i.sold))`;

/** SQL: the nights (room_type_id@night) from the business date on sold beyond the rooms that can hold them: rooms lost under bookings already made. */
export const OVERSOLD_NIGHTS = `select i.room_type_id::text || '@' || i.night::text as id from room_type_nights i
  where i.night >= ${FIRST_NIGHT_KEPT} and i.sold > room_type_units(i.room_type_id, i.night)`;

/**
 * The inventory of one room type on one night: the units that can be sold (rooms in
 * service and not out of order that night, never fewer than those sold: a room lost under
 * bookings already made is recorded, and the night sells nothing more) and the units sold
 * (bookings holding the night, with a room or not). Written only by triggers, in the transaction of every change
 * that moves either count, from the business date on; the CHECK is what makes a night
 * sold beyond its rooms impossible. Nights before the business date are history.
 */
@Entity({ tableName: 'room_type_nights' })
@Check({ name: 'room_type_nights_available_check', expression: 'available >= 0' })
@Check({ name: 'room_type_nights_sold_check', expression: 'sold >= 0' })
@Check({ name: OVERSOLD_CONSTRAINT, expression: 'sold <= available' })
@Unique({ name: 'room_type_nights_night_unique', properties: ['roomType', 'night'] })
export class RoomTypeNight {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => RoomType, { deleteRule: 'cascade' })
  roomType!: Rel<RoomType>;

  @Property({ type: 'date' })
  night!: string;

  @Property({ type: 'integer' })
  available!: number;

  @Property({ type: 'integer', default: 0 })
  sold: Opt<number> = 0;
}
