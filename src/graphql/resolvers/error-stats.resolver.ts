import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { ErrorStat } from '../../errors/error-monitor';
import type { GraphQLContext } from '../context';

@Resolver()
export class ErrorStatsResolver {
  @Authorized()
  @Query(() => [ErrorStat], { description: 'Errors answered by every API process, by (category, code, constraint), busiest first.' })
  errorStats(@Ctx() { errorMonitor }: GraphQLContext): Promise<ErrorStat[]> {
    return errorMonitor.stats();
  }
}
