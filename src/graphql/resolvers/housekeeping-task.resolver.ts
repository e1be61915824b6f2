import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { toIdFilter } from '../../db/ids';
import type { Detached } from '../../db/read-rows';
import { HousekeepingTask, HousekeepingTaskStatus } from '../../entities/housekeeping-task.entity';
import { Room } from '../../entities/room.entity';
import { User } from '../../entities/user.entity';
import { listHousekeepingTasks } from '../../services/housekeeping.service';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';

export const HousekeepingTaskConnection = ConnectionType(HousekeepingTask);

@Resolver(() => HousekeepingTask)
export class HousekeepingTaskResolver {
  @Authorized()
  @Query(() => HousekeepingTaskConnection, { description: 'Housekeeping tasks, oldest first; of one status, room or assignee when asked.' })
  async housekeepingTasks(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => HousekeepingTaskStatus, { nullable: true, description: 'Tasks of this status only.' }) status: HousekeepingTaskStatus | undefined,
    @Arg('roomId', () => ID, { nullable: true, description: 'Tasks of this room only.' }) roomId: string | undefined,
    @Arg('assignedToId', () => ID, { nullable: true, description: 'Tasks given to this staff user only.' }) assignedToId: string | undefined,
    @Ctx() { em }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await listHousekeepingTasks(
      em,
      { status: status ?? undefined, roomId: toIdFilter(roomId), assignedToId: toIdFilter(assignedToId) },
      { ...page, shape: rowShapeOf(info, em.getMetadata().get(HousekeepingTask.name)) },
    );
    return HousekeepingTaskConnection.fromPage(result);
  }

  @FieldResolver(() => Room, { description: 'The room the work is in.' })
  room(@Root() task: Detached<HousekeepingTask>, @Ctx() { loaders }: GraphQLContext) {
    return related(task.room, loaders.room);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The staff user it is given to; null when it is given to nobody, or that user is deleted.' })
  assignedTo(@Root() task: Detached<HousekeepingTask>, @Ctx() { loaders }: GraphQLContext) {
    return related(task.assignedTo, loaders.user);
  }
}
