import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RoomType } from '../../entities/room-type.entity';
import type { GraphQLContext } from '../context';
import { AvailabilityNight } from '../types/availability-night.type';

@Resolver(() => AvailabilityNight)
export class AvailabilityNightResolver {
  @FieldResolver(() => RoomType, { description: 'The room type the night is of.' })
  roomType(@Root() night: AvailabilityNight, @Ctx() { loaders }: GraphQLContext) {
    return loaders.roomType.load(night.roomTypeId);
  }
}
