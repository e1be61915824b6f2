import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Booking } from './booking.entity';
import { Customer } from './customer.entity';

@ObjectType({ simpleResolvers: true, description: 'Loyalty points earned (positive) or spent (negative); a customer’s loyaltyPoints are the sum of these.' })
@Entity({ tableName: 'loyalty_transactions' })
@Check({ name: 'loyalty_transactions_points_check', expression: 'points <> 0' })
export class LoyaltyTransaction {
  @Field(() => ID, { description: 'Unique among loyalty transactions; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  customer!: Rel<Customer>;

  /** The stay that earned the points; the points stay when the booking goes. */
  @ManyToOne(() => Booking, { nullable: true, deleteRule: 'set null' })
  booking?: Rel<Booking> | null;

  @Field(() => Int, { description: 'Points earned (positive, at check-out: one per whole currency unit paid) or spent (negative). Never 0.' })
  @Property({ type: 'integer' })
  points!: number;

  @Field(() => String, { description: 'Why, in words.' })
  @Property({ type: 'string', length: 200 })
  reason!: string;

  @Field(() => Date, { description: 'When it was written.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
