import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { BookingLog } from '../../entities/booking-log.entity';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';
import { related } from '../loaders';

@Resolver(() => BookingLog)
export class BookingLogResolver {
  @FieldResolver(() => User, {
    nullable: true,
    description: 'The staff user who made the change; null for a partner, the night audit or a job, and once that user is deleted.',
  })
  actor(@Root() log: Detached<BookingLog>, @Ctx() { loaders }: GraphQLContext) {
    return related(log.actor, loaders.user);
  }
}
