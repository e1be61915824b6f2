import { Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Booking } from './booking.entity';
import { User } from './user.entity';

/** One change to a booking, written in the same transaction as the change. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'booking_logs' })
export class BookingLog {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Booking, { deleteRule: 'cascade' })
  booking!: Rel<Booking>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor?: Rel<User> | null;

  @Field(() => String)
  @Property({ type: 'string', length: 60 })
  action!: string;

  @Field(() => GraphQLJSONObject)
  @Property({ type: 'json', default: '{}' })
  details: Opt<Record<string, unknown>> = {};

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
