import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { markNotificationRead } from '../../services/notification.service';
import type { GraphQLContext } from '../context';
import { MarkNotificationReadInput } from '../inputs/notification.inputs';
import { succeed } from '../results/mutation-result';
import { MarkNotificationReadResult, MarkNotificationReadSuccess } from '../results/notification.results';

@Resolver()
export class NotificationOperationsResolver {
  @Authorized()
  @Mutation(() => MarkNotificationReadResult)
  async markNotificationRead(@Arg('input', () => MarkNotificationReadInput) input: MarkNotificationReadInput, @Ctx() ctx: GraphQLContext) {
    return succeed(MarkNotificationReadSuccess, 'notification', await markNotificationRead(ctx, input));
  }
}
