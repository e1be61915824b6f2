import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { toId } from '../../db/ids';
import { findIntegrityRun, IntegrityRun, IntegrityRunCheck, listIntegrityRuns } from '../../integrity/integrity-runs';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { ConnectionType } from '../types/connection';

export const IntegrityRunConnection = ConnectionType(IntegrityRun);

/** The integrity report's history: every run, scheduled, asked for or from the CLI, with its checks' results. */
@Resolver(() => IntegrityRun)
export class IntegrityRunResolver {
  @Authorized()
  @Query(() => IntegrityRunConnection, { description: 'The integrity runs kept (INTEGRITY_RUN_RETENTION_DAYS), newest first.' })
  async integrityRuns(@Args(() => PageArgs) page: PageArgs, @Ctx() { em }: GraphQLContext) {
    return IntegrityRunConnection.fromPage(await listIntegrityRuns(em, page));
  }

  @Authorized()
  @Query(() => IntegrityRun, { nullable: true, description: 'One integrity run of the history; null when there is none with this id (or it was swept).' })
  async integrityRun(@Arg('id', () => ID, { description: 'The run’s id: IntegrityReport.runId, IntegrityRun.id.' }) id: string, @Ctx() { em }: GraphQLContext) {
    const key = toId(id);
    return key ? findIntegrityRun(em, key) : null;
  }

  @FieldResolver(() => [IntegrityRunCheck], { description: 'Each check the run ran, in run order, with its result.' })
  async checks(
    @Root() run: IntegrityRun,
    @Arg('failingOnly', () => Boolean, { defaultValue: false, description: 'Only the checks that failed.' }) failingOnly: boolean,
    @Ctx() { loaders }: GraphQLContext,
  ) {
    const checks = await loaders.checksOfIntegrityRun.load(run.id);
    return failingOnly ? checks.filter((check) => !check.passed) : checks;
  }
}
