import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../entities/role';

@InputType()
export class CreateUserInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { description: 'At least 12 characters; stored only as a scrypt hash.' })
  password!: string;
}

@InputType()
export class CreateApiTokenInput {
  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'For PARTNER tokens: the booking channel the partner writes as.' })
  channel?: string | null;

  @Field(() => ID, { nullable: true, description: 'The staff user the token acts for.' })
  userId?: string | null;

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID)
  id!: string;
}
