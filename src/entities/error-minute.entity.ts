import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { ErrorKindKey } from './error-kind-key';

/**
 * How often one kind of error (category, code, constraint name; empty for none) was answered
 * in one minute, by every API process together: the history `errorHistory` charts. Unlike
 * error_counts it outlives the frequency window, until ERROR_HISTORY_HOURS have passed; at
 * most one row per kind and minute keeps it bounded.
 */
@Entity({ tableName: 'error_minutes' })
@Check({ name: 'error_minutes_count_check', expression: 'count > 0' })
@Check({ name: 'error_minutes_minute_check', expression: 'mod(extract(epoch from minute), 60) = 0' })
export class ErrorMinute extends ErrorKindKey {
  /** The minute's start; the sweep and the chart's range read by it. */
  @PrimaryKey({ type: 'datetime' })
  @Index({ name: 'error_minutes_minute_index' })
  minute!: Date;

  @Property({ type: 'integer' })
  count!: number;
}
