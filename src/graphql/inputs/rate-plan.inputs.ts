import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../scalars';

@InputType({ description: 'A stay to price: what createBooking with these values would charge.' })
export class QuoteInput {
  @Field(() => ID, { description: 'The room type.' })
  roomTypeId!: string;

  @Field(() => DateScalar, { description: 'The arrival date.' })
  checkIn!: string;

  @Field(() => DateScalar, { description: 'The morning of departure: the last night is the one before.' })
  checkOut!: string;

  @Field(() => Int, { description: 'Guests in the party.' })
  numGuests!: number;
}

@InputType({ description: 'A run of nights over which a room type sells at its own rate, minimum stay, or with arrivals closed.' })
export class CreateRateSeasonInput {
  @Field(() => ID, { description: 'The room type whose rate plan it is.' })
  roomTypeId!: string;

  @Field(() => String, { description: 'What the season is called, e.g. "Christmas" (at most 100 characters).' })
  name!: string;

  @Field(() => DateScalar, { description: 'The first night of the season.' })
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

@InputType({ description: 'A rate season to change; a field left out keeps its value.' })
export class UpdateRateSeasonInput {
  @Field(() => ID, { description: 'The season.' })
  rateSeasonId!: string;

  @Field(() => String, { nullable: true, description: 'What the season is called.' })
  name?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The first night of the season.' })
  firstNight?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last night of the season (inclusive).' })
  lastNight?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Null returns the nights to the base rate; leave it out to keep the rate.' })
  nightlyRate?: string | null;

  @Field(() => Int, { nullable: true, description: "Null returns the season to the room type's minimum stay; leave it out to keep it." })
  minStay?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'No arrival on a night of the season.' })
  closedToArrival?: boolean | null;
}
