import { Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Room } from './room.entity';
import { User } from './user.entity';

export enum HousekeepingTaskKind {
  CLEANING = 'CLEANING',
  INSPECTION = 'INSPECTION',
  TURNDOWN = 'TURNDOWN',
}
export const HOUSEKEEPING_TASK_KIND_MEANINGS: Readonly<Record<HousekeepingTaskKind, string>> = {
  CLEANING: 'Clean the room; done, it leaves the room CLEAN.',
  INSPECTION: 'Check a cleaned room; done, it leaves the room INSPECTED.',
  TURNDOWN: 'The evening service for a guest in the room; done, it leaves the housekeeping status as it was.',
};

export enum HousekeepingTaskStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
}
export const HOUSEKEEPING_TASK_STATUS_MEANINGS: Readonly<Record<HousekeepingTaskStatus, string>> = {
  OPEN: 'Still to do; it can be assigned and completed.',
  DONE: 'Completed (completedAt); it stays with whoever did it.',
};
@ObjectType({ simpleResolvers: true, description: 'Work housekeeping is to do in one room: a cleaning, an inspection, a turndown.' })
@Entity({ tableName: 'housekeeping_tasks' })
export class HousekeepingTask {
  @Field(() => ID, { description: 'Unique among housekeeping tasks; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Room, { deleteRule: 'cascade' })
  room!: Rel<Room>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  assignedTo?: Rel<User> | null;

  @Field(() => HousekeepingTaskKind, { description: 'What is to be done.' })
  @Enum({ items: () => HousekeepingTaskKind, type: 'string' })
  kind!: HousekeepingTaskKind;

  @Field(() => HousekeepingTaskStatus, { description: 'Whether it is still to do.' })
  @Enum({ items: () => HousekeepingTaskStatus, type: 'string', default: HousekeepingTaskStatus.OPEN })
  status: Opt<HousekeepingTaskStatus> = HousekeepingTaskStatus.OPEN;

  @Field(() => String, { nullable: true, description: 'Free text for whoever does it; null when none.' })
  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Field(() => Date, { description: 'When it was made.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;

  @Field(() => Date, { nullable: true, description: 'When it was done; null while OPEN.' })
  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;
}
