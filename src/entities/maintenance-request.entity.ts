import { Check, Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars';
import { Room } from './room.entity';
import { User } from './user.entity';

export enum MaintenanceSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
export enum MaintenanceStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
}
/**
 * A fault in a room. An out-of-order window [outOfOrderFrom, outOfOrderTo) on an
 * unresolved request takes the room off sale for those nights. OPEN, IN_PROGRESS once
 * work starts, RESOLVED; the state machine is maintenance.service.ts's.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'maintenance_requests' })
@Check({
  name: 'maintenance_requests_window_check',
  expression: '(out_of_order_from is null and out_of_order_to is null) or (out_of_order_from < out_of_order_to)',
})
@Check({ name: 'maintenance_requests_description_check', expression: 'length(btrim(description)) > 0' })
@Check({ name: 'maintenance_requests_started_check', expression: "status <> 'IN_PROGRESS' or started_at is not null" })
export class MaintenanceRequest {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Room, { deleteRule: 'cascade' })
  room!: Rel<Room>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  reportedBy?: Rel<User> | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  assignedTo?: Rel<User> | null;

  @Field(() => String)
  @Property({ type: 'text' })
  description!: string;

  @Field(() => MaintenanceSeverity)
  @Enum({ items: () => MaintenanceSeverity, type: 'string' })
  severity!: MaintenanceSeverity;

  @Field(() => MaintenanceStatus)
  @Enum({ items: () => MaintenanceStatus, type: 'string', default: MaintenanceStatus.OPEN })
  status: Opt<MaintenanceStatus> = MaintenanceStatus.OPEN;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  outOfOrderFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  outOfOrderTo?: string | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;

  @Field(() => Date, { nullable: true, description: 'When work on it began (IN_PROGRESS); null for a request resolved straight from OPEN.' })
  @Property({ type: 'datetime', nullable: true })
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;
}
