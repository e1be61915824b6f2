import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateCustomerInput {
  @Field(() => String)
  firstName!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'The staff account of a customer who is also staff.' })
  userId?: string | null;
}

@InputType()
export class UpdateCustomerInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'null unlinks the staff account.' })
  userId?: string | null;
}
