import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { redeemLoyaltyPoints } from '../../services/loyalty.service';
import type { GraphQLContext } from '../context';
import { RedeemLoyaltyPointsInput } from '../inputs/loyalty.inputs';
import { RedeemLoyaltyPointsResult, RedeemLoyaltyPointsSuccess } from '../results/loyalty.results';

@Resolver()
export class LoyaltyOperationsResolver {
  @Authorized()
  @Mutation(() => RedeemLoyaltyPointsResult, { description: "Spends a guest's loyalty points as a credit on the bill of their open stay." })
  async redeemLoyaltyPoints(
    @Arg('input', () => RedeemLoyaltyPointsInput, { description: 'The stay, and the points to spend.' }) input: RedeemLoyaltyPointsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return Object.assign(new RedeemLoyaltyPointsSuccess(), await redeemLoyaltyPoints(ctx, input), { replayed: false });
  }
}
