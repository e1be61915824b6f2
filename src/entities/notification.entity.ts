import { Check, Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from './customer.entity';
import { Role } from './role';
import { User } from './user.entity';

/** The desks a notification can be addressed to: the hotel's own roles (partners are separate firms, never one desk). */
export const DESK_ROLES = [Role.ADMIN, Role.STAFF] as const;

/**
 * A message that needs a person. Who reads it follows from whom it is for, the first that
 * is set: a staff `user` (a task assigned to them); a desk, `forRole` (STAFF: the front
 * desk, which every ADMIN and STAFF caller reads; ADMIN: administrators only), for an
 * event that needs whoever is on duty (a night-audit exception, a failed integrity
 * check); a guest, `customer` (a waitlist offer), read by whoever serves the guest's
 * channel: the partner for its own channel's guests, the hotel's staff for direct ones.
 * A desk's or a guest's notification has one read mark, shared: read by one, handled for all.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    'A message that needs a person: for a staff user (a task given to them), for a desk (STAFF: the front desk; ADMIN: administrators), or about a guest (a waitlist offer), read by whoever serves that guest.',
})
@Entity({ tableName: 'notifications' })
@Check({ name: 'notifications_recipient_check', expression: 'user_id is not null or customer_id is not null or for_role is not null' })
export class Notification {
  @Field(() => ID, { description: 'Unique among notifications; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'cascade' })
  user?: Rel<User> | null;

  @ManyToOne(() => Customer, { nullable: true, deleteRule: 'cascade' })
  customer?: Rel<Customer> | null;

  @Field(() => Role, { nullable: true, description: 'The desk it is for: STAFF (the front desk: every ADMIN and STAFF caller) or ADMIN.' })
  @Enum({ items: [...DESK_ROLES], type: 'string', nullable: true })
  forRole?: Role | null;

  @Field(() => String, {
    description:
      'What it is about: HOUSEKEEPING_TASK_ASSIGNED, MAINTENANCE_REQUEST_ASSIGNED, WAITLIST_AVAILABLE, NIGHT_AUDIT_EXCEPTION, INTEGRITY_CHECK_FAILED, WEBHOOK_ENDPOINT_DISABLED, and the alerts CRITICAL_ERROR, INTEGRITY_CHECK_FAILING, INTEGRITY_CHECK_RECOVERED, …',
  })
  @Property({ type: 'string', length: 60 })
  kind!: string;

  @Field(() => String, { description: 'The text to show.' })
  @Property({ type: 'text' })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The kind of record it is about: WAITLIST_ENTRY, MAINTENANCE_REQUEST, HOUSEKEEPING_TASK, BUSINESS_DAY, INTEGRITY_REPORT, INTEGRITY_RUN, ERROR (an errorId).',
  })
  @Property({ type: 'string', length: 60, nullable: true })
  entity?: string | null;

  @Field(() => String, { nullable: true, description: "That record's id (a date for BUSINESS_DAY)." })
  @Property({ type: 'string', length: 60, nullable: true })
  entityId?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was marked read: by anyone, for a desk’s or a guest’s notification; null while unread.' })
  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;

  @Field(() => Date, { description: 'When it was sent.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
