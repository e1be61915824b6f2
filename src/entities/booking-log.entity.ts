import { Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Booking } from './booking.entity';
import { User } from './user.entity';

@ObjectType({ simpleResolvers: true, description: 'One change to a booking, written in the same transaction as the change.' })
@Entity({ tableName: 'booking_logs' })
export class BookingLog {
  @Field(() => ID, { description: 'Unique among booking log entries; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Booking, { deleteRule: 'cascade' })
  booking!: Rel<Booking>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor?: Rel<User> | null;

  @Field(() => String, {
    description:
      'What happened: CONFIRMED (booked), AMENDED, MOVED, ROOM_ASSIGNED, CHECKED_IN, CHECKED_OUT, CANCELLED, NO_SHOW, CHARGE_POSTED, PAYMENT_REFUNDED, …',
  })
  @Property({ type: 'string', length: 60 })
  action!: string;

  @Field(() => GraphQLJSONObject, { description: 'What the change recorded, as a JSON object: the values before and after, amounts, a reason.' })
  @Property({ type: 'json', default: '{}' })
  details: Opt<Record<string, unknown>> = {};

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
