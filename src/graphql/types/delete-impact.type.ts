import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DeletableEntity } from '../../deletion/deletable-entity';

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

  @Field(() => [ID], { description: 'Up to 10 ids of blocking rows.' })
  sampleIds!: string[];
}

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

@ObjectType({ description: 'Whether a record can be deleted now, and if not, what blocks it.' })
export class Deletability {
  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => [DeleteBlocker])
  blockers!: DeleteBlocker[];
}
