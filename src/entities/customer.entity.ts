import { Check, Entity, Index, OneToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from './user.entity';

/** What an erased guest's names read: the one placeholder erasure writes. */
export const ERASED_NAME = 'Erased';

/** An erased guest's email: unique per customer, so the per-channel unique index still holds, and in a domain that can never be delivered to (RFC 2606). */
export const erasedEmailOf = (id: number): string => `erased-${id}@erased.invalid`;

/**
 * That the row `prefix` names (a table alias and a dot, or nothing) holds the erasure
 * placeholder and nothing personal: the names, the email as erasedEmailOf writes it, no
 * phone, no staff account. SQL, for the CHECK and the integrity report alike.
 */
export function holdsOnlyThePlaceholder(prefix = ''): string {
  return `${prefix}first_name = '${ERASED_NAME}' and ${prefix}last_name = '${ERASED_NAME}' and ${prefix}email = 'erased-' || ${prefix}id || '@erased.invalid' and ${prefix}phone is null and ${prefix}user_id is null`;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A guest of the hotel; may be linked to a staff user who also stays here. Erased, it keeps its stays and money and no personal data.',
})
@Entity({ tableName: 'customers' })
@Check({ name: 'customers_loyalty_points_check', expression: 'loyalty_points >= 0' })
@Check({ name: 'customers_erased_check', expression: `erased_at is null or (${holdsOnlyThePlaceholder()})` })
@Check({ name: 'customers_names_check', expression: 'length(btrim(first_name)) > 0 and length(btrim(last_name)) > 0' })
@Check({ name: 'customers_email_lowercase_check', expression: 'email = lower(email)' })
@Index({
  name: 'customers_channel_email_unique',
  // Per channel: a partner learns nothing of the emails the hotel or other partners hold.
  expression: `create unique index "customers_channel_email_unique" on "customers" (coalesce("channel", ''), "email")`,
})
// The customers list's order (last name, first name, then id): a page reads its rows off the index.
@Index({ name: 'customers_name_index', properties: ['lastName', 'firstName', 'id'] })
export class Customer {
  @Field(() => ID, { description: 'Unique among customers; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @OneToOne(() => User, { owner: true, nullable: true, deleteRule: 'cascade', unique: 'customers_user_id_unique' })
  user?: Rel<User> | null;

  @Field(() => String, { description: 'Given name; "Erased" once erased.' })
  @Property({ type: 'string', length: 100 })
  firstName!: string;

  @Field(() => String, { description: 'Family name; "Erased" once erased.' })
  @Property({ type: 'string', length: 100 })
  lastName!: string;

  @Field(() => String, {
    description: 'Lower-cased, and unique within the channel that supplied the customer; once erased, a placeholder that cannot be delivered to.',
  })
  @Property({ type: 'string', length: 320 })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Null when not given, and once erased.' })
  @Property({ type: 'string', length: 40, nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'The partner channel that supplied the customer; null when the hotel did.' })
  @Property({ type: 'string', length: 60, nullable: true, index: 'customers_channel_index' })
  channel?: string | null;

  /** Cached sum of the customer's loyalty transactions; the integrity report compares them. */
  @Field(() => Int, { description: 'Loyalty points the guest may spend (redeemLoyaltyPoints): the sum of their loyaltyTransactions.' })
  @Property({ type: 'integer', default: 0 })
  loyaltyPoints: Opt<number> = 0;

  @Field(() => Date, { description: 'When the guest was first recorded.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;

  // customers_erased_check holds an erased row to the placeholder from then on.
  @Field(() => Date, {
    nullable: true,
    description:
      'When the guest was erased (eraseCustomer): their personal data replaced by a placeholder, their stays and payments kept. Null for a guest not erased.',
  })
  @Property({ type: 'datetime', nullable: true })
  erasedAt?: Date | null;
}
