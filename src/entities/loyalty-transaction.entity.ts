import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Booking } from './booking.entity';
import { Customer } from './customer.entity';

/** Points earned or spent; a customer's balance is the sum of these. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'loyalty_transactions' })
@Check({ name: 'loyalty_transactions_points_check', expression: 'points <> 0' })
export class LoyaltyTransaction {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  customer!: Rel<Customer>;

  /** The stay that earned the points; the points stay when the booking goes. */
  @ManyToOne(() => Booking, { nullable: true, deleteRule: 'set null' })
  booking?: Rel<Booking> | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  points!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  reason!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
