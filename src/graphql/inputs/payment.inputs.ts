import { Field, ID, InputType } from 'type-graphql';
import { PaymentMethod } from '../../entities/payment.entity';
import { MoneyScalar } from '../../scalars';

@InputType()
export class RecordPaymentInput {
  @Field(() => ID)
  bookingId!: string;

  @Field(() => MoneyScalar)
  amount!: string;

  @Field(() => PaymentMethod)
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: 'Retries with the same key and input return the first result and write nothing (24 hours).' })
  idempotencyKey?: string | null;
}

@InputType()
export class RefundPaymentInput {
  @Field(() => ID)
  paymentId!: string;

  @Field(() => MoneyScalar)
  amount!: string;
}

@InputType()
export class AddFolioItemInput {
  @Field(() => ID)
  bookingId!: string;

  @Field(() => String)
  description!: string;

  @Field(() => MoneyScalar, { description: 'A charge; negative for a credit.' })
  amount!: string;
}
