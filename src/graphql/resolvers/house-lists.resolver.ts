import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Info, Query, Resolver } from 'type-graphql';
import { listScope } from '../../auth/visibility';
import type { Page, PageRequest } from '../../db/keyset-page';
import { Booking } from '../../entities/booking.entity';
import { DateScalar } from '../../scalars';
import { type HouseListFilter, listArrivals, listDepartures, listInHouse } from '../../services/house-lists';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { rowShapeOf } from '../lookahead';
import { BookingConnection } from './booking.resolver';

type HouseList = (em: GraphQLContext['em'], filter: HouseListFilter, page: PageRequest) => Promise<Page<Booking>>;

const DATE = { nullable: true, description: "The hotel's day; its business date when left out." } as const;

/** The front desk's lists of one day; a partner's own channel's only. */
@Resolver()
export class HouseListsResolver {
  @Authorized()
  @Query(() => BookingConnection, { description: 'Bookings arriving on the day (checkIn = date), confirmed or checked in already; by check-in, then id.' })
  arrivals(
    @Arg('date', () => DateScalar, DATE) date: string | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return houseList(listArrivals, date, page, context, info);
  }

  @Authorized()
  @Query(() => BookingConnection, { description: 'Bookings leaving on the day (checkOut = date), checked in or checked out already; by check-out, then id.' })
  departures(
    @Arg('date', () => DateScalar, DATE) date: string | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return houseList(listDepartures, date, page, context, info);
  }

  @Authorized()
  @Query(() => BookingConnection, {
    description: 'Guests who sleep in the house the night of the day: checked in (or out since) with checkIn ≤ date < checkOut; by check-in, then id.',
  })
  inHouse(
    @Arg('date', () => DateScalar, DATE) date: string | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return houseList(listInHouse, date, page, context, info);
  }
}

async function houseList(list: HouseList, date: string | undefined, page: PageArgs, { em, caller }: GraphQLContext, info: GraphQLResolveInfo) {
  const result = await list(
    em,
    { date: date ?? undefined, channel: listScope(caller) },
    { ...page, shape: rowShapeOf(info, em.getMetadata().get(Booking.name)) },
  );
  return BookingConnection.fromPage(result);
}
