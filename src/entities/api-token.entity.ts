import { Check, Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Role } from './role';
import { User } from './user.entity';

export enum ApiTokenKind {
  API = 'API',
  SESSION = 'SESSION',
}
export const API_TOKEN_KIND_MEANINGS: Readonly<Record<ApiTokenKind, string>> = {
  API: 'Long-lived, for an integration or a person: made by an ADMIN with createApiToken, valid until revoked or its expiresAt.',
  SESSION: 'Short-lived, from a staff login; revoking it (revokeApiToken) logs out.',
};
/**
 * A bearer credential. Only a SHA-256 digest of the secret is kept: secrets are 256 random
 * bits, so a fast digest is as safe as a slow one and lets every request look it up by index.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    'A bearer credential: an API token for an integration or a person, or a staff login session. Its secret is shown once, when it is made, and never again.',
})
@Entity({ tableName: 'api_tokens' })
@Check({ name: 'api_tokens_partner_channel_check', expression: "role <> 'PARTNER' or channel is not null" })
@Check({ name: 'api_tokens_cost_budget_check', expression: 'cost_budget > 0' })
export class ApiToken {
  @Field(() => ID, { description: 'Unique among tokens and sessions; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'What the token is for, as its maker named it ("channel manager"); "session" for a login session.' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => Role, { description: 'What requests with it may do; a session carries its user’s role.' })
  @Enum({ items: () => Role, type: 'string' })
  role!: Role;

  @Field(() => ApiTokenKind, { description: 'An API token, or a login session.' })
  @Enum({ items: () => ApiTokenKind, type: 'string', default: ApiTokenKind.API })
  kind: Opt<ApiTokenKind> = ApiTokenKind.API;

  @Field(() => String, {
    nullable: true,
    description: 'For a PARTNER token: the booking channel the partner writes as, which its bookings and customers carry; null for other roles.',
  })
  @Property({ type: 'string', length: 60, nullable: true })
  channel?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The query cost this token may spend per window (COST_WINDOW_SECONDS); null: the default, COST_BUDGET. See `extensions.cost`.',
  })
  @Property({ type: 'integer', nullable: true })
  costBudget?: number | null;

  @Property({ type: 'string', length: 64, unique: 'api_tokens_secret_hash_unique', hidden: true })
  secretHash!: string;

  /** The staff user a session or personal token acts for; goes with the user. */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'cascade' })
  user?: Rel<User> | null;

  @Field(() => Date, { nullable: true, description: 'When a request last came with it, to the minute; null if none has.' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it stops working; null for an API token that does not expire.' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was revoked (revokeApiToken, a password change or reset); null while not revoked. A revoked token is refused at once.',
  })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { description: 'When it was made.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
