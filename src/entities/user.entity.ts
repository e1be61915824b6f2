import { Check, Entity, Enum, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from './role';

/** A staff account that can log in. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'users' })
@Check({ name: 'users_email_lowercase_check', expression: 'email = lower(email)' })
@Check({ name: 'users_name_check', expression: 'length(btrim(name)) > 0' })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** Stored lower-cased so uniqueness ignores case. */
  @Field(() => String)
  @Property({ type: 'string', length: 320, unique: 'users_email_unique' })
  email!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, type: 'string' })
  role!: Role;

  /** scrypt$N$r$p$salt$hash, see auth/passwords.ts. Never exposed. */
  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
