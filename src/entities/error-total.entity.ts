import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * How often one kind of error was answered since the counts began, by every API process
 * together, and when the last alert about it was raised (one per window, by one process).
 */
@Entity({ tableName: 'error_totals' })
@Check({ name: 'error_totals_total_check', expression: 'total > 0' })
export class ErrorTotal {
  @PrimaryKey({ type: 'string', length: 40 })
  category!: string;

  @PrimaryKey({ type: 'string', length: 60 })
  code!: string;

  @PrimaryKey({ type: 'string', length: 100 })
  constraintName!: string;

  @Property({ type: 'bigint' })
  total!: string;

  @Property({ type: 'datetime' })
  lastSeenAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  lastAlertAt?: Date | null;
}
