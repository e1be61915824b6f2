import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { findPage } from '../../db/keyset-page';
import type { Detached } from '../../db/read-rows';
import { Booking } from '../../entities/booking.entity';
import { Customer } from '../../entities/customer.entity';
import { RoomType } from '../../entities/room-type.entity';
import { WaitlistEntry, WaitlistStatus } from '../../entities/waitlist-entry.entity';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';

export const WaitlistEntryConnection = ConnectionType(WaitlistEntry);

@Resolver(() => WaitlistEntry)
export class WaitlistEntryResolver {
  @Authorized()
  @Query(() => WaitlistEntryConnection, { description: 'Waitlist entries, oldest first.' })
  async waitlist(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => WaitlistStatus, { nullable: true, description: 'Entries of this status only.' }) status: WaitlistStatus | undefined,
    @Ctx() { em }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await findPage(em, WaitlistEntry, status ? { status } : {}, ['id'], {
      ...page,
      shape: rowShapeOf(info, em.getMetadata().get(WaitlistEntry.name)),
    });
    return WaitlistEntryConnection.fromPage(result);
  }

  @FieldResolver(() => Customer, { description: 'The guest who waits.' })
  customer(@Root() entry: Detached<WaitlistEntry>, @Ctx() { loaders }: GraphQLContext) {
    return related(entry.customer, loaders.customer);
  }

  @FieldResolver(() => RoomType, { description: 'The room type wished for.' })
  roomType(@Root() entry: Detached<WaitlistEntry>, @Ctx() { loaders }: GraphQLContext) {
    return related(entry.roomType, loaders.roomType);
  }

  @FieldResolver(() => Booking, { nullable: true, description: 'The booking made from the offer, once FULFILLED.' })
  booking(@Root() entry: Detached<WaitlistEntry>, @Ctx() { loaders }: GraphQLContext) {
    return related(entry.booking, loaders.booking);
  }
}
