import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class EraseCustomerInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => String, { description: 'Why (the erasure request); kept in the audit trail, so it must not name the guest.' })
  reason!: string;
}
