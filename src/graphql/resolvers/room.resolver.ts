import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { toId, toIdFilter } from '../../db/ids';
import { MAX_PAGE_SIZE, pageSize } from '../../db/keyset-page';
import type { Detached } from '../../db/read-rows';
import { HousekeepingStatus, Room, RoomStatus } from '../../entities/room.entity';
import { RoomType } from '../../entities/room-type.entity';
import { InputCheck } from '../../kernel/input-check';
import { DateScalar } from '../../scalars';
import { findAvailableRooms } from '../../services/availability';
import { businessDateOf } from '../../services/business-date';
import { listRooms } from '../../services/room.service';
import { RoomOccupancy } from '../../services/room-occupancy';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';
import { Deletability } from '../types/deletability.type';
import { deletabilityOf } from './deletability';

export const RoomConnection = ConnectionType(Room);

@InputType()
export class RoomFilterInput {
  @Field(() => ID, { nullable: true })
  roomTypeId?: string;

  @Field(() => RoomStatus, { nullable: true })
  status?: RoomStatus;

  @Field(() => HousekeepingStatus, { nullable: true })
  housekeepingStatus?: HousekeepingStatus;

  @Field(() => Int, { nullable: true })
  floor?: number;
}

@Resolver(() => Room)
export class RoomResolver {
  @Authorized()
  @Query(() => RoomConnection)
  async rooms(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => RoomFilterInput, { nullable: true }) filter: RoomFilterInput | undefined,
    @Ctx() { em }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await listRooms(
      em,
      { roomTypeId: toIdFilter(filter?.roomTypeId), status: filter?.status, housekeepingStatus: filter?.housekeepingStatus, floor: filter?.floor ?? undefined },
      { ...page, shape: rowShapeOf(info, em.getMetadata().get(Room.name)) },
    );
    return RoomConnection.fromPage(result);
  }

  @Authorized()
  @Query(() => Room, { nullable: true })
  room(@Arg('id', () => ID) id: string, @Ctx() { loaders }: GraphQLContext) {
    const key = toId(id);
    return key ? loaders.room.load(key) : null;
  }

  @Authorized()
  @Query(() => [Room], { description: `Rooms free for every night of [checkIn, checkOut), in service and big enough; at most ${MAX_PAGE_SIZE}.` })
  async availableRooms(
    @Arg('checkIn', () => DateScalar) checkIn: string,
    @Arg('checkOut', () => DateScalar) checkOut: string,
    @Arg('roomTypeId', () => ID, { nullable: true }) roomTypeId: string | undefined,
    @Arg('numGuests', () => Int, { nullable: true }) numGuests: number | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: MAX_PAGE_SIZE }) first: number,
    @Ctx() { em, config }: GraphQLContext,
  ) {
    const check = new InputCheck(null);
    check.stay(checkIn, checkOut, config, { today: await businessDateOf(em), allowPast: true });
    check.guests('numGuests', numGuests);
    check.doneForQuery();
    return findAvailableRooms(em, { checkIn, checkOut, roomTypeId: toIdFilter(roomTypeId), numGuests: numGuests ?? undefined, limit: pageSize(first) });
  }

  @FieldResolver(() => RoomType)
  roomType(@Root() room: Detached<Room>, @Ctx() { loaders }: GraphQLContext) {
    return related(room.roomType, loaders.roomType);
  }

  @FieldResolver(() => Deletability, { description: 'Whether deleting it is allowed now, and what blocks it.' })
  deletable(@Root() room: Detached<Room>, @Ctx() { loaders }: GraphQLContext) {
    return deletabilityOf(loaders, 'ROOM', room.id);
  }

  @FieldResolver(() => RoomOccupancy, { description: 'What the room is on the day: vacant, arriving, occupied, departing or out of order.' })
  occupancy(
    @Root() room: Detached<Room>,
    @Arg('date', () => DateScalar, { nullable: true, description: "The day; the hotel's business date when left out." }) date: string | undefined,
    @Ctx() { loaders }: GraphQLContext,
  ) {
    return loaders.roomOccupancy.load({ roomId: room.id, date: date ?? undefined });
  }
}
