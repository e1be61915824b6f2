import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { toId } from '../../db/ids';
import type { Detached } from '../../db/read-rows';
import { Booking } from '../../entities/booking.entity';
import { LoyaltyTransaction } from '../../entities/loyalty-transaction.entity';
import { NotFoundError } from '../../errors/not-found-error';
import { listLoyaltyTransactions } from '../../services/loyalty.service';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';

export const LoyaltyTransactionConnection = ConnectionType(LoyaltyTransaction);

@Resolver(() => LoyaltyTransaction)
export class LoyaltyTransactionResolver {
  @Authorized()
  @Query(() => LoyaltyTransactionConnection, {
    description: "A guest's loyalty ledger, newest first: points earned at check-out (positive) and redeemed (negative); Customer.loyaltyPoints is its sum.",
  })
  async loyaltyTransactions(
    @Arg('customerId', () => ID, { description: 'The guest whose ledger it is.' }) customerId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, loaders }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const key = toId(customerId);
    if (!key || !(await loaders.customer.load(key))) throw new NotFoundError('Customer', customerId);
    const result = await listLoyaltyTransactions(em, key, { ...page, shape: rowShapeOf(info, em.getMetadata().get(LoyaltyTransaction.name)) });
    return LoyaltyTransactionConnection.fromPage(result);
  }

  @FieldResolver(() => Booking, { nullable: true, description: 'The stay that earned or spent the points; null once that booking is deleted.' })
  booking(@Root() transaction: Detached<LoyaltyTransaction>, @Ctx() { loaders }: GraphQLContext) {
    return related(transaction.booking, loaders.booking);
  }
}
