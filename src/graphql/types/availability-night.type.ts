import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../scalars';
import type { RoomTypeNightAvailability } from '../../services/availability';

@ObjectType({ simpleResolvers: true, description: 'One night of one room type: the units left to sell and the price of the night.' })
export class AvailabilityNight implements RoomTypeNightAvailability {
  @Field(() => DateScalar, { description: 'The night, named by the date it begins.' })
  date!: string;

  roomTypeId!: number;

  @Field(() => Int, { description: 'Units of the room type left to sell that night; 0 before the business date.' })
  free!: number;

  @Field(() => MoneyScalar, { description: "The night's price: the rate season's, else the room type's base rate." })
  price!: string;

  @Field(() => Int, { description: 'Fewest nights of a stay arriving on this night.' })
  minStay!: number;

  @Field(() => Boolean, { description: 'No stay may arrive on this night.' })
  closedToArrival!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'One night of a quoted stay.' })
export class QuoteNight {
  @Field(() => DateScalar, { description: 'The night, named by the date it begins.' })
  date!: string;

  @Field(() => MoneyScalar, { description: 'The night’s price: the rate season’s, else the room type’s base rate.' })
  price!: string;

  @Field(() => Int, { description: 'Units of the room type left to sell that night.' })
  free!: number;
}

@ObjectType({ simpleResolvers: true, description: 'What createBooking would charge for a stay of a room type, and whether it would sell it now.' })
export class Quote {
  roomTypeId!: number;

  @Field(() => DateScalar, { description: 'The arrival date quoted.' })
  checkIn!: string;

  @Field(() => DateScalar, { description: 'The departure date quoted: the morning after the last night.' })
  checkOut!: string;

  @Field(() => Int, { description: 'The party size quoted.' })
  numGuests!: number;

  @Field(() => [QuoteNight], { description: 'Each night of the stay with its price, in order.' })
  nights!: QuoteNight[];

  @Field(() => MoneyScalar, { description: 'The sum of the nights: pass it to createBooking as quotedTotal to book at this price only.' })
  total!: string;

  @Field(() => Boolean, { description: 'Whether createBooking would book the stay now: no refusal stands.' })
  bookable!: boolean;

  @Field(() => [String], {
    description: 'Why createBooking would refuse the stay now (capacity, arrival closed, minimum stay, nights sold out); empty when bookable.',
  })
  refusals!: string[];
}
