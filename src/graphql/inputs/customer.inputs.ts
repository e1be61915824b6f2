import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A guest’s details.' })
export class CreateCustomerInput {
  @Field(() => String, { description: 'Given name, not blank (at most 100 characters).' })
  firstName!: string;

  @Field(() => String, { description: 'Family name, not blank (at most 100 characters).' })
  lastName!: string;

  @Field(() => String, { description: 'Email address, stored lower-cased; unique within the caller’s channel.' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Phone number, at most 40 characters.' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'The staff account of a customer who is also staff.' })
  userId?: string | null;
}

@InputType({ description: 'A guest’s details to change; a field left out keeps its value.' })
export class UpdateCustomerInput {
  @Field(() => ID, { description: 'The customer.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Given name, not blank.' })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Family name, not blank.' })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address, stored lower-cased; unique within the customer’s channel.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'null unlinks the staff account.' })
  userId?: string | null;
}
