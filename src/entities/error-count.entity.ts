import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { ErrorKindKey } from './error-kind-key';

/**
 * How often one kind of error (category, code, constraint name; empty for none) was answered in one
 * time slice of the error frequency window, by every API process together.
 */
@Entity({ tableName: 'error_counts' })
@Check({ name: 'error_counts_count_check', expression: 'count > 0' })
export class ErrorCount extends ErrorKindKey {
  /** The slice: epoch milliseconds divided by the slice's length; never generated (MikroORM would take a lone numeric key for a sequence). */
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  slice!: string;

  @Property({ type: 'integer' })
  count!: number;

  @Property({ type: 'datetime' })
  lastSeenAt!: Date;
}
