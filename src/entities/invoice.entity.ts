import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars';
import { Booking } from './booking.entity';

/**
 * Tax law makes the hotel keep it for years, so it RESTRICTs the delete of its booking,
 * and through the cascade from customer to bookings, of its customer too.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    'The fiscal record of a settled stay, issued at check-out. Kept for years by law: a booking with an invoice cannot be deleted, and its guest is erased rather than deleted.',
})
@Entity({ tableName: 'invoices' })
@Check({ name: 'invoices_amount_check', expression: 'amount >= 0' })
@Check({ name: 'invoices_currency_check', expression: "currency ~ '^[A-Z]{3}$'" })
export class Invoice {
  @Field(() => ID, { description: 'Unique among invoices; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Booking, { deleteRule: 'restrict', unique: 'invoices_booking_id_unique' })
  booking!: Rel<Booking>;

  @Field(() => String, { description: 'The invoice number, unique.' })
  @Property({ type: 'string', length: 40, unique: 'invoices_number_unique' })
  number!: string;

  @Field(() => MoneyScalar, { description: 'What was billed: the room total plus the folio items.' })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 code of the amount, e.g. "EUR".' })
  @Property({ type: 'character', length: 3 })
  currency!: string;

  @Field(() => Date, { description: 'When it was issued: the check-out.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  issuedAt!: Opt<Date>;
}
