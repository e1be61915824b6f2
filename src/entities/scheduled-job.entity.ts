import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * When a scheduled job last ran: the row a process claims to run it, so that each
 * interval runs once however many API processes share the database.
 */
@Entity({ tableName: 'scheduled_jobs' })
export class ScheduledJob {
  @PrimaryKey({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'datetime' })
  lastRunAt!: Date;
}
