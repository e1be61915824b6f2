import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { joinWaitlist, withdrawWaitlistEntry } from '../../services/waitlist.service';
import type { GraphQLContext } from '../context';
import { JoinWaitlistInput, WithdrawWaitlistEntryInput } from '../inputs/waitlist.inputs';
import { succeed } from '../results/mutation-result';
import { JoinWaitlistResult, JoinWaitlistSuccess, WithdrawWaitlistEntryResult, WithdrawWaitlistEntrySuccess } from '../results/waitlist.results';

@Resolver()
export class WaitlistOperationsResolver {
  @Authorized()
  @Mutation(() => JoinWaitlistResult, {
    description:
      'Puts a guest on the waitlist for a room type over dates that are full; freed nights are offered to the entries waiting (NOTIFIED), and the guest is notified.',
  })
  async joinWaitlist(
    @Arg('input', () => JoinWaitlistInput, { description: 'The guest, room type, dates and party.' }) input: JoinWaitlistInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(JoinWaitlistSuccess, 'entry', await joinWaitlist(ctx, input));
  }

  @Authorized()
  @Mutation(() => WithdrawWaitlistEntryResult, { description: 'The guest no longer wants the room: a WAITING or NOTIFIED entry becomes WITHDRAWN.' })
  async withdrawWaitlistEntry(
    @Arg('input', () => WithdrawWaitlistEntryInput, { description: 'The entry the guest withdraws.' }) input: WithdrawWaitlistEntryInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(WithdrawWaitlistEntrySuccess, 'entry', await withdrawWaitlistEntry(ctx, input));
  }
}
