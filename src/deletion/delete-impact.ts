import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DeletableEntity } from './deletable-entity';

/** How many ids an answer samples of the rows it counts: blockers, repairs, integrity checks by default. */
export const SAMPLE_SIZE = 10;

@ObjectType({ description: 'Rows of one table a delete would remove (column null), or clear (column set).' })
export class ImpactEntry {
  @Field(() => String, { description: 'The table, e.g. bookings.' })
  table!: string;

  @Field(() => String, { nullable: true, description: 'The column cleared, for an entry of nullifies; null in deletes.' })
  column!: string | null;

  @Field(() => Int, { description: 'How many distinct rows.' })
  count!: number;
}

@ObjectType({ description: 'Rows of `table` whose `column` (ON DELETE RESTRICT) points at a row the delete would remove.' })
export class DeleteBlocker {
  @Field(() => String, { description: 'The table of the referring rows.' })
  table!: string;

  @Field(() => String, { description: 'Their column that refers to the record (ON DELETE RESTRICT).' })
  column!: string;

  @Field(() => Int, { description: 'How many rows block the delete.' })
  count!: number;

  @Field(() => [ID], { description: `Up to ${SAMPLE_SIZE} ids of blocking rows.` })
  sampleIds!: string[];
}

/** What deleting one row would do, as the delete guard counts it; see DeleteGuard. */
@ObjectType({ description: 'Exactly what deleting one record would do.' })
export class DeleteImpact {
  @Field(() => DeletableEntity, { description: 'The kind of record previewed.' })
  entity!: string;

  @Field(() => ID, { description: 'The id of the record previewed.' })
  id!: string;

  @Field(() => Boolean, { description: 'False when a RESTRICT reference blocks the delete.' })
  allowed!: boolean;

  @Field(() => String, { description: 'Digest of this exact impact; pass it to deleteRecord to delete only if nothing changed.' })
  token!: string;

  @Field(() => [ImpactEntry], { description: 'One entry per table: distinct rows removed, the root included.' })
  deletes!: ImpactEntry[];

  @Field(() => [ImpactEntry], { description: 'One entry per (table, column): surviving rows whose reference will be cleared.' })
  nullifies!: ImpactEntry[];

  @Field(() => [DeleteBlocker], { description: 'What forbids the delete (ON DELETE RESTRICT references); empty when allowed.' })
  blockers!: DeleteBlocker[];
}
