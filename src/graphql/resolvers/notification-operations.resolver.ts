import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { markAllNotificationsRead, markNotificationRead } from '../../services/notification.service';
import type { GraphQLContext } from '../context';
import { MarkAllNotificationsReadInput, MarkNotificationReadInput } from '../inputs/notification.inputs';
import { succeed } from '../results/mutation-result';
import {
  MarkAllNotificationsReadResult,
  MarkAllNotificationsReadSuccess,
  MarkNotificationReadResult,
  MarkNotificationReadSuccess,
} from '../results/notification.results';

@Resolver()
export class NotificationOperationsResolver {
  @Authorized()
  @Mutation(() => MarkNotificationReadResult, { description: 'Marks a notification of the caller’s inbox read (an ADMIN: any), once.' })
  async markNotificationRead(
    @Arg('input', () => MarkNotificationReadInput, { description: 'The notification read.' }) input: MarkNotificationReadInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(MarkNotificationReadSuccess, 'notification', await markNotificationRead(ctx, input));
  }

  @Authorized()
  @Mutation(() => MarkAllNotificationsReadResult, { description: 'Marks read every unread notification of the caller’s inbox, or of one guest’s.' })
  async markAllNotificationsRead(
    @Arg('input', () => MarkAllNotificationsReadInput, { description: 'Whose notifications, and up to which one.' }) input: MarkAllNotificationsReadInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return Object.assign(new MarkAllNotificationsReadSuccess(), await markAllNotificationsRead(ctx, input));
  }
}
