import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../scalars';
import type { OccupancyNight as Night } from '../../services/occupancy';

@ObjectType({ simpleResolvers: true, description: 'One night of the house: the rooms there were to sell, those sold, and what they earned.' })
export class OccupancyNight implements Night {
  @Field(() => DateScalar, { description: 'The night, named by the date it begins.' })
  date!: string;

  @Field(() => Int, { description: 'Every room of the hotel.' })
  rooms!: number;

  @Field(() => Int, { description: 'Rooms not in service today, or in service but in an unresolved out-of-order window that night.' })
  outOfOrder!: number;

  @Field(() => Int, { description: 'Rooms that could be sold: rooms − outOfOrder.' })
  available!: number;

  @Field(() => Int, { description: 'Bookings holding the night (checkIn ≤ night < checkOut), cancelled and no-shows left out.' })
  sold!: number;

  @Field(() => Float, { description: 'sold / available × 100, to two decimals; 0 when no room is available.' })
  occupancyPercent!: number;

  @Field(() => MoneyScalar, {
    description: 'Room revenue: each sold booking earns its totalAmount / its nights on each of its nights; the night’s sum, to the cent.',
  })
  roomRevenue!: string;

  @Field(() => MoneyScalar, { description: 'Average daily rate (ADR): roomRevenue / sold, what a sold room earned on average; 0.00 when none was sold.' })
  adr!: string;

  @Field(() => MoneyScalar, {
    description: 'Revenue per available room (RevPAR): roomRevenue / available, about ADR × occupancy; 0.00 when no room is available.',
  })
  revpar!: string;
}
