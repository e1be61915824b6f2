import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { joinWaitlist } from '../../services/waitlist.service';
import type { GraphQLContext } from '../context';
import { JoinWaitlistInput } from '../inputs/waitlist.inputs';
import { succeed } from '../results/mutation-result';
import { JoinWaitlistResult, JoinWaitlistSuccess } from '../results/waitlist.results';

@Resolver()
export class WaitlistOperationsResolver {
  @Authorized()
  @Mutation(() => JoinWaitlistResult)
  async joinWaitlist(@Arg('input', () => JoinWaitlistInput) input: JoinWaitlistInput, @Ctx() ctx: GraphQLContext) {
    return succeed(JoinWaitlistSuccess, 'entry', await joinWaitlist(ctx, input));
  }
}
