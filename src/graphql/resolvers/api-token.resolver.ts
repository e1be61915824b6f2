import type { GraphQLResolveInfo } from 'graphql';
import { Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { ApiToken } from '../../entities/api-token.entity';
import { User } from '../../entities/user.entity';
import { listApiTokens } from '../../services/staff.service';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';

export const ApiTokenConnection = ConnectionType(ApiToken);

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Authorized()
  @Query(() => ApiTokenConnection, {
    description: 'Every API token and session, newest first, revoked and expired ones included: what each is and when it was last used, never its secret.',
  })
  async apiTokens(@Args(() => PageArgs) page: PageArgs, @Ctx() { em }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return ApiTokenConnection.fromPage(await listApiTokens(em, { ...page, shape: rowShapeOf(info, em.getMetadata().get(ApiToken.name)) }));
  }

  @FieldResolver(() => User, { nullable: true, description: 'The staff user a session or personal token acts for.' })
  user(@Root() token: Detached<ApiToken>, @Ctx() { loaders }: GraphQLContext) {
    return related(token.user, loaders.user);
  }
}
