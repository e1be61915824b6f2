import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { NightAudit } from '../../entities/night-audit.entity';
import { User } from '../../entities/user.entity';
import { DateScalar } from '../../scalars';
import { businessDateOf } from '../../services/business-date';
import { closeBusinessDay } from '../../services/night-audit';
import type { GraphQLContext } from '../context';
import { CloseBusinessDayInput } from '../inputs/business-day.inputs';
import { related } from '../loaders';
import { CloseBusinessDayResult, CloseBusinessDaySuccess } from '../results/business-day.results';

@Resolver(() => NightAudit)
export class BusinessDayResolver {
  @Authorized()
  @Query(() => DateScalar, { description: 'The hotel’s business date: “today” in every rule, moved on only by closing the day (closeBusinessDay).' })
  businessDate(@Ctx() { em }: GraphQLContext) {
    return businessDateOf(em);
  }

  @Authorized()
  @Mutation(() => CloseBusinessDayResult, {
    description:
      'The night audit: marks every CONFIRMED booking due on the business date and not arrived as NO_SHOW (posting its no-show fee) and moves the business date on by one, in one transaction. Only the current business date can be closed, once.',
  })
  async closeBusinessDay(
    @Arg('input', () => CloseBusinessDayInput, { description: 'The business date to close.' }) input: CloseBusinessDayInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const closed = await closeBusinessDay(ctx, { businessDate: input.businessDate });
    return Object.assign(new CloseBusinessDaySuccess(), { nightAudit: closed.audit, noShows: closed.noShows, businessDate: closed.businessDate });
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who closed the day; null when the schedule did.' })
  closedBy(@Root() audit: Detached<NightAudit>, @Ctx() { loaders }: GraphQLContext) {
    return related(audit.closedBy, loaders.user);
  }
}
