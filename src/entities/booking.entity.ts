import { Check, Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { EARLIEST_DATE, LATEST_DATE } from '../dates';
import { DateScalar, MoneyScalar } from '../scalars';
import { ident, literalList, nightsOf } from '../sql';
import { Customer } from './customer.entity';
import { Room } from './room.entity';
import { User } from './user.entity';

export enum BookingStatus {
  CONFIRMED = 'CONFIRMED',
  CHECKED_IN = 'CHECKED_IN',
  CHECKED_OUT = 'CHECKED_OUT',
  CANCELLED = 'CANCELLED',
  NO_SHOW = 'NO_SHOW',
}
/** Statuses that release the room: a booking in one of these never blocks another. */
export const RELEASED_BOOKING_STATUSES: readonly BookingStatus[] = [BookingStatus.CANCELLED, BookingStatus.NO_SHOW];

/** SQL: the booking whose status is the expression `status` holds its room for its nights (it is not released). */
export const holdsItsRoom = (status: string): string => `${status} not in (${literalList(RELEASED_BOOKING_STATUSES)})`;

export const BOOKING_OVERLAP_CONSTRAINT = 'bookings_no_overlap';

/**
 * SQL: the first night booking `alias` holds its current room: the check-in, or the day
 * an in-house guest moved into it (the nights before were spent in another room).
 */
export const firstNightInRoom = (alias: string): string => `coalesce(${alias}.in_room_from, ${alias}.check_in)`;

/**
 * A stay of one customer in one room over the nights [checkIn, checkOut).
 * The exclusion constraint is what makes a double booking impossible, whatever number
 * of API processes write at once.
 */
@ObjectType({ simpleResolvers: true })
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
export class Booking {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Room, { deleteRule: 'restrict' })
  room!: Rel<Room>;

  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  customer!: Rel<Customer>;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  checkIn!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  checkOut!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  numGuests!: number;

  @Field(() => BookingStatus)
  @Enum({ items: () => BookingStatus, type: 'string', default: BookingStatus.CONFIRMED })
  status: Opt<BookingStatus> = BookingStatus.CONFIRMED;

  /**
   * What the room costs: the nightly rate times the nights, fixed when booked and repriced
   * when the stay changes; zero once the booking is cancelled or a no-show (a fee, if any,
   * is a folio item).
   */
  @Field(() => MoneyScalar)
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  totalAmount!: string;

  /** The rate of each remaining night: the room type's when booked, or the one a move kept or took. */
  @Field(() => MoneyScalar, { description: 'The rate of each remaining night: the room type’s when booked, or the one a room move kept or took.' })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  nightlyRate!: string;

  /** Set when an in-house guest moved: the first night in the current room. */
  @Field(() => DateScalar, { nullable: true, description: 'When an in-house guest moved rooms: the first night in the current room.' })
  @Property({ type: 'date', nullable: true })
  inRoomFrom?: string | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  cancelledBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  cancellationReason?: string | null;

  /** Where the booking came from: DIRECT for the front desk, else the partner's channel. */
  @Field(() => String)
  @Property({ type: 'string', length: 60, default: 'DIRECT' })
  channel: Opt<string> = 'DIRECT';

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt!: Opt<Date>;
}
