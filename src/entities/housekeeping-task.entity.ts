import { Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Room } from './room.entity';
import { User } from './user.entity';

export enum HousekeepingTaskKind {
  CLEANING = 'CLEANING',
  INSPECTION = 'INSPECTION',
  TURNDOWN = 'TURNDOWN',
}
export enum HousekeepingTaskStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
}
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'housekeeping_tasks' })
export class HousekeepingTask {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Room, { deleteRule: 'cascade' })
  room!: Rel<Room>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  assignedTo?: Rel<User> | null;

  @Field(() => HousekeepingTaskKind)
  @Enum({ items: () => HousekeepingTaskKind, type: 'string' })
  kind!: HousekeepingTaskKind;

  @Field(() => HousekeepingTaskStatus)
  @Enum({ items: () => HousekeepingTaskStatus, type: 'string', default: HousekeepingTaskStatus.OPEN })
  status: Opt<HousekeepingTaskStatus> = HousekeepingTaskStatus.OPEN;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;
}
