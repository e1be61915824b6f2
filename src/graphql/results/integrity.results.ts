import { Field, ObjectType } from 'type-graphql';
import { DeleteImpact } from '../../deletion/delete-impact';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { deleteRecord } from '../../integrity/delete-record';
import { RepairAction, repairIntegrity } from '../../integrity/repair';
import { mutationResult } from './mutation-result';

@ObjectType({ description: 'The record is deleted, with all the impact said, and the delete audited.' })
export class DeleteRecordSuccess {
  @Field(() => DeleteImpact, { description: 'What the delete removed and cleared.' })
  impact!: DeleteImpact;

  @Field(() => AuditEntry, { description: 'The audit entry of the delete.' })
  auditEntry!: AuditEntry;
}

@ObjectType({ description: 'What the repair did, or on a dry run would do.' })
export class RepairIntegritySuccess {
  @Field(() => String, { description: 'The check repaired.' })
  check!: string;

  @Field(() => Boolean, { description: 'True when nothing was changed: actions say what a repair would do.' })
  dryRun!: boolean;

  @Field(() => [RepairAction], { description: 'Each thing done (or to be done), with its count.' })
  actions!: RepairAction[];

  @Field(() => AuditEntry, { nullable: true, description: 'Null on a dry run.' })
  auditEntry!: AuditEntry | null;
}

export const DeleteRecordResult = mutationResult('DeleteRecord', DeleteRecordSuccess, deleteRecord);
export const RepairIntegrityResult = mutationResult('RepairIntegrity', RepairIntegritySuccess, repairIntegrity);
