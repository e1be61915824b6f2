import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { toId } from '../../db/ids';
import { DeletableEntity } from '../../deletion/deletable-entity';
import { DeleteImpact } from '../../deletion/delete-impact';
import { IntegrityRunTrigger } from '../../entities/integrity-run.entity';
import { NotFoundError } from '../../errors/not-found-error';
import { deleteRecord } from '../../integrity/delete-record';
import { IntegrityReport, MAX_SAMPLE_LIMIT } from '../../integrity/integrity-report';
import { repairIntegrity } from '../../integrity/repair';
import type { GraphQLContext } from '../context';
import { DeleteRecordInput, RepairIntegrityInput } from '../inputs/integrity.inputs';
import { DeleteRecordResult, DeleteRecordSuccess, RepairIntegrityResult, RepairIntegritySuccess } from '../results/integrity.results';

/** Previews and performs deletes through the delete guard; reports and repairs the data's integrity. */
@Resolver()
export class IntegrityResolver {
  @Authorized()
  @Query(() => DeleteImpact, { description: 'Exactly what deleting this record would remove, clear, and be blocked by.' })
  async deleteImpact(
    @Arg('entity', () => DeletableEntity, { description: 'The kind of record.' }) entity: string,
    @Arg('id', () => ID, { description: 'The record’s id.' }) id: string,
    @Ctx() { loaders }: GraphQLContext,
  ) {
    const key = toId(id);
    const impact = key ? await loaders.impact.load(`${entity}:${key}`) : null;
    if (!impact) throw new NotFoundError(entity, id);
    return impact;
  }

  @Authorized()
  @Mutation(() => DeleteRecordResult, {
    description:
      'Deletes a record with all its delete rules take along, exactly as deleteImpact previews it. With impactToken, only if the impact is still that one (else ImpactChangedError); an ON DELETE RESTRICT reference refuses it (RestrictedError). Audited.',
  })
  async deleteRecord(
    @Arg('input', () => DeleteRecordInput, { description: 'The record, the preview’s token, and why.' }) input: DeleteRecordInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { impact, audit } = await deleteRecord(ctx, input);
    return Object.assign(new DeleteRecordSuccess(), { impact, auditEntry: audit });
  }

  @Authorized()
  @Query(() => IntegrityReport, {
    description:
      'Whether the data is sound: orphans, foreign keys and their rules, indexes, constraints, business rules. Reads the data only; the run is kept in the history (integrityRuns).',
  })
  integrityReport(
    @Arg('checks', () => [String], {
      nullable: true,
      description: 'Check names, or prefixes ending in ":" or "." (orphan:, orphan:payments.); all when absent.',
    })
    checks: string[] | null,
    @Arg('sampleLimit', () => Int, { nullable: true, description: `Sample ids per check, 0 to ${MAX_SAMPLE_LIMIT}; default 10.` })
    sampleLimit: number | null,
    @Ctx() { em, caller, integrity }: GraphQLContext,
  ): Promise<IntegrityReport> {
    return integrity.run({ trigger: IntegrityRunTrigger.API, em, caller, checks, sampleLimit });
  }

  @Authorized()
  @Mutation(() => RepairIntegrityResult, {
    description: 'Mends what an orphan: or not_valid: check found, by the relation’s own rule. A dry run unless dryRun: false.',
  })
  async repairIntegrity(
    @Arg('input', () => RepairIntegrityInput, { description: 'The check to repair, and whether only to say what would be done.' }) input: RepairIntegrityInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { check, dryRun, actions, audit } = await repairIntegrity(ctx, input);
    return Object.assign(new RepairIntegritySuccess(), { check, dryRun, actions, auditEntry: audit });
  }
}
