import { Field, ID, InputType, Int } from 'type-graphql';
import { FeeKind } from '../../entities/cancellation-policy.entity';
import { MoneyScalar } from '../../scalars';

@InputType({ description: 'A cancellation and no-show policy, for a room type or the hotel’s default; it replaces the one there was.' })
export class SetCancellationPolicyInput {
  @Field(() => ID, { nullable: true, description: 'The room type whose policy this is; absent for the hotel’s default.' })
  roomTypeId?: string | null;

  @Field(() => Int, { description: 'Cancelling is free until this many days before the arrival date (0: free until the arrival day itself).' })
  freeUntilDays!: number;

  @Field(() => FeeKind, { description: 'How the fee of a cancellation after the free period is reckoned.' })
  cancellationFeeKind!: FeeKind;

  @Field(() => MoneyScalar, { nullable: true, description: 'Percent for PERCENT, an amount for FIXED; absent otherwise.' })
  cancellationFeeValue?: string | null;

  @Field(() => FeeKind, { description: 'How the fee of a no-show is reckoned.' })
  noShowFeeKind!: FeeKind;

  @Field(() => MoneyScalar, { nullable: true, description: 'Percent for PERCENT, an amount for FIXED; absent otherwise.' })
  noShowFeeValue?: string | null;
}
