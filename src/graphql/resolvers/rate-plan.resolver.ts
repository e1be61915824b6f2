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
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('roomTypeId', () => ID, { nullable: true }) roomTypeId: string | undefined,
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
  async quote(@Arg('input', () => QuoteInput) input: QuoteInput, @Ctx() ctx: GraphQLContext) {
    const quote = await quoteStay(ctx, input);
    return Object.assign(new Quote(), quote, { bookable: quote.refusals.length === 0 });
  }

  @Authorized()
  @Mutation(() => CreateRateSeasonResult)
  async createRateSeason(@Arg('input', () => CreateRateSeasonInput) input: CreateRateSeasonInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CreateRateSeasonSuccess, 'rateSeason', await createRateSeason(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdateRateSeasonResult)
  async updateRateSeason(@Arg('input', () => UpdateRateSeasonInput) input: UpdateRateSeasonInput, @Ctx() ctx: GraphQLContext) {
    return succeed(UpdateRateSeasonSuccess, 'rateSeason', await updateRateSeason(ctx, input));
  }
}
