import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../scalars';

@InputType({ description: 'A guest’s wish for a room type over dates that are full.' })
export class JoinWaitlistInput {
  @Field(() => ID, { description: 'The guest.' })
  customerId!: string;

  @Field(() => ID, { description: 'The room type wished for.' })
  roomTypeId!: string;

  @Field(() => DateScalar, { description: 'The arrival date wished for.' })
  checkIn!: string;

  @Field(() => DateScalar, { description: 'The departure date wished for: the morning after the last night.' })
  checkOut!: string;

  @Field(() => Int, { description: 'Guests in the party.' })
  numGuests!: number;
}

@InputType({ description: 'The entry to withdraw.' })
export class WithdrawWaitlistEntryInput {
  @Field(() => ID, { description: 'The entry, WAITING or NOTIFIED.' })
  entryId!: string;
}
