import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { IntegrityRun } from './integrity-run.entity';

/** The most sample ids a stored result keeps: integrityReport's sampleLimit at most. */
export const MAX_STORED_SAMPLE_IDS = 100;
/** The most violating ids a result keeps for the next incremental run; a check with more runs in full next time. */
export const MAX_CARRIED_IDS = 1000;

/**
 * One check's result in one integrity run: whether it passed, how many rows broke it, the
 * first of their ids, and whether it is newly failing (failing now, passing or never run
 * in the previous run that ran it). It goes with its run.
 */
@Entity({ tableName: 'integrity_run_checks' })
@Unique({ name: 'integrity_run_checks_run_name_unique', properties: ['run', 'name'] })
@Index({ name: 'integrity_run_checks_name_run_index', properties: ['name', 'run'] })
@Check({
  name: 'integrity_run_checks_counts_check',
  expression: `violation_count >= 0 and duration_ms >= 0 and cardinality(sample_ids) <= ${MAX_STORED_SAMPLE_IDS} and cardinality(violation_ids) <= ${MAX_CARRIED_IDS}`,
})
@Check({ name: 'integrity_run_checks_passed_check', expression: 'not passed or (violation_count = 0 and error is null)' })
@Check({ name: 'integrity_run_checks_newly_failing_check', expression: 'not (passed and newly_failing)' })
export class IntegrityRunCheck {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => IntegrityRun, { deleteRule: 'cascade' })
  run!: Rel<IntegrityRun>;

  @Property({ type: 'string', length: 300 })
  name!: string;

  /** IntegrityCheckKind, as the report names it. */
  @Property({ type: 'string', length: 20 })
  kind!: string;

  /** ErrorSeverity, as the report names it. */
  @Property({ type: 'string', length: 10 })
  severity!: string;

  @Property({ type: 'boolean' })
  passed!: boolean;

  @Property({ type: 'integer' })
  violationCount!: number;

  @Property({ type: 'text[]' })
  sampleIds!: string[];

  @Property({ type: 'boolean' })
  newlyFailing!: boolean;

  @Property({ type: 'integer' })
  durationMs!: number;

  /**
   * Every violating id when there are at most MAX_CARRIED_IDS, for the next incremental run
   * to look at again; null when there were more, or the check could not run or has no rows.
   */
  @Property({ type: 'text[]', nullable: true })
  violationIds?: string[] | null;

  /** Why the check could not run, as the report says it. */
  @Property({ type: 'text', nullable: true })
  error?: string | null;
}
