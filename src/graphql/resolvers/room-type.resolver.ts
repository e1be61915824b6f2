import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { toId } from '../../db/ids';
import type { Detached } from '../../db/read-rows';
import { RateSeason } from '../../entities/rate-season.entity';
import { RoomType } from '../../entities/room-type.entity';
import { listRoomTypes } from '../../services/room.service';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';
import { Deletability } from '../types/deletability.type';
import { deletabilityOf } from './deletability';

export const RoomTypeConnection = ConnectionType(RoomType);

@Resolver(() => RoomType)
export class RoomTypeResolver {
  @Authorized()
  @Query(() => RoomTypeConnection, { description: 'The room types the hotel sells, by name.' })
  async roomTypes(@Args(() => PageArgs) page: PageArgs, @Ctx() { em }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return RoomTypeConnection.fromPage(await listRoomTypes(em, { ...page, shape: rowShapeOf(info, em.getMetadata().get(RoomType.name)) }));
  }

  @Authorized()
  @Query(() => RoomType, { nullable: true, description: 'The room type with this id; null when there is none.' })
  roomType(@Arg('id', () => ID, { description: 'The room type’s id.' }) id: string, @Ctx() { loaders }: GraphQLContext) {
    const key = toId(id);
    return key ? loaders.roomType.load(key) : null;
  }

  @FieldResolver(() => [RateSeason], { description: 'The rate seasons of its rate plan, by first night.' })
  async rateSeasons(@Root() roomType: Detached<RoomType>, @Ctx() { loaders }: GraphQLContext) {
    const seasons = await loaders.rateSeasonsOfRoomType.load(roomType.id);
    return [...seasons].sort((a, b) => a.firstNight.localeCompare(b.firstNight));
  }

  @FieldResolver(() => Deletability, { description: 'Whether deleting it is allowed now, and what blocks it.' })
  deletable(@Root() roomType: Detached<RoomType>, @Ctx() { loaders }: GraphQLContext) {
    return deletabilityOf(loaders, 'ROOM_TYPE', roomType.id);
  }
}
