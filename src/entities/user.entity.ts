import { Check, Entity, Enum, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from './role';

@ObjectType({ simpleResolvers: true, description: 'A staff account that can log in; its role is what its sessions may do.' })
@Entity({ tableName: 'users' })
@Check({ name: 'users_email_lowercase_check', expression: 'email = lower(email)' })
@Check({ name: 'users_name_check', expression: 'length(btrim(name)) > 0' })
export class User {
  @Field(() => ID, { description: 'Unique among users; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'The login: lower-cased, and unique whatever the case.' })
  @Property({ type: 'string', length: 320, unique: 'users_email_unique' })
  email!: string;

  @Field(() => String, { description: 'The person’s name, as colleagues see it (assignee pickers list it).' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Role, { description: 'What the user’s sessions may do.' })
  @Enum({ items: () => Role, type: 'string' })
  role!: Role;

  /** scrypt$N$r$p$salt$hash, see auth/passwords.ts. Never exposed. */
  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  @Field(() => Boolean, { description: 'False once deactivated: the user cannot log in, and their sessions and tokens are refused.' })
  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;

  @Field(() => Date, { description: 'When the account was made.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
