import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { toIdFilter } from '../../db/ids';
import type { Detached } from '../../db/read-rows';
import { Customer } from '../../entities/customer.entity';
import { Notification } from '../../entities/notification.entity';
import { listNotifications } from '../../services/notification.service';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';

export const NotificationConnection = ConnectionType(Notification);

@Resolver(() => Notification)
export class NotificationResolver {
  @Authorized()
  @Query(() => NotificationConnection, {
    description:
      "The caller's inbox, oldest first: its own user's notifications, its desks' (STAFF: the front desk, read by ADMIN and STAFF; ADMIN: administrators'), and those of the guests it serves (a partner its own channel's, the hotel direct guests').",
  })
  async notifications(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false, description: 'Only those not yet read.' }) unreadOnly: boolean,
    @Arg('customerId', () => ID, { nullable: true, description: "One guest's notifications only." }) customerId: string | undefined,
    @Ctx() { em, caller }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return NotificationConnection.fromPage(
      await listNotifications(
        em,
        caller,
        { unreadOnly, customerId: toIdFilter(customerId) },
        { ...page, shape: rowShapeOf(info, em.getMetadata().get(Notification.name)) },
      ),
    );
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The guest it is for, if any.' })
  customer(@Root() notification: Detached<Notification>, @Ctx() { loaders }: GraphQLContext) {
    return related(notification.customer, loaders.customer);
  }
}
