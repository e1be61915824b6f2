import { Check, Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars';
import { Customer } from './customer.entity';
import { RoomType } from './room-type.entity';

export enum WaitlistStatus {
  WAITING = 'WAITING',
  NOTIFIED = 'NOTIFIED',
  FULFILLED = 'FULFILLED',
  WITHDRAWN = 'WITHDRAWN',
}
/** A customer's wish for a room type over dates that were full when asked. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'waitlist_entries' })
@Check({ name: 'waitlist_entries_dates_check', expression: 'check_in < check_out' })
@Check({ name: 'waitlist_entries_num_guests_check', expression: 'num_guests > 0' })
export class WaitlistEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  customer!: Rel<Customer>;

  @ManyToOne(() => RoomType, { deleteRule: 'cascade' })
  roomType!: Rel<RoomType>;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  checkIn!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  checkOut!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  numGuests!: number;

  @Field(() => WaitlistStatus)
  @Enum({ items: () => WaitlistStatus, type: 'string', default: WaitlistStatus.WAITING })
  status: Opt<WaitlistStatus> = WaitlistStatus.WAITING;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  notifiedAt?: Date | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
