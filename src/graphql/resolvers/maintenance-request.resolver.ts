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
    @Arg('status', () => MaintenanceStatus, { nullable: true, description: 'Requests of this status only.' }) status: MaintenanceStatus | undefined,
    @Arg('roomId', () => ID, { nullable: true, description: 'Requests of this room only.' }) roomId: string | undefined,
    @Arg('assignedToId', () => ID, { nullable: true, description: 'Requests given to this staff user only.' }) assignedToId: string | undefined,
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

  @FieldResolver(() => Room, { description: 'The room with the fault.' })
  room(@Root() request: Detached<MaintenanceRequest>, @Ctx() { loaders }: GraphQLContext) {
    return related(request.room, loaders.room);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The staff user who reported it; null when a partner or a job did, or that user is deleted.' })
  reportedBy(@Root() request: Detached<MaintenanceRequest>, @Ctx() { loaders }: GraphQLContext) {
    return related(request.reportedBy, loaders.user);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The staff user it is given to; null when it is given to nobody, or that user is deleted.' })
  assignedTo(@Root() request: Detached<MaintenanceRequest>, @Ctx() { loaders }: GraphQLContext) {
    return related(request.assignedTo, loaders.user);
  }
}
