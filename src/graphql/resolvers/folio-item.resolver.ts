import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FolioItem } from '../../entities/folio-item.entity';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';

@Resolver(() => FolioItem)
export class FolioItemResolver {
  @FieldResolver(() => User, { nullable: true })
  postedBy(@Root() item: FolioItem, @Ctx() { loaders }: GraphQLContext) {
    return item.postedBy ? loaders.user.load(item.postedBy.id) : null;
  }
}
