import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { InputCheck } from '../../kernel/input-check';
import { DateScalar } from '../../scalars';
import { MAX_AVAILABILITY_NIGHTS, roomTypeAvailability } from '../../services/availability';
import { quoteStay } from '../../services/rate-plan';
import { createRateSeason, updateRateSeason } from '../../services/rate-season.service';
import type { GraphQLContext } from '../context';
import { CreateRateSeasonInput, QuoteInput, UpdateRateSeasonInput } from '../inputs/rate-plan.inputs';
import { succeed } from '../results/mutation-result';
import { CreateRateSeasonResult, CreateRateSeasonSuccess, UpdateRateSeasonResult, UpdateRateSeasonSuccess } from '../results/rate-plan.results';
import { AvailabilityNight, Quote } from '../types/availability-night.type';

/** What the hotel sells per room type and night, at what price, and its rate seasons. */
@Resolver()
export class RatePlanResolver {
  @Authorized()
  @Query(() => [AvailabilityNight], {
    description: `Per night of [from, to) (at most ${MAX_AVAILABILITY_NIGHTS}) and room type (one, or every one), the units left to sell and the night's price, ordered by night and room type.`,
  })
  async availability(
    @Arg('from', () => DateScalar, { description: 'The first night.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'The night after the last: the range is [from, to).' }) to: string,
    @Arg('roomTypeId', () => ID, { nullable: true, description: 'One room type; every one when left out.' }) roomTypeId: string | undefined,
    @Ctx() { em }: GraphQLContext,
  ) {
    const check = new InputCheck(null);
    check.nightRange(from, to, MAX_AVAILABILITY_NIGHTS);
    const type = roomTypeId === undefined || roomTypeId === null ? undefined : check.id('roomTypeId', roomTypeId);
    check.doneForQuery();
    return roomTypeAvailability(em, from, to, type);
  }

  @Authorized()
  @Query(() => Quote, { description: 'What createBooking would charge for this stay, night by night, and whether it would book it now.' })
  async quote(@Arg('input', () => QuoteInput, { description: 'The stay to price.' }) input: QuoteInput, @Ctx() ctx: GraphQLContext) {
    const quote = await quoteStay(ctx, input);
    return Object.assign(new Quote(), quote, { bookable: quote.refusals.length === 0 });
  }

  @Authorized()
  @Mutation(() => CreateRateSeasonResult, {
    description:
      'Adds a season to a room type’s rate plan: its nights sell at their own rate or minimum stay, or are closed to arrivals. Seasons of one type may not overlap (ConflictError); bookings already made keep their price.',
  })
  async createRateSeason(
    @Arg('input', () => CreateRateSeasonInput, { description: 'The room type, the nights, and their rate plan.' }) input: CreateRateSeasonInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(CreateRateSeasonSuccess, 'rateSeason', await createRateSeason(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdateRateSeasonResult, {
    description:
      'Changes a rate season; a field left out keeps its value, and nightlyRate or minStay set to null fall back to the room type’s. Bookings already made keep their price.',
  })
  async updateRateSeason(
    @Arg('input', () => UpdateRateSeasonInput, { description: 'The season, and what changes.' }) input: UpdateRateSeasonInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(UpdateRateSeasonSuccess, 'rateSeason', await updateRateSeason(ctx, input));
  }
}
