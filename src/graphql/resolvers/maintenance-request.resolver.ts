import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { toIdFilter } from '../../db/ids';
import type { Detached } from '../../db/read-rows';
import { MaintenanceRequest, MaintenanceStatus } from '../../entities/maintenance-request.entity';
import { Room } from '../../entities/room.entity';
import { User } from '../../entities/user.entity';
import { listMaintenanceRequests } from '../../services/maintenance.service';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';

export const MaintenanceRequestConnection = ConnectionType(MaintenanceRequest);

@Resolver(() => MaintenanceRequest)
export class MaintenanceRequestResolver {
  @Authorized()
  @Query(() => MaintenanceRequestConnection, { description: 'Maintenance requests, oldest first; of one status, room or assignee when asked.' })
  async maintenanceRequests(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => MaintenanceStatus, { nullable: true }) status: MaintenanceStatus | undefined,
    @Arg('roomId', () => ID, { nullable: true }) roomId: string | undefined,
    @Arg('assignedToId', () => ID, { nullable: true }) assignedToId: string | undefined,
    @Ctx() { em }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await listMaintenanceRequests(
      em,
      { status: status ?? undefined, roomId: toIdFilter(roomId), assignedToId: toIdFilter(assignedToId) },
      { ...page, shape: rowShapeOf(info, em.getMetadata().get(MaintenanceRequest.name)) },
    );
    return MaintenanceRequestConnection.fromPage(result);
  }

  @FieldResolver(() => Room)
  room(@Root() request: Detached<MaintenanceRequest>, @Ctx() { loaders }: GraphQLContext) {
    return related(request.room, loaders.room);
  }

  @FieldResolver(() => User, { nullable: true })
  reportedBy(@Root() request: Detached<MaintenanceRequest>, @Ctx() { loaders }: GraphQLContext) {
    return related(request.reportedBy, loaders.user);
  }

  @FieldResolver(() => User, { nullable: true })
  assignedTo(@Root() request: Detached<MaintenanceRequest>, @Ctx() { loaders }: GraphQLContext) {
    return related(request.assignedTo, loaders.user);
  }
}
