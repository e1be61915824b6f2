import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toId } from '../../db/ids';
import { CancellationPolicy } from '../../entities/cancellation-policy.entity';
import { RoomType } from '../../entities/room-type.entity';
import { quoteCancellation, setCancellationPolicy } from '../../services/cancellation-policy';
import type { GraphQLContext } from '../context';
import { SetCancellationPolicyInput } from '../inputs/cancellation-policy.inputs';
import { related } from '../loaders';
import { CancellationQuote, SetCancellationPolicyResult, SetCancellationPolicySuccess } from '../results/cancellation-policy.results';
import { succeed } from '../results/mutation-result';

@Resolver(() => CancellationPolicy)
export class CancellationPolicyResolver {
  @Authorized()
  @Query(() => [CancellationPolicy], { description: 'Every cancellation policy: the hotel’s default (roomType null) first, then each room type’s own.' })
  cancellationPolicies(@Ctx() { em }: GraphQLContext) {
    return em.find(CancellationPolicy, {}, { orderBy: { roomType: { id: 'asc nulls first' } } });
  }

  @Authorized()
  @Query(() => CancellationQuote, { nullable: true, description: 'What cancelling the booking would cost now; null for a booking you cannot see.' })
  cancellationQuote(@Arg('bookingId', () => ID, { description: 'The booking to quote.' }) bookingId: string, @Ctx() ctx: GraphQLContext) {
    const id = toId(bookingId);
    return id ? quoteCancellation(ctx, id) : null;
  }

  @Authorized()
  @Mutation(() => SetCancellationPolicyResult, { description: 'Sets the cancellation and no-show policy of a room type, or the hotel’s default. Audited.' })
  async setCancellationPolicy(
    @Arg('input', () => SetCancellationPolicyInput, { description: 'The room type, or none for the hotel’s default, and its fees.' })
    input: SetCancellationPolicyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(SetCancellationPolicySuccess, 'policy', await setCancellationPolicy(ctx, input));
  }

  @FieldResolver(() => RoomType, { nullable: true, description: 'The room type it governs; null for the hotel’s default.' })
  roomType(@Root() policy: CancellationPolicy, @Ctx() { loaders }: GraphQLContext) {
    return related(policy.roomType, loaders.roomType);
  }
}
