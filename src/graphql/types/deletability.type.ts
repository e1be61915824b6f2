import { Field, ObjectType } from 'type-graphql';
import { DeleteBlocker } from '../../deletion/delete-impact';

@ObjectType({ description: 'Whether a record can be deleted now, and if not, what blocks it.' })
export class Deletability {
  @Field(() => Boolean, { description: 'Whether deleteRecord would delete it now; false while a RESTRICT reference blocks it.' })
  allowed!: boolean;

  @Field(() => [DeleteBlocker], { description: 'What blocks the delete; empty when allowed.' })
  blockers!: DeleteBlocker[];
}
