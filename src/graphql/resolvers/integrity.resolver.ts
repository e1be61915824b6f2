import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { toId } from '../../db/ids';
import { DeletableEntity } from '../../deletion/deletable-entity';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { BusinessRuleError, ImpactChangedError, NotFoundError, RestrictedError } from '../../errors/graphql-error-types';
import { NotFound } from '../../errors/hotel-error';
import { deleteRecord } from '../../integrity/delete-record';
import { MAX_SAMPLE_LIMIT, runIntegrityReport } from '../../integrity/integrity-report';
import { repairIntegrity } from '../../integrity/repair';
import type { GraphQLContext } from '../context';
import { mutationResult } from '../results/mutation-result';
import { DeleteImpact } from '../types/delete-impact.type';
import { IntegrityReport, RepairIntegritySuccess } from '../types/integrity-report.type';

@InputType()
export class DeleteRecordInput {
  @Field(() => DeletableEntity)
  entity!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The token of a deleteImpact preview: delete only if the impact is still exactly that.' })
  impactToken?: string | null;

  @Field(() => String, { nullable: true, description: 'Why; required for USER, CUSTOMER and ROOM_TYPE. Kept in the audit trail.' })
  reason?: string | null;
}

@ObjectType()
export class DeleteRecordSuccess {
  @Field(() => DeleteImpact, { description: 'What the delete removed and cleared.' })
  impact!: DeleteImpact;

  @Field(() => AuditEntry)
  auditEntry!: AuditEntry;
}

export const DeleteRecordResult = mutationResult('DeleteRecord', DeleteRecordSuccess, [NotFoundError, RestrictedError, ImpactChangedError]);

@InputType()
export class RepairIntegrityInput {
  @Field(() => String, { description: 'The name of a failing orphan: or not_valid: check, as integrityReport gives it.' })
  check!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Only report what would be done, with counts. Default true.' })
  dryRun?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Why; kept in the audit trail.' })
  reason?: string | null;
}

export const RepairIntegrityResult = mutationResult('RepairIntegrity', RepairIntegritySuccess, [BusinessRuleError, NotFoundError]);

/** Previews and performs deletes through the delete guard; reports and repairs the data's integrity. */
@Resolver()
export class IntegrityResolver {
  @Authorized()
  @Query(() => DeleteImpact, { description: 'Exactly what deleting this record would remove, clear, and be blocked by.' })
  async deleteImpact(@Arg('entity', () => DeletableEntity) entity: string, @Arg('id', () => ID) id: string, @Ctx() { loaders }: GraphQLContext) {
    const key = toId(id);
    const impact = key ? await loaders.impact.load(`${entity}:${key}`) : null;
    if (!impact) throw new NotFound(entity, id);
    return impact;
  }

  @Authorized()
  @Mutation(() => DeleteRecordResult)
  async deleteRecord(@Arg('input', () => DeleteRecordInput) input: DeleteRecordInput, @Ctx() ctx: GraphQLContext) {
    const { impact, audit } = await deleteRecord(ctx, input);
    return Object.assign(new DeleteRecordSuccess(), { impact, auditEntry: audit });
  }

  @Authorized()
  @Query(() => IntegrityReport, {
    description: 'Whether the data is sound: orphans, foreign keys and their rules, indexes, constraints, business rules. Reads only.',
  })
  integrityReport(
    @Arg('checks', () => [String], {
      nullable: true,
      description: 'Check names, or prefixes ending in ":" or "." (orphan:, orphan:payments.); all when absent.',
    })
    checks: string[] | null,
    @Arg('sampleLimit', () => Int, { nullable: true, description: `Sample ids per check, 0 to ${MAX_SAMPLE_LIMIT}; default 10.` })
    sampleLimit: number | null,
    @Ctx() { em, config, logger }: GraphQLContext,
  ): Promise<IntegrityReport> {
    return runIntegrityReport(em, {
      checks,
      sampleLimit,
      statementTimeoutMs: config.integrityStatementTimeoutMs,
      parallelWorkers: config.integrityParallelWorkers,
      logger,
    });
  }

  @Authorized()
  @Mutation(() => RepairIntegrityResult, {
    description: 'Mends what an orphan: or not_valid: check found, by the relation’s own rule. A dry run unless dryRun: false.',
  })
  async repairIntegrity(@Arg('input', () => RepairIntegrityInput) input: RepairIntegrityInput, @Ctx() ctx: GraphQLContext) {
    const { check, dryRun, actions, audit } = await repairIntegrity(ctx, input);
    return Object.assign(new RepairIntegritySuccess(), { check, dryRun, actions, auditEntry: audit });
  }
}
