import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Integrity runs by outcome since counting began, counted in the transaction that stores
 * each run and never swept: the counter /metrics exports, which must not fall when the
 * history's retention removes old runs.
 */
@Entity({ tableName: 'integrity_run_totals' })
@Check({ name: 'integrity_run_totals_total_check', expression: 'total > 0' })
export class IntegrityRunTotal {
  @PrimaryKey({ type: 'string', length: 20 })
  outcome!: string;

  @Property({ type: 'bigint' })
  total!: string;
}
