import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { Customer } from '../../entities/customer.entity';
import { RoomType } from '../../entities/room-type.entity';
import { WaitlistEntry } from '../../entities/waitlist-entry.entity';
import type { GraphQLContext } from '../context';
import { related } from '../loaders';

@Resolver(() => WaitlistEntry)
export class WaitlistEntryResolver {
  @FieldResolver(() => Customer)
  customer(@Root() entry: Detached<WaitlistEntry>, @Ctx() { loaders }: GraphQLContext) {
    return related(entry.customer, loaders.customer);
  }

  @FieldResolver(() => RoomType)
  roomType(@Root() entry: Detached<WaitlistEntry>, @Ctx() { loaders }: GraphQLContext) {
    return related(entry.roomType, loaders.roomType);
  }
}
