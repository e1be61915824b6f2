import { Check, Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { MAX_ITEM_AMOUNT } from '../money';
import { MoneyScalar } from '../scalars';
import { Booking } from './booking.entity';
import { User } from './user.entity';

export enum PaymentMethod {
  CARD = 'CARD',
  CASH = 'CASH',
  BANK_TRANSFER = 'BANK_TRANSFER',
}
export const PAYMENT_METHOD_MEANINGS: Readonly<Record<PaymentMethod, string>> = {
  CARD: 'A debit or credit card, at the desk or through a payment processor.',
  CASH: 'Notes and coins at the desk.',
  BANK_TRANSFER: 'Money sent to the hotel’s bank account.',
};

export enum PaymentStatus {
  COMPLETED = 'COMPLETED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
}
export const PAYMENT_STATUS_MEANINGS: Readonly<Record<PaymentStatus, string>> = {
  COMPLETED: 'Received, nothing refunded.',
  PARTIALLY_REFUNDED: 'Part of it given back: 0 < refundedAmount < amount.',
  REFUNDED: 'All of it given back: refundedAmount = amount.',
};
@ObjectType({ simpleResolvers: true, description: 'Money received for a booking. A refund reduces it in place, never below zero.' })
@Entity({ tableName: 'payments' })
@Check({ name: 'payments_amount_check', expression: 'amount > 0' })
@Check({ name: 'payments_amount_bound_check', expression: `amount <= ${MAX_ITEM_AMOUNT}` })
@Check({ name: 'payments_refunded_amount_check', expression: 'refunded_amount >= 0 and refunded_amount <= amount' })
@Check({ name: 'payments_currency_check', expression: "currency ~ '^[A-Z]{3}$'" })
export class Payment {
  @Field(() => ID, { description: 'Unique among payments; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Booking, { deleteRule: 'cascade' })
  booking!: Rel<Booking>;

  @Field(() => MoneyScalar, { description: 'What was received, above 0.' })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  @Field(() => MoneyScalar, { description: 'How much of it was given back (refundPayment), 0.00 to amount.' })
  @Property({ type: 'decimal', precision: 12, scale: 2, default: '0' })
  refundedAmount: Opt<string> = '0.00';

  @Field(() => String, { description: 'ISO 4217 code of the amounts, e.g. "EUR".' })
  @Property({ type: 'character', length: 3 })
  currency!: string;

  @Field(() => PaymentMethod, { description: 'How it was paid.' })
  @Enum({ items: () => PaymentMethod, type: 'string' })
  method!: PaymentMethod;

  @Field(() => PaymentStatus, { description: 'How much of it has been given back.' })
  @Enum({ items: () => PaymentStatus, type: 'string', default: PaymentStatus.COMPLETED })
  status: Opt<PaymentStatus> = PaymentStatus.COMPLETED;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  processedBy?: Rel<User> | null;

  @Field(() => Date, { description: 'When it was received.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
