import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Info, Query, Resolver } from 'type-graphql';
import { findPage } from '../../db/keyset-page';
import { Notification } from '../../entities/notification.entity';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';

export const NotificationConnection = ConnectionType(Notification);

@Resolver(() => Notification)
export class NotificationResolver {
  @Authorized()
  @Query(() => NotificationConnection, { description: "The caller's own notifications, oldest first." })
  async notifications(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() { em, caller }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where = { user: caller?.userId ?? -1, ...(unreadOnly ? { readAt: null } : {}) };
    return NotificationConnection.fromPage(
      await findPage(em, Notification, where, ['id'], { ...page, shape: rowShapeOf(info, em.getMetadata().get(Notification.name)) }),
    );
  }
}
