import { Field, ID, InputType } from 'type-graphql';
import { PaymentMethod } from '../../entities/payment.entity';
import { MoneyScalar } from '../../scalars';

@InputType({ description: 'A payment to take for a booking.' })
export class RecordPaymentInput {
  @Field(() => ID, { description: 'The booking paid for.' })
  bookingId!: string;

  @Field(() => MoneyScalar, { description: 'The amount received, above 0 and at most the open balance.' })
  amount!: string;

  @Field(() => PaymentMethod, { description: 'How it was paid.' })
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: 'Retries with the same key and input return the first result and write nothing (24 hours).' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Money to give back from a payment.' })
export class RefundPaymentInput {
  @Field(() => ID, { description: 'The payment.' })
  paymentId!: string;

  @Field(() => MoneyScalar, { description: 'How much to give back, above 0 and at most what remains of the payment.' })
  amount!: string;
}

@InputType({ description: 'A charge or a credit to post on a booking’s bill.' })
export class AddFolioItemInput {
  @Field(() => ID, { description: 'A booking not yet checked out.' })
  bookingId!: string;

  @Field(() => String, { description: 'What it is for, as the bill shows it (at most 200 characters).' })
  description!: string;

  @Field(() => MoneyScalar, { description: 'A charge; negative for a credit.' })
  amount!: string;
}
