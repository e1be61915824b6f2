import { Check, Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/** Who started an integrity run. */
export enum IntegrityRunTrigger {
  SCHEDULE = 'SCHEDULE',
  API = 'API',
  CLI = 'CLI',
}
export const INTEGRITY_RUN_TRIGGER_MEANINGS: Readonly<Record<IntegrityRunTrigger, string>> = {
  SCHEDULE: 'The schedule of DATABASE_INTEGRITY_CHECKS, in one of the API processes.',
  API: 'A caller of integrityReport.',
  CLI: 'npm run integrity:report (cron, CI, an operator).',
};

/** Which rows a run looked at. */
export enum IntegrityRunMode {
  FULL = 'FULL',
  INCREMENTAL = 'INCREMENTAL',
}
export const INTEGRITY_RUN_MODE_MEANINGS: Readonly<Record<IntegrityRunMode, string>> = {
  FULL: 'Every row of every table the checks read.',
  INCREMENTAL: 'Only the rows written since the previous complete run, with the violations that run found; see the README.',
};

/** How a run ended. */
export enum IntegrityRunOutcome {
  PASSED = 'PASSED',
  VIOLATIONS = 'VIOLATIONS',
  CHECK_ERRORS = 'CHECK_ERRORS',
  ABORTED = 'ABORTED',
}
export const INTEGRITY_RUN_OUTCOME_MEANINGS: Readonly<Record<IntegrityRunOutcome, string>> = {
  PASSED: 'Every check ran and passed.',
  VIOLATIONS: 'Every check ran; some found rows (or constraints, indexes, triggers) that break their rule.',
  CHECK_ERRORS: 'Some checks could not run (a timeout, a refused statement); the others’ results stand.',
  ABORTED: 'The run itself could not finish (the database went away, say): no check results.',
};

/**
 * One run of the integrity report, whoever started it: the history integrityRuns reads,
 * swept after INTEGRITY_RUN_RETENTION_DAYS (never the latest run). Who asked is kept as
 * plain ids and a label, as audit entries keep their actor, so a run outlives its caller.
 */
@Entity({ tableName: 'integrity_runs' })
@Index({ name: 'integrity_runs_started_at_index', properties: ['startedAt'] })
@Check({ name: 'integrity_runs_duration_check', expression: 'duration_ms >= 0 and finished_at >= started_at' })
@Check({
  name: 'integrity_runs_counts_check',
  expression: 'checks_failed >= 0 and checks_failed <= checks_run and checks_newly_failing >= 0 and checks_newly_failing <= checks_failed',
})
@Check({ name: 'integrity_runs_caller_check', expression: "(trigger = 'API') = (requested_by is not null)" })
@Check({ name: 'integrity_runs_aborted_check', expression: "(outcome = 'ABORTED') = (error is not null)" })
export class IntegrityRun {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Enum({ items: () => IntegrityRunTrigger, type: 'string' })
  trigger!: IntegrityRunTrigger;

  @Enum({ items: () => IntegrityRunMode, type: 'string' })
  mode!: IntegrityRunMode;

  @Enum({ items: () => IntegrityRunOutcome, type: 'string' })
  outcome!: IntegrityRunOutcome;

  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Property({ type: 'datetime' })
  finishedAt!: Date;

  @Property({ type: 'integer' })
  durationMs!: number;

  /** The caller, as audit entries name actors: "user:3 via token:7 (admin session)"; null for the schedule and the CLI. */
  @Property({ type: 'string', length: 255, nullable: true })
  requestedBy?: string | null;

  @Property({ type: 'integer', nullable: true })
  requestedByUserId?: number | null;

  @Property({ type: 'integer', nullable: true })
  requestedByTokenId?: number | null;

  /** The checks asked for (names and prefixes); null for all of them. */
  @Property({ type: 'text[]', nullable: true })
  selection?: string[] | null;

  @Property({ type: 'integer', default: 0 })
  checksRun: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  checksFailed: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  checksNewlyFailing: Opt<number> = 0;

  /**
   * The xmin of the run's snapshot, for a run of every check: the base an incremental run
   * reads changes from (integrity_changes with txId at least this). Null for a selection.
   */
  @Property({ columnType: 'xid8', nullable: true })
  snapshotXmin?: string | null;

  /** Why an ABORTED run could not finish, in safe words (the log has the rest). */
  @Property({ type: 'text', nullable: true })
  error?: string | null;
}
