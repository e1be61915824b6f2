import { Field, ID, InputType, Int } from 'type-graphql';
import { PASSWORD_RULE } from '../../auth/passwords';
import { Role } from '../../entities/role';

@InputType()
export class CreateUserInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { description: PASSWORD_RULE })
  password!: string;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true, description: 'Left out: unchanged.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Left out: unchanged.' })
  name?: string | null;

  @Field(() => Role, { nullable: true, description: "Left out: unchanged. Takes effect on the user's sessions at once; not on one's own account." })
  role?: Role | null;
}

@InputType()
export class DeactivateUserInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true, description: 'Why, for the audit trail.' })
  reason?: string | null;
}

@InputType()
export class ReactivateUserInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true, description: 'Why, for the audit trail.' })
  reason?: string | null;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String)
  currentPassword!: string;

  @Field(() => String, { description: PASSWORD_RULE })
  newPassword!: string;
}

@InputType()
export class ResetPasswordInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { description: PASSWORD_RULE })
  newPassword!: string;

  @Field(() => String, { nullable: true, description: 'Why, for the audit trail.' })
  reason?: string | null;
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

  @Field(() => Int, {
    nullable: true,
    description: 'The query cost the token may spend per window (COST_WINDOW_SECONDS), 1 to 2,000,000,000. Unset: the default, COST_BUDGET.',
  })
  costBudget?: number | null;
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID)
  id!: string;
}
