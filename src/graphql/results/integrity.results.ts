import { Field, ObjectType } from 'type-graphql';
import { DeleteImpact } from '../../deletion/delete-impact';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { deleteRecord } from '../../integrity/delete-record';
import { RepairAction, repairIntegrity } from '../../integrity/repair';
import { mutationResult } from './mutation-result';

@ObjectType()
export class DeleteRecordSuccess {
  @Field(() => DeleteImpact, { description: 'What the delete removed and cleared.' })
  impact!: DeleteImpact;

  @Field(() => AuditEntry)
  auditEntry!: AuditEntry;
}

@ObjectType()
export class RepairIntegritySuccess {
  @Field(() => String, { description: 'The check repaired.' })
  check!: string;

  @Field(() => Boolean)
  dryRun!: boolean;

  @Field(() => [RepairAction])
  actions!: RepairAction[];

  @Field(() => AuditEntry, { nullable: true, description: 'Null on a dry run.' })
  auditEntry!: AuditEntry | null;
}

export const DeleteRecordResult = mutationResult('DeleteRecord', DeleteRecordSuccess, deleteRecord);
export const RepairIntegrityResult = mutationResult('RepairIntegrity', RepairIntegritySuccess, repairIntegrity);
