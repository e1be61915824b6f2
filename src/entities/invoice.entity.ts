import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars';
import { Booking } from './booking.entity';

/**
 * The fiscal record of a settled stay, issued at check-out. Tax law makes the hotel keep
 * it for years, so it RESTRICTs the delete of its booking, and through the cascade from
 * customer to bookings, of its customer too: such guests are anonymised, not deleted.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'invoices' })
@Check({ name: 'invoices_amount_check', expression: 'amount >= 0' })
@Check({ name: 'invoices_currency_check', expression: "currency ~ '^[A-Z]{3}$'" })
export class Invoice {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Booking, { deleteRule: 'restrict', unique: 'invoices_booking_id_unique' })
  booking!: Rel<Booking>;

  @Field(() => String)
  @Property({ type: 'string', length: 40, unique: 'invoices_number_unique' })
  number!: string;

  /** Room total plus charges, as billed. */
  @Field(() => MoneyScalar)
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  @Field(() => String)
  @Property({ type: 'character', length: 3 })
  currency!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  issuedAt!: Opt<Date>;
}
