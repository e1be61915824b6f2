import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { FolioItem } from '../../entities/folio-item.entity';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';
import { related } from '../loaders';

@Resolver(() => FolioItem)
export class FolioItemResolver {
  @FieldResolver(() => User, {
    nullable: true,
    description: 'The staff user who posted it; null for one a rule posted, a partner’s, or once that user is deleted.',
  })
  postedBy(@Root() item: Detached<FolioItem>, @Ctx() { loaders }: GraphQLContext) {
    return related(item.postedBy, loaders.user);
  }
}
