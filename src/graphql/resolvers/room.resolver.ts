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

@InputType({ description: 'Which rooms to list; every condition given must hold.' })
export class RoomFilterInput {
  @Field(() => ID, { nullable: true, description: 'Rooms of this type.' })
  roomTypeId?: string;

  @Field(() => RoomStatus, { nullable: true, description: 'Rooms in this status.' })
  status?: RoomStatus;

  @Field(() => HousekeepingStatus, { nullable: true, description: 'Rooms in this housekeeping status.' })
  housekeepingStatus?: HousekeepingStatus;

  @Field(() => Int, { nullable: true, description: 'Rooms on this floor.' })
  floor?: number;
}

@Resolver(() => Room)
export class RoomResolver {
  @Authorized()
  @Query(() => RoomConnection, { description: 'The hotel’s rooms by number, or those the filter picks.' })
  async rooms(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => RoomFilterInput, { nullable: true, description: 'Which rooms; every one when left out.' }) filter: RoomFilterInput | undefined,
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
  @Query(() => Room, { nullable: true, description: 'The room with this id; null when there is none.' })
  room(@Arg('id', () => ID, { description: 'The room’s id.' }) id: string, @Ctx() { loaders }: GraphQLContext) {
    const key = toId(id);
    return key ? loaders.room.load(key) : null;
  }

  @Authorized()
  @Query(() => [Room], { description: `Rooms free for every night of [checkIn, checkOut), in service and big enough; at most ${MAX_PAGE_SIZE}.` })
  async availableRooms(
    @Arg('checkIn', () => DateScalar, { description: 'The arrival date.' }) checkIn: string,
    @Arg('checkOut', () => DateScalar, { description: 'The departure date: the morning after the last night.' }) checkOut: string,
    @Arg('roomTypeId', () => ID, { nullable: true, description: 'Rooms of this type only.' }) roomTypeId: string | undefined,
    @Arg('numGuests', () => Int, { nullable: true, description: 'Rooms whose type fits a party this big.' }) numGuests: number | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: MAX_PAGE_SIZE, description: `At most this many rooms, 1 to ${MAX_PAGE_SIZE}.` }) first: number,
    @Ctx() { em, config }: GraphQLContext,
  ) {
    const check = new InputCheck(null);
    check.stay(checkIn, checkOut, config, { today: await businessDateOf(em), allowPast: true });
    check.guests('numGuests', numGuests);
    check.doneForQuery();
    return findAvailableRooms(em, { checkIn, checkOut, roomTypeId: toIdFilter(roomTypeId), numGuests: numGuests ?? undefined, limit: pageSize(first) });
  }

  @FieldResolver(() => RoomType, { description: 'Its room type, which sets its capacity and rate plan.' })
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
