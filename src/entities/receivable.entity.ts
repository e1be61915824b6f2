import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars';
import { Booking } from './booking.entity';
import { User } from './user.entity';

/**
 * Money a guest left owing, by an administrator's decision at check-out: the open item
 * accounts receivable chases. It RESTRICTs the delete of its booking, as an invoice does:
 * a debt is not forgotten by deleting the guest.
 */
@ObjectType({ simpleResolvers: true, description: 'An amount a guest left owing at check-out, to be collected later.' })
@Entity({ tableName: 'receivables' })
@Check({ name: 'receivables_amount_check', expression: 'amount > 0' })
@Check({ name: 'receivables_reason_check', expression: 'length(btrim(reason)) > 0' })
export class Receivable {
  @Field(() => ID, { description: 'Unique among receivables; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Booking, { deleteRule: 'restrict', unique: 'receivables_booking_id_unique' })
  booking!: Rel<Booking>;

  @Field(() => MoneyScalar, { description: 'The balance owed when the guest checked out.' })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  @Field(() => String, { description: 'Why the guest was let go owing it.' })
  @Property({ type: 'string', length: 500 })
  reason!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null;

  @Field(() => Date, { description: 'When the guest left owing it: the check-out.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
