import { Check, Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Role } from './role';
import { User } from './user.entity';

export enum ApiTokenKind {
  /** Long-lived, for integrations; made by an admin. */
  API = 'API',
  /** Short-lived, from a staff login. */
  SESSION = 'SESSION',
}
/**
 * A bearer credential. Only a SHA-256 digest of the secret is kept: secrets are 256 random
 * bits, so a fast digest is as safe as a slow one and lets every request look it up by index.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'api_tokens' })
@Check({ name: 'api_tokens_partner_channel_check', expression: "role <> 'PARTNER' or channel is not null" })
@Check({ name: 'api_tokens_cost_budget_check', expression: 'cost_budget > 0' })
export class ApiToken {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, type: 'string' })
  role!: Role;

  @Field(() => ApiTokenKind)
  @Enum({ items: () => ApiTokenKind, type: 'string', default: ApiTokenKind.API })
  kind: Opt<ApiTokenKind> = ApiTokenKind.API;

  /** For PARTNER tokens: the booking channel the partner writes as; its bookings carry it. */
  @Field(() => String, { nullable: true })
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

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
