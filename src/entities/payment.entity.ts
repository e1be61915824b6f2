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
export enum PaymentStatus {
  COMPLETED = 'COMPLETED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
}
/** Money received for a booking. Refunds reduce it in place and never below zero. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'payments' })
@Check({ name: 'payments_amount_check', expression: 'amount > 0' })
@Check({ name: 'payments_amount_bound_check', expression: `amount <= ${MAX_ITEM_AMOUNT}` })
@Check({ name: 'payments_refunded_amount_check', expression: 'refunded_amount >= 0 and refunded_amount <= amount' })
@Check({ name: 'payments_currency_check', expression: "currency ~ '^[A-Z]{3}$'" })
export class Payment {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Booking, { deleteRule: 'cascade' })
  booking!: Rel<Booking>;

  @Field(() => MoneyScalar)
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  @Field(() => MoneyScalar)
  @Property({ type: 'decimal', precision: 12, scale: 2, default: '0' })
  refundedAmount: Opt<string> = '0.00';

  @Field(() => String)
  @Property({ type: 'character', length: 3 })
  currency!: string;

  @Field(() => PaymentMethod)
  @Enum({ items: () => PaymentMethod, type: 'string' })
  method!: PaymentMethod;

  @Field(() => PaymentStatus)
  @Enum({ items: () => PaymentStatus, type: 'string', default: PaymentStatus.COMPLETED })
  status: Opt<PaymentStatus> = PaymentStatus.COMPLETED;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  processedBy?: Rel<User> | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
