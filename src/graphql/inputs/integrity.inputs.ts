import { Field, ID, InputType } from 'type-graphql';
import { DeletableEntity } from '../../deletion/deletable-entity';

@InputType({ description: 'The record to delete; with impactToken, only as previewed.' })
export class DeleteRecordInput {
  @Field(() => DeletableEntity, { description: 'The kind of record.' })
  entity!: string;

  @Field(() => ID, { description: 'The record’s id.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The token of a deleteImpact preview: delete only if the impact is still exactly that.' })
  impactToken?: string | null;

  @Field(() => String, { nullable: true, description: 'Why; required for USER, CUSTOMER and ROOM_TYPE. Kept in the audit trail.' })
  reason?: string | null;
}

@InputType({ description: 'The failing check to repair.' })
export class RepairIntegrityInput {
  @Field(() => String, { description: 'The name of a failing orphan: or not_valid: check, as integrityReport gives it.' })
  check!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Only report what would be done, with counts. Default true.' })
  dryRun?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Why; kept in the audit trail.' })
  reason?: string | null;
}
