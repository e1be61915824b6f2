import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DeletableEntity } from './deletable-entity';

/** How many ids an answer samples of the rows it counts: blockers, repairs, integrity checks by default. */
export const SAMPLE_SIZE = 10;

@ObjectType({ description: 'Rows of one table a delete would remove (column null), or clear (column set).' })
export class ImpactEntry {
  @Field(() => String)
  table!: string;

  @Field(() => String, { nullable: true })
  column!: string | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Rows of `table` whose `column` (ON DELETE RESTRICT) points at a row the delete would remove.' })
export class DeleteBlocker {
  @Field(() => String)
  table!: string;

  @Field(() => String)
  column!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => [ID], { description: `Up to ${SAMPLE_SIZE} ids of blocking rows.` })
  sampleIds!: string[];
}

/** What deleting one row would do, as the delete guard counts it; see DeleteGuard. */
@ObjectType({ description: 'Exactly what deleting one record would do.' })
export class DeleteImpact {
  @Field(() => DeletableEntity)
  entity!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => Boolean, { description: 'False when a RESTRICT reference blocks the delete.' })
  allowed!: boolean;

  @Field(() => String, { description: 'Digest of this exact impact; pass it to deleteRecord to delete only if nothing changed.' })
  token!: string;

  @Field(() => [ImpactEntry], { description: 'One entry per table: distinct rows removed, the root included.' })
  deletes!: ImpactEntry[];

  @Field(() => [ImpactEntry], { description: 'One entry per (table, column): surviving rows whose reference will be cleared.' })
  nullifies!: ImpactEntry[];

  @Field(() => [DeleteBlocker])
  blockers!: DeleteBlocker[];
}
