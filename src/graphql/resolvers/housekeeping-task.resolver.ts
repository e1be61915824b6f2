import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { HousekeepingTask } from '../../entities/housekeeping-task.entity';
import { Room } from '../../entities/room.entity';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';
import { related } from '../loaders';

@Resolver(() => HousekeepingTask)
export class HousekeepingTaskResolver {
  @FieldResolver(() => Room)
  room(@Root() task: Detached<HousekeepingTask>, @Ctx() { loaders }: GraphQLContext) {
    return related(task.room, loaders.room);
  }

  @FieldResolver(() => User, { nullable: true })
  assignedTo(@Root() task: Detached<HousekeepingTask>, @Ctx() { loaders }: GraphQLContext) {
    return related(task.assignedTo, loaders.user);
  }
}
