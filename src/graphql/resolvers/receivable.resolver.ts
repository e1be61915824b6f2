import type { GraphQLResolveInfo } from 'graphql';
import { Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { findPage } from '../../db/keyset-page';
import type { Detached } from '../../db/read-rows';
import { Booking } from '../../entities/booking.entity';
import { Receivable } from '../../entities/receivable.entity';
import { User } from '../../entities/user.entity';
import { fromCents } from '../../money';
import { MoneyScalar } from '../../scalars';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';

export const ReceivableConnection = ConnectionType(Receivable);

/** The balances guests left owing at check-out, by an administrator's decision: what accounts receivable chases. */
@Resolver(() => Receivable)
export class ReceivableResolver {
  @Authorized()
  @Query(() => ReceivableConnection, { description: 'Balances guests left owing at check-out, oldest first; each with what its booking still owes now.' })
  async receivables(@Args(() => PageArgs) page: PageArgs, @Ctx() { em }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const result = await findPage(em, Receivable, {}, ['id'], { ...page, shape: rowShapeOf(info, em.getMetadata().get(Receivable.name)) });
    return ReceivableConnection.fromPage(result);
  }

  @FieldResolver(() => Booking, { description: 'The stay that left it owing.' })
  booking(@Root() receivable: Detached<Receivable>, @Ctx() { loaders }: GraphQLContext) {
    return related(receivable.booking, loaders.booking);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The administrator who let the guest leave owing it.' })
  createdBy(@Root() receivable: Detached<Receivable>, @Ctx() { loaders }: GraphQLContext) {
    return related(receivable.createdBy, loaders.user);
  }

  @FieldResolver(() => MoneyScalar, {
    description: 'What the booking still owes now: the amount left owing less what was paid since. Zero once collected.',
  })
  async openBalance(@Root() receivable: Detached<Receivable>, @Ctx() { loaders }: GraphQLContext) {
    // The booking cannot go while its receivable exists (RESTRICT), so its folio is always there.
    const folio = await loaders.folioOfBooking.load(receivable.booking.id);
    return fromCents(folio?.balanceCents ?? 0n);
  }
}
