import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from './customer.entity';
import { User } from './user.entity';

/** A message for a staff user or a guest (a freed room for the waitlist, a task). */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'notifications' })
@Check({ name: 'notifications_recipient_check', expression: 'user_id is not null or customer_id is not null' })
export class Notification {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'cascade' })
  user?: Rel<User> | null;

  @ManyToOne(() => Customer, { nullable: true, deleteRule: 'cascade' })
  customer?: Rel<Customer> | null;

  @Field(() => String)
  @Property({ type: 'string', length: 60 })
  kind!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  message!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
