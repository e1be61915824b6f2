import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Info, InputType, Query, Resolver, Root } from 'type-graphql';
import { partialReadOf } from '../../auth/access-policy';
import type { Detached } from '../../db/read-rows';
import type { RowShape } from '../../db/row-shape';
import { Role } from '../../entities/role';
import { User } from '../../entities/user.entity';
import { ForbiddenError } from '../../errors/forbidden-error';
import { listUsers } from '../../services/staff.service';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';
import { Deletability } from '../types/deletability.type';
import { deletabilityOf } from './deletability';

export const UserConnection = ConnectionType(User);

@InputType({ description: 'Which users to list; every condition given must hold.' })
export class UserFilterInput {
  @Field(() => Role, { nullable: true, description: 'Users of this role.' })
  role?: Role | null;

  @Field(() => Boolean, { nullable: true, description: 'Active or deactivated users only.' })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of a name or email address, in any case; at most 200 characters.' })
  search?: string | null;
}

/** Whether a page read in `shape` shows nothing but `fields` of its nodes. */
const showsOnly = (shape: RowShape, fields: readonly string[]) =>
  shape.properties !== 'all' && shape.joins.size === 0 && [...shape.properties].every((property) => fields.includes(property));

@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Query(() => UserConnection, { description: 'Staff accounts by name, then id. STAFF, for assignee pickers, sees active users only, searched by name.' })
  async users(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => UserFilterInput, { nullable: true, description: 'Which users; every one when left out.' }) filter: UserFilterInput | undefined,
    @Ctx() { em, caller }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const shape = rowShapeOf(info, em.getMetadata().get(User.name));
    const readable = partialReadOf('users', caller?.role);
    if (readable && !showsOnly(shape, readable)) throw new ForbiddenError(`This list shows only the ${readable.join(' and ')} of users to this role.`);
    const result = await listUsers(em, filter ?? {}, { ...page, shape }, { namesOnly: readable !== undefined });
    return UserConnection.fromPage(result);
  }

  @FieldResolver(() => Deletability, { description: 'Whether deleting it is allowed now, and what blocks it.' })
  deletable(@Root() user: Detached<User>, @Ctx() { loaders }: GraphQLContext) {
    return deletabilityOf(loaders, 'USER', user.id);
  }
}
