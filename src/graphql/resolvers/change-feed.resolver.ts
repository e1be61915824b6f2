import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { listScope } from '../../auth/visibility';
import { listChanges } from '../../services/change-feed';
import type { GraphQLContext } from '../context';
import { ForwardPageArgs } from '../inputs/forward-page.args';
import { Change } from '../types/change.type';
import { ConnectionType } from '../types/connection';

export const ChangeConnection = ConnectionType(Change);

@Resolver()
export class ChangeFeedResolver {
  @Authorized()
  @Query(() => ChangeConnection, {
    description:
      'Committed changes in commit-safe order, after a cursor: a client that keeps the last cursor it read never misses one. A partner sees its own channel’s bookings and payments.',
  })
  async changes(@Args(() => ForwardPageArgs) page: ForwardPageArgs, @Ctx() { em, caller }: GraphQLContext) {
    return ChangeConnection.fromPage(await listChanges(em, page, listScope(caller)));
  }
}
