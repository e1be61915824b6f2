import { Field, ObjectType } from 'type-graphql';
import { DeleteBlocker } from '../../deletion/delete-impact';

@ObjectType({ description: 'Whether a record can be deleted now, and if not, what blocks it.' })
export class Deletability {
  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => [DeleteBlocker])
  blockers!: DeleteBlocker[];
}
