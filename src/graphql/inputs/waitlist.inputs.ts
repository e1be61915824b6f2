import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../scalars';

@InputType()
export class JoinWaitlistInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  roomTypeId!: string;

  @Field(() => DateScalar)
  checkIn!: string;

  @Field(() => DateScalar)
  checkOut!: string;

  @Field(() => Int)
  numGuests!: number;
}

@InputType()
export class WithdrawWaitlistEntryInput {
  @Field(() => ID)
  entryId!: string;
}
