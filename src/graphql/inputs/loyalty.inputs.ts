import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Points to spend on the bill of a stay.' })
export class RedeemLoyaltyPointsInput {
  @Field(() => ID, { description: 'A stay of the guest not yet checked out (CONFIRMED or CHECKED_IN): the guest whose points are spent is its customer.' })
  bookingId!: string;

  @Field(() => Int, { description: 'Points to spend; each is worth LOYALTY_POINT_VALUE_CENTS, and the credit may not exceed the open balance.' })
  points!: number;

  @Field(() => String, { nullable: true, description: 'Retries with the same key and input return the first result and write nothing (24 hours).' })
  idempotencyKey?: string | null;
}
