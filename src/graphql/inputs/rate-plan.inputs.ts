import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../scalars';

@InputType({ description: 'A stay to price: what createBooking with these values would charge.' })
export class QuoteInput {
  @Field(() => ID)
  roomTypeId!: string;

  @Field(() => DateScalar)
  checkIn!: string;

  @Field(() => DateScalar, { description: 'The morning of departure: the last night is the one before.' })
  checkOut!: string;

  @Field(() => Int)
  numGuests!: number;
}

@InputType()
export class CreateRateSeasonInput {
  @Field(() => ID)
  roomTypeId!: string;

  @Field(() => String, { description: 'What the season is called, e.g. "Christmas" (at most 100 characters).' })
  name!: string;

  @Field(() => DateScalar)
  firstNight!: string;

  @Field(() => DateScalar, { description: 'The last night of the season (inclusive).' })
  lastNight!: string;

  @Field(() => MoneyScalar, { nullable: true, description: "Each night's price in the season; null keeps the base rate." })
  nightlyRate?: string | null;

  @Field(() => Int, { nullable: true, description: "Fewest nights of a stay arriving in the season; null keeps the room type's." })
  minStay?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'No arrival on a night of the season (default false).' })
  closedToArrival?: boolean | null;
}

@InputType()
export class UpdateRateSeasonInput {
  @Field(() => ID)
  rateSeasonId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => DateScalar, { nullable: true })
  firstNight?: string | null;

  @Field(() => DateScalar, { nullable: true })
  lastNight?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Null returns the nights to the base rate; leave it out to keep the rate.' })
  nightlyRate?: string | null;

  @Field(() => Int, { nullable: true, description: "Null returns the season to the room type's minimum stay; leave it out to keep it." })
  minStay?: number | null;

  @Field(() => Boolean, { nullable: true })
  closedToArrival?: boolean | null;
}
