import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { ErrorSeverity } from '../../errors/error-code';
import { IntegrityCheckKind } from '../../integrity/integrity-checks';
import { RepairActionKind } from '../../integrity/repair';

@ObjectType({ simpleResolvers: true, description: 'The outcome of one integrity check.' })
export class IntegrityCheckResult {
  @Field(() => String, {
    description: 'orphan:<table>.<column>, fk_rule:<table>.<column>, unindexed_fk:<table>.<column>, not_valid:<constraint>, check:<constraint> or rule:<name>.',
  })
  name!: string;

  @Field(() => IntegrityCheckKind)
  kind!: IntegrityCheckKind;

  @Field(() => ErrorSeverity, { description: 'How bad a failure of this check is.' })
  severity!: ErrorSeverity;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => Int, { description: 'Rows that break the rule; for fk_rule and unindexed_fk, 1 when the constraint or index is wrong.' })
  violationCount!: number;

  @Field(() => [ID], { description: 'Primary keys of up to sampleLimit violating rows, lowest first; the description says of which table.' })
  sampleIds!: string[];

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: 'What to do about it; null when the check passed.' })
  suggestedFix!: string | null;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => String, { nullable: true, description: 'Why the check could not run (it timed out or failed); it then counts as failed.' })
  error!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Whether the hotel’s data is sound: every check read one snapshot of the database.' })
export class IntegrityReport {
  @Field(() => Boolean, { description: 'True when every check passed.' })
  ok!: boolean;

  @Field(() => Date)
  generatedAt!: Date;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => [IntegrityCheckResult])
  checks!: IntegrityCheckResult[];
}

@ObjectType({ simpleResolvers: true, description: 'One thing a repair does (or, on a dry run, would do).' })
export class RepairAction {
  @Field(() => RepairActionKind)
  kind!: RepairActionKind;

  @Field(() => String)
  table!: string;

  @Field(() => String, { nullable: true, description: 'SET_NULL: the column cleared.' })
  column!: string | null;

  @Field(() => String, { nullable: true, description: 'VALIDATE: the constraint validated.' })
  constraint!: string | null;

  @Field(() => Int, { description: 'Rows deleted or cleared; for VALIDATE, constraints validated.' })
  count!: number;

  @Field(() => String)
  description!: string;
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
