import { Check, Entity, Property } from '@mikro-orm/core';
import { ErrorKindKey } from './error-kind-key';

/**
 * How often one kind of error was answered since the counts began, by every API process
 * together, and when the last alert about it was raised (one per window, by one process).
 */
@Entity({ tableName: 'error_totals' })
@Check({ name: 'error_totals_total_check', expression: 'total > 0' })
export class ErrorTotal extends ErrorKindKey {
  @Property({ type: 'bigint' })
  total!: string;

  @Property({ type: 'datetime' })
  lastSeenAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  lastAlertAt?: Date | null;
}
