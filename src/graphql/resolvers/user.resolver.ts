import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';
import { Deletability } from '../types/deletability.type';
import { deletabilityOf } from './deletability';

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => Deletability, { description: 'Whether deleting it is allowed now, and what blocks it.' })
  deletable(@Root() user: Detached<User>, @Ctx() { loaders }: GraphQLContext) {
    return deletabilityOf(loaders, 'USER', user.id);
  }
}
