import { Check, Entity, Enum, ManyToOne, OneToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars';
import { Booking } from './booking.entity';
import { Customer } from './customer.entity';
import { RoomType } from './room-type.entity';

export enum WaitlistStatus {
  WAITING = 'WAITING',
  NOTIFIED = 'NOTIFIED',
  FULFILLED = 'FULFILLED',
  WITHDRAWN = 'WITHDRAWN',
}
export const WAITLIST_STATUS_MEANINGS: Readonly<Record<WaitlistStatus, string>> = {
  WAITING: 'Waiting for nights of the room type to free up.',
  NOTIFIED: 'Freed nights were offered (notifiedAt): createBooking with this waitlistEntryId books them and fulfils the entry.',
  FULFILLED: 'Booked from the offer (booking).',
  WITHDRAWN: 'The guest no longer wants it (withdrawWaitlistEntry).',
};
/** The state machine is waitlist.service.ts's. */
@ObjectType({
  simpleResolvers: true,
  description:
    "A guest's wish for a room type over dates that were full when asked. It waits, is offered freed nights (NOTIFIED), and ends FULFILLED by the booking made from the offer, or WITHDRAWN.",
})
@Entity({ tableName: 'waitlist_entries' })
@Check({ name: 'waitlist_entries_dates_check', expression: 'check_in < check_out' })
@Check({ name: 'waitlist_entries_num_guests_check', expression: 'num_guests > 0' })
@Check({ name: 'waitlist_entries_closed_check', expression: "(closed_at is not null) = (status = 'FULFILLED' or status = 'WITHDRAWN')" })
@Check({ name: 'waitlist_entries_booking_check', expression: "booking_id is null or status = 'FULFILLED'" })
export class WaitlistEntry {
  @Field(() => ID, { description: 'Unique among waitlist entries; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  customer!: Rel<Customer>;

  @ManyToOne(() => RoomType, { deleteRule: 'cascade' })
  roomType!: Rel<RoomType>;

  @Field(() => DateScalar, { description: 'The arrival date wished for.' })
  @Property({ type: 'date' })
  checkIn!: string;

  @Field(() => DateScalar, { description: 'The departure date wished for: the morning after the last night.' })
  @Property({ type: 'date' })
  checkOut!: string;

  @Field(() => Int, { description: 'Guests in the party.' })
  @Property({ type: 'integer' })
  numGuests!: number;

  @Field(() => WaitlistStatus, { description: 'Where the entry stands.' })
  @Enum({ items: () => WaitlistStatus, type: 'string', default: WaitlistStatus.WAITING })
  status: Opt<WaitlistStatus> = WaitlistStatus.WAITING;

  @Field(() => Date, { nullable: true, description: 'When freed nights were offered; null while WAITING.' })
  @Property({ type: 'datetime', nullable: true })
  notifiedAt?: Date | null;

  /** The booking made from the offer; null once that booking is deleted, the entry staying FULFILLED. */
  @OneToOne(() => Booking, { owner: true, nullable: true, deleteRule: 'set null', unique: 'waitlist_entries_booking_id_unique' })
  booking?: Rel<Booking> | null;

  @Field(() => Date, { nullable: true, description: 'When it was fulfilled or withdrawn.' })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field(() => Date, { description: 'When the guest joined the waitlist.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
