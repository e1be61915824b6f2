import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { InputCheck } from '../../kernel/input-check';
import { DateScalar } from '../../scalars';
import { MAX_OCCUPANCY_NIGHTS, occupancyOf } from '../../services/occupancy';
import type { GraphQLContext } from '../context';
import { OccupancyNight } from '../types/occupancy-night.type';

@Resolver()
export class OccupancyResolver {
  @Authorized()
  @Query(() => [OccupancyNight], {
    description: `The house night by night over [from, to), at most ${MAX_OCCUPANCY_NIGHTS} nights: rooms available and sold, occupancy, revenue, ADR and RevPAR.`,
  })
  occupancy(
    @Arg('from', () => DateScalar, { description: 'The first night.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'The night after the last: the range is [from, to).' }) to: string,
    @Ctx() { em }: GraphQLContext,
  ) {
    const check = new InputCheck(null);
    check.nightRange(from, to, MAX_OCCUPANCY_NIGHTS);
    check.doneForQuery();
    return occupancyOf(em, from, to);
  }
}
