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
export const MAINTENANCE_SEVERITY_MEANINGS: Readonly<Record<MaintenanceSeverity, string>> = {
  LOW: 'Can wait for routine upkeep; guests hardly notice it.',
  MEDIUM: 'To fix soon; the room is still fit to sell.',
  HIGH: 'Spoils a stay: to fix before the next guest.',
  CRITICAL: 'Unsafe or unusable: to fix at once, usually with the room out of order.',
};

export enum MaintenanceStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
}
export const MAINTENANCE_STATUS_MEANINGS: Readonly<Record<MaintenanceStatus, string>> = {
  OPEN: 'Reported; work has not begun.',
  IN_PROGRESS: 'Work has begun (startMaintenanceRequest).',
  RESOLVED: 'Fixed and closed (resolvedAt); its out-of-order window no longer keeps the room off sale.',
};
/** The state machine is maintenance.service.ts's. */
@ObjectType({
  simpleResolvers: true,
  description:
    'A fault in a room, from report to repair. An out-of-order window [outOfOrderFrom, outOfOrderTo) on an unresolved request takes the room off sale for those nights.',
})
@Entity({ tableName: 'maintenance_requests' })
@Check({
  name: 'maintenance_requests_window_check',
  expression: '(out_of_order_from is null and out_of_order_to is null) or (out_of_order_from < out_of_order_to)',
})
@Check({ name: 'maintenance_requests_description_check', expression: 'length(btrim(description)) > 0' })
@Check({ name: 'maintenance_requests_started_check', expression: "status <> 'IN_PROGRESS' or started_at is not null" })
export class MaintenanceRequest {
  @Field(() => ID, { description: 'Unique among maintenance requests; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Room, { deleteRule: 'cascade' })
  room!: Rel<Room>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  reportedBy?: Rel<User> | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  assignedTo?: Rel<User> | null;

  @Field(() => String, { description: 'What is wrong, as reported.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => MaintenanceSeverity, { description: 'How urgent it is.' })
  @Enum({ items: () => MaintenanceSeverity, type: 'string' })
  severity!: MaintenanceSeverity;

  @Field(() => MaintenanceStatus, { description: 'Where it stands.' })
  @Enum({ items: () => MaintenanceStatus, type: 'string', default: MaintenanceStatus.OPEN })
  status: Opt<MaintenanceStatus> = MaintenanceStatus.OPEN;

  @Field(() => DateScalar, { nullable: true, description: 'The first night the room cannot be sold; null when the fault does not take it off sale.' })
  @Property({ type: 'date', nullable: true })
  outOfOrderFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The first night it can be sold again (the window excludes it); null with outOfOrderFrom.' })
  @Property({ type: 'date', nullable: true })
  outOfOrderTo?: string | null;

  @Field(() => Date, { description: 'When it was reported.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;

  @Field(() => Date, { nullable: true, description: 'When work on it began (IN_PROGRESS); null for a request resolved straight from OPEN.' })
  @Property({ type: 'datetime', nullable: true })
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was resolved; null until RESOLVED.' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;
}
