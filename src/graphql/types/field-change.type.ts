import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One field an administrative change touched, with its value before and after (null where there was none).' })
export class FieldChange {
  @Field(() => String, { description: 'The field’s name, as the input calls it.' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value before, as JSON; null where there was none.' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value after, as JSON; null where there is none.' })
  after!: unknown;
}
