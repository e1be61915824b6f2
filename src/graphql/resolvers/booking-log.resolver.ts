import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { BookingLog } from '../../entities/booking-log.entity';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';

@Resolver(() => BookingLog)
export class BookingLogResolver {
  @FieldResolver(() => User, { nullable: true })
  actor(@Root() log: BookingLog, @Ctx() { loaders }: GraphQLContext) {
    return log.actor ? loaders.user.load(log.actor.id) : null;
  }
}
