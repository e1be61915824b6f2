import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { MaintenanceRequest } from '../../entities/maintenance-request.entity';
import { Room } from '../../entities/room.entity';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';
import { related } from '../loaders';

@Resolver(() => MaintenanceRequest)
export class MaintenanceRequestResolver {
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
