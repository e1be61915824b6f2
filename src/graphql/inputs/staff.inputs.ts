import { Field, ID, InputType, Int } from 'type-graphql';
import { PASSWORD_RULE } from '../../auth/passwords';
import { Role } from '../../entities/role';

@InputType({ description: 'A staff account to create.' })
export class CreateUserInput {
  @Field(() => String, { description: 'The login, unique whatever the case.' })
  email!: string;

  @Field(() => String, { description: 'The person’s name.' })
  name!: string;

  @Field(() => Role, { description: 'What the user’s sessions may do.' })
  role!: Role;

  @Field(() => String, { description: PASSWORD_RULE })
  password!: string;
}

@InputType({ description: 'A staff account to change.' })
export class UpdateUserInput {
  @Field(() => ID, { description: 'The user.' })
  userId!: string;

  @Field(() => String, { nullable: true, description: 'Left out: unchanged.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Left out: unchanged.' })
  name?: string | null;

  @Field(() => Role, { nullable: true, description: "Left out: unchanged. Takes effect on the user's sessions at once; not on one's own account." })
  role?: Role | null;
}

@InputType({ description: 'The user who may no longer sign in.' })
export class DeactivateUserInput {
  @Field(() => ID, { description: 'The user; not the caller.' })
  userId!: string;

  @Field(() => String, { nullable: true, description: 'Why, for the audit trail.' })
  reason?: string | null;
}

@InputType({ description: 'The user who may sign in again.' })
export class ReactivateUserInput {
  @Field(() => ID, { description: 'The user.' })
  userId!: string;

  @Field(() => String, { nullable: true, description: 'Why, for the audit trail.' })
  reason?: string | null;
}

@InputType({ description: 'The caller’s own password, and its new one.' })
export class ChangePasswordInput {
  @Field(() => String, { description: 'The password now; a wrong one counts as a failed login.' })
  currentPassword!: string;

  @Field(() => String, { description: PASSWORD_RULE })
  newPassword!: string;
}

@InputType({ description: 'A user’s new password, set by an administrator.' })
export class ResetPasswordInput {
  @Field(() => ID, { description: 'The user.' })
  userId!: string;

  @Field(() => String, { description: PASSWORD_RULE })
  newPassword!: string;

  @Field(() => String, { nullable: true, description: 'Why, for the audit trail.' })
  reason?: string | null;
}

@InputType({ description: 'An API token to make.' })
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What it is for, at most 100 characters ("channel manager").' })
  name!: string;

  @Field(() => Role, { description: 'What requests with it may do.' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'For PARTNER tokens: the booking channel the partner writes as.' })
  channel?: string | null;

  @Field(() => ID, { nullable: true, description: 'The staff user the token acts for.' })
  userId?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it stops working; never when left out.' })
  expiresAt?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The query cost the token may spend per window (COST_WINDOW_SECONDS), 1 to 2,000,000,000. Unset: the default, COST_BUDGET.',
  })
  costBudget?: number | null;
}

@InputType({ description: 'The token or session to revoke.' })
export class RevokeApiTokenInput {
  @Field(() => ID, { description: 'Its id (ApiToken.id, or LoginSuccess.tokenId to log out).' })
  id!: string;
}
