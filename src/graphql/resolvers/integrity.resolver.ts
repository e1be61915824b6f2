import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { ImpactChangedError, NotFoundError, RestrictedError } from '../../errors/graphql-error-types';
import { NotFound } from '../../errors/hotel-error';
import { DeletableEntity } from '../../integrity/deletable-entity';
import { deleteRecord } from '../../integrity/delete-record';
import type { GraphQLContext } from '../context';
import { toId } from '../ids';
import { mutationResult } from '../results/mutation-result';
import { DeleteImpact } from '../types/delete-impact.type';

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

/** Previews and performs deletes through the delete guard. */
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
}
