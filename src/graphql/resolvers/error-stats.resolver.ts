import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ErrorHistory, HISTORY_MINUTES } from '../../errors/error-history';
import { ErrorStat } from '../../errors/error-monitor';
import { InputCheck } from '../../kernel/input-check';
import type { GraphQLContext } from '../context';

@Resolver()
export class ErrorStatsResolver {
  @Authorized()
  @Query(() => [ErrorStat], { description: 'Errors answered by every API process, by (category, code, constraint), busiest first.' })
  errorStats(@Ctx() { errorMonitor }: GraphQLContext): Promise<ErrorStat[]> {
    return errorMonitor.stats();
  }

  @Authorized()
  @Query(() => ErrorHistory, {
    description:
      'Errors answered by every API process over the last `minutes`, per (category, code, constraint), step by step, with the alert’s window and threshold to draw beside them. Kept ERROR_HISTORY_HOURS.',
  })
  errorHistory(
    @Arg('minutes', () => Int, {
      nullable: true,
      description: `How far back to chart, ${HISTORY_MINUTES.min} to ${HISTORY_MINUTES.max} minutes; ${HISTORY_MINUTES.default} when absent.`,
    })
    minutes: number | null,
    @Ctx() { errorMonitor }: GraphQLContext,
  ): Promise<ErrorHistory> {
    const check = new InputCheck(null);
    const range = check.integer('minutes', minutes ?? HISTORY_MINUTES.default, HISTORY_MINUTES);
    check.doneForQuery();
    return errorMonitor.history(range!);
  }
}
