import { Field, ID, InputType, Int } from 'type-graphql';
import { FeeKind } from '../../entities/cancellation-policy.entity';
import { MoneyScalar } from '../../scalars';

@InputType()
export class SetCancellationPolicyInput {
  @Field(() => ID, { nullable: true, description: 'The room type whose policy this is; absent for the hotel’s default.' })
  roomTypeId?: string | null;

  @Field(() => Int, { description: 'Cancelling is free until this many days before the arrival date (0: free until the arrival day itself).' })
  freeUntilDays!: number;

  @Field(() => FeeKind)
  cancellationFeeKind!: FeeKind;

  @Field(() => MoneyScalar, { nullable: true, description: 'Percent for PERCENT, an amount for FIXED; absent otherwise.' })
  cancellationFeeValue?: string | null;

  @Field(() => FeeKind)
  noShowFeeKind!: FeeKind;

  @Field(() => MoneyScalar, { nullable: true, description: 'Percent for PERCENT, an amount for FIXED; absent otherwise.' })
  noShowFeeValue?: string | null;
}
