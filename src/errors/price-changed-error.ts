import { Field, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars';
import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

@ObjectType({
  implements: ClassifiedError,
  description: 'The stay no longer costs the quotedTotal the booking was asked at: nothing was booked; `total` is the price now.',
})
export class PriceChangedError extends ClassifiedError {
  static override readonly codes = [ErrorCode.PRICE_CHANGED] as const;

  @Field(() => MoneyScalar, { description: 'The total the booking was asked for (quotedTotal).' })
  readonly quotedTotal: string;

  @Field(() => MoneyScalar, { description: 'What the stay costs now: the total createBooking would charge.' })
  readonly total: string;

  constructor(quotedTotal: string, total: string) {
    super(ErrorCode.PRICE_CHANGED, `The stay now costs ${total}, not the ${quotedTotal} quoted; quote again and book at the new price.`);
    this.quotedTotal = quotedTotal;
    this.total = total;
  }
}
