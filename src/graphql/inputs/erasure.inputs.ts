import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'The guest to erase, and why.' })
export class EraseCustomerInput {
  @Field(() => ID, { description: 'The guest.' })
  customerId!: string;

  @Field(() => String, { description: 'Why (the erasure request); kept in the audit trail, so it must not name the guest.' })
  reason!: string;
}
