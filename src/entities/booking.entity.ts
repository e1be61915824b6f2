import { Check, Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { EARLIEST_DATE, LATEST_DATE } from '../dates';
import { DateScalar, MoneyScalar } from '../scalars';
import { ident, literal, literalList, nightsOf } from '../sql';
import { Customer } from './customer.entity';
import { Room } from './room.entity';
import { RoomType } from './room-type.entity';
import { User } from './user.entity';

export enum BookingStatus {
  CONFIRMED = 'CONFIRMED',
  CHECKED_IN = 'CHECKED_IN',
  CHECKED_OUT = 'CHECKED_OUT',
  CANCELLED = 'CANCELLED',
  NO_SHOW = 'NO_SHOW',
}
export const BOOKING_STATUS_MEANINGS: Readonly<Record<BookingStatus, string>> = {
  CONFIRMED: 'Booked, the guest still to arrive: it may be amended, cancelled, checked in, or become a no-show.',
  CHECKED_IN: 'The guest is in the house, in the booking’s room.',
  CHECKED_OUT: 'The guest has left; the stay has its invoice.',
  CANCELLED: 'Cancelled before arrival: its nights are free again; a cancellation fee, if any, stays on its folio.',
  NO_SHOW: 'The guest never came (markNoShow, or the night audit): its nights are free again and the no-show fee is on its folio.',
};
/** Statuses that release the room: a booking in one of these never blocks another. */
export const RELEASED_BOOKING_STATUSES: readonly BookingStatus[] = [BookingStatus.CANCELLED, BookingStatus.NO_SHOW];

/** Statuses in which a booking has been in a room: in the house, or gone. */
export const HOUSED_BOOKING_STATUSES: readonly BookingStatus[] = [BookingStatus.CHECKED_IN, BookingStatus.CHECKED_OUT];

/** SQL: the booking whose status is the expression `status` holds its room for its nights (it is not released). */
export const holdsItsRoom = (status: string): string => `${status} not in (${literalList(RELEASED_BOOKING_STATUSES)})`;

export const BOOKING_OVERLAP_CONSTRAINT = 'bookings_no_overlap';
export const CHANNEL_REFERENCE_UNIQUE = 'bookings_channel_reference_unique';
/** The longest channel name a booking carries. */
export const MAX_CHANNEL_LENGTH = 60;
/** Raised by the trigger booking_room_type: a booking in a room is a booking of that room's type. */
export const BOOKING_ROOM_TYPE_CONSTRAINT = 'bookings_room_type_matches_room';

/**
 * SQL: the first night booking `alias` holds its current room: the check-in, or the day
 * an in-house guest moved into it (the nights before were spent in another room).
 */
export const firstNightInRoom = (alias: string): string => `coalesce(${alias}.in_room_from, ${alias}.check_in)`;

/**
 * The unit a booking of a room type holds is counted by room_type_nights. The exclusion
 * constraint is what makes a double booking of a room impossible, and the inventory's
 * CHECK what makes a night sold beyond its rooms impossible, whatever number of API
 * processes write at once.
 */
@ObjectType({
  simpleResolvers: true,
  description: 'A stay of one customer over the nights [checkIn, checkOut): in a room of its room type, or, until one is assigned, holding a unit of the type.',
})
@Entity({ tableName: 'bookings' })
@Check({ name: 'bookings_dates_check', expression: 'check_in < check_out' })
@Check({ name: 'bookings_num_guests_check', expression: 'num_guests > 0' })
@Check({ name: 'bookings_total_amount_check', expression: 'total_amount >= 0' })
@Check({ name: 'bookings_calendar_check', expression: `check_in >= '${EARLIEST_DATE}'::date and check_out <= '${LATEST_DATE}'::date` })
@Check({ name: 'bookings_nightly_rate_check', expression: 'nightly_rate >= 0' })
@Check({ name: 'bookings_in_room_from_check', expression: 'in_room_from is null or (in_room_from > check_in and in_room_from <= check_out)' })
@Index({
  name: BOOKING_OVERLAP_CONSTRAINT,
  expression: `alter table "bookings" add constraint ${ident(BOOKING_OVERLAP_CONSTRAINT)} exclude using gist ("room_id" with =, ${nightsOf('coalesce("in_room_from", "check_in")', '"check_out"')} with &&) where (${holdsItsRoom('"status"')})`,
})
// The bookings list's order (check-in, then id): a page reads its rows off the index, however many share a day.
@Index({ name: 'bookings_check_in_id_index', properties: ['checkIn', 'id'] })
// The departures list, in the same order by check-out.
@Index({ name: 'bookings_check_out_id_index', properties: ['checkOut', 'id'] })
// Who is in the house on a night, and the occupancy of a range: the stays that share a night with it, found without reading every earlier check-in.
@Index({
  name: 'bookings_nights_index',
  expression: `create index "bookings_nights_index" on "bookings" using gist (${nightsOf('"check_in"', '"check_out"')}) where (${holdsItsRoom('"status"')})`,
})
@Index({ name: 'bookings_channel_index', properties: ['channel'] })
@Index({
  name: CHANNEL_REFERENCE_UNIQUE,
  expression: `create unique index "${CHANNEL_REFERENCE_UNIQUE}" on "bookings" ("channel", "channel_reference") where "channel_reference" is not null`,
})
@Check({ name: 'bookings_channel_reference_check', expression: 'length(btrim(channel_reference)) > 0' })
// A guest in the house, or gone, was in a room: only a booking still to arrive, or released, may lack one.
@Check({
  name: 'bookings_room_assigned_check',
  expression: `room_id is not null or (${HOUSED_BOOKING_STATUSES.map((status) => `status <> ${literal(status)}`).join(' and ')})`,
})
export class Booking {
  @Field(() => ID, { description: 'Unique among bookings; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** Null until a room is assigned (assignRoom, or at check-in). */
  @ManyToOne(() => Room, { deleteRule: 'restrict', nullable: true })
  room?: Rel<Room> | null;

  /** Always the room's type once a room is assigned (the trigger booking_room_type sees to it). */
  @ManyToOne(() => RoomType, { deleteRule: 'restrict' })
  roomType!: Rel<RoomType>;

  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  customer!: Rel<Customer>;

  @Field(() => DateScalar, { description: 'The arrival date: the first night of the stay.' })
  @Property({ type: 'date' })
  checkIn!: string;

  @Field(() => DateScalar, { description: 'The departure date: the morning after the last night.' })
  @Property({ type: 'date' })
  checkOut!: string;

  @Field(() => Int, { description: 'Guests in the party, at most the room type’s capacity.' })
  @Property({ type: 'integer' })
  numGuests!: number;

  @Field(() => BookingStatus, { description: 'Where the booking is in its life.' })
  @Enum({ items: () => BookingStatus, type: 'string', default: BookingStatus.CONFIRMED })
  status: Opt<BookingStatus> = BookingStatus.CONFIRMED;

  @Field(() => MoneyScalar, {
    description:
      'What the room costs: the nightly rate times the nights, fixed when booked and repriced when the stay changes; 0.00 once the booking is cancelled or a no-show (a fee, if any, is a folio item).',
  })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  totalAmount!: string;

  @Field(() => MoneyScalar, { description: 'The rate of each remaining night: the room type’s when booked, or the one a room move kept or took.' })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  nightlyRate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When an in-house guest moved rooms: the first night in the current room.' })
  @Property({ type: 'date', nullable: true })
  inRoomFrom?: string | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  cancelledBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled; null unless CANCELLED.' })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled, as given to cancelBooking; null unless CANCELLED.' })
  @Property({ type: 'text', nullable: true })
  cancellationReason?: string | null;

  @Field(() => String, { description: 'Where the booking came from: DIRECT for the front desk, else the channel of the partner that made it.' })
  @Property({ type: 'string', length: MAX_CHANNEL_LENGTH, default: 'DIRECT' })
  channel: Opt<string> = 'DIRECT';

  @Field(() => String, { nullable: true, description: "The partner's own reference for the booking, unique within its channel (bookingByReference finds it)." })
  @Property({ type: 'string', length: 100, nullable: true })
  channelReference?: string | null;

  @Field(() => Date, { description: 'When it was booked.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;

  @Field(() => Date, { description: 'When it last changed: filter.updatedSince of bookings finds what changed since a poll.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt!: Opt<Date>;
}
