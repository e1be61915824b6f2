import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ControlPool } from '../db/control-pool';
import { findPage, type Page, type PageRequest } from '../db/keyset-page';
import { IntegrityRunMode, IntegrityRunOutcome, IntegrityRun as IntegrityRunRow, IntegrityRunTrigger } from '../entities/integrity-run.entity';
import { IntegrityRunCheck as IntegrityRunCheckRow } from '../entities/integrity-run-check.entity';
import { ErrorSeverity } from '../errors/error-code';
import { type Caller, describeCaller } from '../kernel/caller';
import { literal } from '../sql';
import { IntegrityCheckKind } from './checks/integrity-check';
import { type CheckFinding, CheckOutcome, type IncrementalBase, type IntegrityFindings, type IntegrityReport } from './integrity-report';

@ObjectType({ simpleResolvers: true, description: 'One check’s result in a stored integrity run.' })
export class IntegrityRunCheck extends CheckOutcome {}

@ObjectType({ simpleResolvers: true, description: 'One run of the integrity report, as the history keeps it (INTEGRITY_RUN_RETENTION_DAYS).' })
export class IntegrityRun {
  @Field(() => ID, { description: 'Unique among integrity runs; never reused. Later runs have higher ids.' })
  id!: number;

  @Field(() => IntegrityRunTrigger, { description: 'Who started it.' })
  trigger!: IntegrityRunTrigger;

  @Field(() => IntegrityRunMode, { description: 'Which rows it looked at.' })
  mode!: IntegrityRunMode;

  @Field(() => IntegrityRunOutcome, { description: 'How it ended.' })
  outcome!: IntegrityRunOutcome;

  @Field(() => Date, { description: 'When it started: the moment of its snapshot.' })
  startedAt!: Date;

  @Field(() => Date, { description: 'When it finished.' })
  finishedAt!: Date;

  @Field(() => Int, { description: 'How long it took, in milliseconds.' })
  durationMs!: number;

  @Field(() => String, { nullable: true, description: 'The caller of integrityReport, as audit entries name actors; null for the schedule and the CLI.' })
  requestedBy!: string | null;

  @Field(() => ID, { nullable: true, description: 'The staff user behind that caller; null for an integration token, the schedule and the CLI.' })
  requestedByUserId!: number | null;

  @Field(() => ID, { nullable: true, description: 'The API token (or session) of that caller; null for the schedule and the CLI.' })
  requestedByTokenId!: number | null;

  @Field(() => [String], { nullable: true, description: 'The checks asked for, names and prefixes; null for every check.' })
  selection!: string[] | null;

  @Field(() => Int, { description: 'Checks run.' })
  checksRun!: number;

  @Field(() => Int, { description: 'Checks that failed, those that could not run included.' })
  checksFailed!: number;

  @Field(() => Int, { description: 'Checks newly failing in it (see IntegrityRunCheck.newlyFailing).' })
  checksNewlyFailing!: number;

  @Field(() => String, { nullable: true, description: 'Why an ABORTED run could not finish; null otherwise.' })
  error!: string | null;
}

/** Who and what a run was, beside what it found. */
export interface RunRequest {
  trigger: IntegrityRunTrigger;
  mode: IntegrityRunMode;
  /** The caller of integrityReport; null for the schedule and the CLI. */
  caller: Caller | null;
  /** The checks asked for; null or empty for all. */
  selection: readonly string[] | null | undefined;
}

/** Arbitrary, fixed: runs are recorded one at a time, so each one's newlyFailing compares with the run stored before it. */
const RECORDING_LOCK_KEY = 7_340_165;

function outcomeOf(checks: readonly CheckFinding[]): IntegrityRunOutcome {
  if (checks.some((check) => check.error !== null)) return IntegrityRunOutcome.CHECK_ERRORS;
  return checks.every((check) => check.passed) ? IntegrityRunOutcome.PASSED : IntegrityRunOutcome.VIOLATIONS;
}

/** Text values as one parameter (JSON): the driver would spread an array into a list of parameters. */
const textArray = (values: readonly string[] | null) => (values === null ? null : JSON.stringify(values));

const whoOf = (request: RunRequest) => ({
  requested_by: request.caller ? describeCaller(request.caller) : null,
  requested_by_user_id: request.caller?.userId ?? null,
  requested_by_token_id: request.caller?.tokenId ?? null,
  selection: request.selection?.length ? [...request.selection] : null,
});

/** Inserts the run row and counts it by outcome; one statement, in the recording's transaction. */
async function insertRun(
  tx: EntityManager,
  request: RunRequest,
  run: {
    outcome: IntegrityRunOutcome;
    startedAt: Date;
    durationMs: number;
    checksRun: number;
    checksFailed: number;
    checksNewlyFailing: number;
    error: string | null;
    snapshotXmin: string | null;
  },
): Promise<number> {
  const who = whoOf(request);
  const [{ id }] = await tx.execute<{ id: number }[]>(
    `with run as (
       insert into integrity_runs (trigger, mode, outcome, started_at, finished_at, duration_ms, requested_by, requested_by_user_id, requested_by_token_id,
                                   selection, checks_run, checks_failed, checks_newly_failing, error, snapshot_xmin)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, (select array_agg(s) from jsonb_array_elements_text(?::jsonb) s), ?, ?, ?, ?, ?::xid8)
       returning id, outcome),
     counted as (
       insert into integrity_run_totals (outcome, total) select outcome, 1 from run
       on conflict (outcome) do update set total = integrity_run_totals.total + 1)
     select id from run`,
    [
      request.trigger,
      request.mode,
      run.outcome,
      run.startedAt,
      new Date(run.startedAt.getTime() + run.durationMs),
      run.durationMs,
      who.requested_by,
      who.requested_by_user_id,
      who.requested_by_token_id,
      textArray(who.selection),
      run.checksRun,
      run.checksFailed,
      run.checksNewlyFailing,
      run.error,
      run.snapshotXmin,
    ],
  );
  return id;
}

/**
 * Stores a run and what it found, and answers the report with its run id and, per check,
 * whether it is newly failing: failing now, and passing or absent in the latest stored run
 * that ran it. Runs are recorded one at a time (an advisory lock), so two runs finishing
 * together (the schedule's and an administrator's) compare in turn, never both with the
 * same predecessor. One transaction: the run, its checks and its count land together, with
 * whatever `alongside` writes of it (a notification).
 */
export async function recordIntegrityRun(
  em: EntityManager,
  request: RunRequest,
  findings: IntegrityFindings,
  alongside?: (tx: EntityManager, report: IntegrityReport) => Promise<void>,
): Promise<IntegrityReport> {
  return em.fork({ clear: true }).transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(${RECORDING_LOCK_KEY})`);
    const names = findings.checks.map((check) => check.name);
    const previous = await tx.execute<{ name: string; passed: boolean | null }[]>(
      `select n.name, p.passed from jsonb_array_elements_text(?::jsonb) n(name)
       left join lateral (select c.passed from integrity_run_checks c where c.name = n.name order by c.run_id desc limit 1) p on true`,
      [textArray(names)],
    );
    const passedBefore = new Map(previous.map((row) => [row.name, row.passed]));
    const checks = findings.checks.map((check) => ({ ...check, newlyFailing: !check.passed && passedBefore.get(check.name) !== false }));
    const runId = await insertRun(tx, request, {
      outcome: outcomeOf(findings.checks),
      startedAt: findings.generatedAt,
      durationMs: findings.durationMs,
      checksRun: checks.length,
      checksFailed: checks.filter((check) => !check.passed).length,
      checksNewlyFailing: checks.filter((check) => check.newlyFailing).length,
      error: null,
      // A run of every check is what an incremental run may start from.
      snapshotXmin: request.selection?.length ? null : findings.snapshotXmin,
    });
    const rows = checks.map((check) => ({
      name: check.name,
      kind: check.kind,
      severity: check.severity,
      passed: check.passed,
      violation_count: check.violationCount,
      sample_ids: check.sampleIds,
      newly_failing: check.newlyFailing,
      duration_ms: check.durationMs,
      violation_ids: check.carriedIds,
      error: check.error,
    }));
    await tx.execute(
      `insert into integrity_run_checks (run_id, name, kind, severity, passed, violation_count, sample_ids, newly_failing, duration_ms, violation_ids, error)
       select ?, r.name, r.kind, r.severity, r.passed, r.violation_count, r.sample_ids, r.newly_failing, r.duration_ms, r.violation_ids, r.error
       from jsonb_to_recordset(?::jsonb) as r(name text, kind text, severity text, passed boolean, violation_count int, sample_ids text[],
                                             newly_failing boolean, duration_ms int, violation_ids text[], error text)`,
      [runId, JSON.stringify(rows)],
    );
    const report: IntegrityReport = { runId: String(runId), ok: findings.ok, generatedAt: findings.generatedAt, durationMs: findings.durationMs, checks };
    await alongside?.(tx, report);
    return report;
  });
}

/** Stores a run that could not finish, with why in safe words; answers its id. */
export async function recordAbortedRun(em: EntityManager, request: RunRequest, startedAt: Date, error: string): Promise<number> {
  return em.fork({ clear: true }).transactional((tx) =>
    insertRun(tx, request, {
      outcome: IntegrityRunOutcome.ABORTED,
      startedAt,
      durationMs: Math.max(0, Date.now() - startedAt.getTime()),
      checksRun: 0,
      checksFailed: 0,
      checksNewlyFailing: 0,
      error,
      snapshotXmin: null,
    }),
  );
}

const runOf = (row: IntegrityRunRow): IntegrityRun => ({
  id: row.id,
  trigger: row.trigger,
  mode: row.mode,
  outcome: row.outcome,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
  durationMs: row.durationMs,
  requestedBy: row.requestedBy ?? null,
  requestedByUserId: row.requestedByUserId ?? null,
  requestedByTokenId: row.requestedByTokenId ?? null,
  selection: row.selection ?? null,
  checksRun: row.checksRun,
  checksFailed: row.checksFailed,
  checksNewlyFailing: row.checksNewlyFailing,
  error: row.error ?? null,
});

const checkOf = (row: IntegrityRunCheckRow): IntegrityRunCheck => ({
  name: row.name,
  kind: row.kind as IntegrityCheckKind,
  severity: row.severity as ErrorSeverity,
  passed: row.passed,
  violationCount: row.violationCount,
  sampleIds: row.sampleIds,
  newlyFailing: row.newlyFailing,
  durationMs: row.durationMs,
  error: row.error ?? null,
});

/**
 * A complete run, as SQL on integrity_runs: of every check (only those keep their snapshot's
 * xmin) and finished. What an incremental run may start from, the sweep of the changes keeps
 * for, and /metrics reads the checks of.
 */
export const COMPLETE_RUN = `snapshot_xmin is not null and outcome <> ${literal(IntegrityRunOutcome.ABORTED)}`;

/**
 * The base of an incremental run: the latest stored run of every check that finished,
 * within the history's retention (the changes sweep keeps what such a base needs, and no
 * more), with each of its checks' violating ids where it kept them. Undefined when none.
 */
export async function incrementalBase(em: EntityManager, retentionMs: number): Promise<IncrementalBase | undefined> {
  const [run] = await em.execute<{ id: number; snapshot_xmin: string }[]>(
    `select id, snapshot_xmin::text from integrity_runs
     where ${COMPLETE_RUN} and started_at > now() - make_interval(secs => ?::float8 / 1000) order by id desc limit 1`,
    [retentionMs],
  );
  if (!run) return undefined;
  const checks = await em.execute<{ name: string; violation_ids: string[] }[]>(
    'select name, violation_ids from integrity_run_checks where run_id = ? and violation_ids is not null and error is null',
    [run.id],
  );
  return { runId: String(run.id), snapshotXmin: run.snapshot_xmin, carried: new Map(checks.map((check) => [check.name, check.violation_ids])) };
}

/** How many runs of `trigger` were stored since its latest FULL one; undefined when it never ran in full. */
export async function runsSinceFull(em: EntityManager, trigger: IntegrityRunTrigger): Promise<number | undefined> {
  const [row] = await em.execute<{ n: number | null }[]>(
    `select (select count(*)::int from integrity_runs r where r.trigger = ? and r.id > f.id) as n
     from (select max(id) as id from integrity_runs where trigger = ? and mode = ?) f where f.id is not null`,
    [trigger, trigger, IntegrityRunMode.FULL],
  );
  return row?.n ?? undefined;
}

/** The history, newest first. */
export async function listIntegrityRuns(em: EntityManager, page: PageRequest): Promise<Page<IntegrityRun>> {
  const rows = await findPage(em, IntegrityRunRow, {}, ['id'], page, undefined, 'desc');
  return { ...rows, nodes: rows.nodes.map(runOf) };
}

export async function findIntegrityRun(em: EntityManager, id: number): Promise<IntegrityRun | null> {
  const row = await em.findOne(IntegrityRunRow, { id }, { disableIdentityMap: true });
  return row && runOf(row);
}

/** The stored results of many runs' checks in one statement, in run order per run. */
export async function checksOfRuns(em: EntityManager, runIds: readonly number[]): Promise<Map<number, IntegrityRunCheck[]>> {
  const rows = await em.find(IntegrityRunCheckRow, { run: { $in: [...runIds] } }, { orderBy: { id: 'asc' }, disableIdentityMap: true });
  const byRun = new Map<number, IntegrityRunCheck[]>(runIds.map((id) => [id, []]));
  for (const row of rows) byRun.get(row.run.id)?.push(checkOf(row));
  return byRun;
}

/** A check's latest stored result: what /metrics says of the data's integrity, the same from every process. */
export interface LatestCheckResult {
  name: string;
  kind: string;
  severity: string;
  passed: boolean;
  violationCount: number;
}

/** The latest run of each trigger: when it finished and how long it took. */
export interface LatestRun {
  trigger: IntegrityRunTrigger;
  finishedAt: Date;
  durationMs: number;
}

/** What the history says now, for /metrics: each check's latest result, each trigger's latest run, the runs by outcome ever. */
export async function integrityStanding(query: ControlPool['query']): Promise<{
  checks: LatestCheckResult[];
  runs: LatestRun[];
  totals: { outcome: IntegrityRunOutcome; total: number }[];
}> {
  const [checks, runs, totals] = await Promise.all([
    query<{ name: string; kind: string; severity: string; passed: boolean; violation_count: number }>(
      // The checks of the latest complete run, each with its result from that run or a later one (an administrator's single check):
      // a check that no longer exists (its constraint dropped) is not reported failing for ever.
      `with base as (select coalesce(max(id) filter (where ${COMPLETE_RUN}), 0) as id from integrity_runs)
       select distinct on (c.name) c.name, c.kind, c.severity, c.passed, c.violation_count
       from integrity_run_checks c, base
       where c.run_id >= base.id and (base.id = 0 or c.name in (select b.name from integrity_run_checks b where b.run_id = base.id))
       order by c.name, c.run_id desc`,
      [],
      'integrity latest checks',
    ),
    query<{ trigger: IntegrityRunTrigger; finished_at: Date; duration_ms: number }>(
      `select distinct on (trigger) trigger, finished_at, duration_ms from integrity_runs order by trigger, id desc`,
      [],
      'integrity latest runs',
    ),
    query<{ outcome: IntegrityRunOutcome; total: string }>('select outcome, total from integrity_run_totals', [], 'integrity run totals'),
  ]);
  return {
    checks: checks.map((row) => ({ name: row.name, kind: row.kind, severity: row.severity, passed: row.passed, violationCount: row.violation_count })),
    runs: runs.map((row) => ({ trigger: row.trigger, finishedAt: new Date(row.finished_at), durationMs: row.duration_ms })),
    totals: totals.map((row) => ({ outcome: row.outcome, total: Number(row.total) })),
  };
}
