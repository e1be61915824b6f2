import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RoomType } from '../../entities/room-type.entity';
import type { GraphQLContext } from '../context';
import { Quote } from '../types/availability-night.type';

@Resolver(() => Quote)
export class QuoteResolver {
  @FieldResolver(() => RoomType, { description: 'The room type quoted.' })
  roomType(@Root() quote: Quote, @Ctx() { loaders }: GraphQLContext) {
    return loaders.roomType.load(quote.roomTypeId);
  }
}
