import { Field, ObjectType } from 'type-graphql';
import { Booking } from '../../entities/booking.entity';
import { CancellationPolicy } from '../../entities/cancellation-policy.entity';
import { DateScalar, MoneyScalar } from '../../scalars';
import { setCancellationPolicy } from '../../services/cancellation-policy';
import { mutationResult, successOf } from './mutation-result';

export const SetCancellationPolicySuccess = successOf('SetCancellationPolicySuccess', 'policy', CancellationPolicy);
export const SetCancellationPolicyResult = mutationResult('SetCancellationPolicy', SetCancellationPolicySuccess, setCancellationPolicy);

@ObjectType({ description: 'What cancelling a booking would cost on the business date, before cancelling it.' })
export class CancellationQuote {
  @Field(() => Booking, { description: 'The booking quoted.' })
  booking!: Booking;

  @Field(() => Boolean, { description: 'Whether the booking can be cancelled at all: only CONFIRMED ones can.' })
  cancellable!: boolean;

  @Field(() => MoneyScalar, { description: 'The fee cancelling now would post; 0.00 while free or when not cancellable.' })
  fee!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The last business date on which cancelling is free; null without any policy.' })
  freeUntil!: string | null;

  @Field(() => DateScalar, { description: 'The business date the quote is for.' })
  businessDate!: string;

  @Field(() => CancellationPolicy, { nullable: true, description: 'The policy applied: the room type’s own or the hotel’s default.' })
  policy!: CancellationPolicy | null;
}
