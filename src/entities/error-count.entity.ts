import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * How often one kind of error (category, code, constraint name; empty for none) was answered in one
 * time slice of the error frequency window, by every API process together.
 */
@Entity({ tableName: 'error_counts' })
@Check({ name: 'error_counts_count_check', expression: 'count > 0' })
export class ErrorCount {
  @PrimaryKey({ type: 'string', length: 40 })
  category!: string;

  @PrimaryKey({ type: 'string', length: 60 })
  code!: string;

  @PrimaryKey({ type: 'string', length: 100 })
  constraintName!: string;

  /** The slice: epoch milliseconds divided by the slice's length. */
  @PrimaryKey({ type: 'bigint' })
  slice!: string;

  @Property({ type: 'integer' })
  count!: number;

  @Property({ type: 'datetime' })
  lastSeenAt!: Date;
}
