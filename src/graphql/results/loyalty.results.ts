import { Field, ObjectType } from 'type-graphql';
import { Booking } from '../../entities/booking.entity';
import { FolioItem } from '../../entities/folio-item.entity';
import { LoyaltyTransaction } from '../../entities/loyalty-transaction.entity';
import { redeemLoyaltyPoints } from '../../services/loyalty.service';
import { mutationResult } from './mutation-result';

@ObjectType({ description: 'The points are spent and the credit is on the bill, or were by an earlier request with the same idempotency key (replayed).' })
export class RedeemLoyaltyPointsSuccess {
  @Field(() => Booking, { description: 'The booking whose bill took the credit.' })
  booking!: Booking;

  @Field(() => FolioItem, { description: 'The credit: a LOYALTY_REDEMPTION item of −(points × the point value).' })
  folioItem!: FolioItem;

  @Field(() => LoyaltyTransaction, { description: 'The ledger line: the points spent, negative.' })
  loyaltyTransaction!: LoyaltyTransaction;

  @Field(() => Boolean, { description: 'True when this answers an earlier request with the same idempotency key; nothing was written.' })
  replayed!: boolean;
}

export const RedeemLoyaltyPointsResult = mutationResult('RedeemLoyaltyPoints', RedeemLoyaltyPointsSuccess, redeemLoyaltyPoints);
