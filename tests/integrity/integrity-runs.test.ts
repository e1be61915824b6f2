import { beforeAll, describe, expect, it } from 'vitest';
import { IntegrityRunMode, IntegrityRunTrigger } from '../../src/entities/integrity-run.entity';
import type { IntegrityReport } from '../../src/integrity/integrity-report';
import { integrityStanding, type RunRequest, recordIntegrityRun } from '../../src/integrity/integrity-runs';
import { reportOf } from '../support/integrity-fixtures';
import { TEST_ADMIN } from '../support/operation-context';
import { openTestDatabase, useTestDatabase } from '../support/test-database';

let guestId: number;
const db = useTestDatabase();
beforeAll(async () => {
  [{ id: guestId }] = await db.rows<{ id: number }>(
    `insert into customers (first_name, last_name, email) values ('Ada', 'Runs', 'ada@runs.test') returning id`,
  );
});

const SCHEDULED: RunRequest = { trigger: IntegrityRunTrigger.SCHEDULE, mode: IntegrityRunMode.FULL, caller: null, selection: null };
const CHECKS = ['rule:loyalty_balance', 'rule:cancelled_without_time'];

/** Runs the two checks and stores the run as `request` says. */
async function run(request: RunRequest = SCHEDULED, checks = CHECKS): Promise<IntegrityReport> {
  return recordIntegrityRun(db.orm.em, request, await reportOf(db, { checks }));
}
const newly = (report: IntegrityReport) => report.checks.filter((check) => check.newlyFailing).map((check) => check.name);
const loyalty = (points: number) => db.sql.query('update customers set loyalty_points = $1 where id = $2', [points, guestId]);

describe('recordIntegrityRun', () => {
  it('stores the run, each check’s result, and counts it by outcome', async () => {
    const report = await run();
    const [stored] = await db.rows('select * from integrity_runs where id = $1', [report.runId]);
    expect(stored).toMatchObject({
      trigger: 'SCHEDULE',
      mode: 'FULL',
      outcome: 'PASSED',
      requested_by: null,
      selection: null,
      checks_run: 2,
      checks_failed: 0,
      checks_newly_failing: 0,
      error: null,
      duration_ms: report.durationMs,
    });
    expect(new Date(stored.started_at).getTime()).toBe(report.generatedAt.getTime());
    expect(new Date(stored.finished_at).getTime()).toBe(report.generatedAt.getTime() + report.durationMs);
    expect(
      await db.rows(
        'select name, kind, severity, passed, violation_count, sample_ids, newly_failing, error from integrity_run_checks where run_id = $1 order by id',
        [report.runId],
      ),
    ).toEqual([
      {
        name: 'rule:cancelled_without_time',
        kind: 'RULE',
        severity: 'LOW',
        passed: true,
        violation_count: 0,
        sample_ids: [],
        newly_failing: false,
        error: null,
      },
      { name: 'rule:loyalty_balance', kind: 'RULE', severity: 'MEDIUM', passed: true, violation_count: 0, sample_ids: [], newly_failing: false, error: null },
    ]);
    expect(await db.rows('select outcome, total::int from integrity_run_totals')).toEqual([{ outcome: 'PASSED', total: 1 }]);
  });

  it('marks a check newly failing when the latest earlier run that ran it passed, and only then', async () => {
    await loyalty(7);
    const failing = await run();
    expect(newly(failing)).toEqual(['rule:loyalty_balance']);
    expect(failing.checks.find((check) => check.name === 'rule:loyalty_balance')).toMatchObject({
      passed: false,
      violationCount: 1,
      sampleIds: [String(guestId)],
    });
    // Still failing: known since the run before.
    expect(newly(await run())).toEqual([]);
    // A run of the other check alone does not make the failure new again…
    expect(newly(await run(SCHEDULED, ['rule:cancelled_without_time']))).toEqual([]);
    expect(newly(await run())).toEqual([]);
    // …a pass between two failures does.
    await loyalty(0);
    expect(newly(await run())).toEqual([]);
    await loyalty(3);
    const again = await run();
    expect(newly(again)).toEqual(['rule:loyalty_balance']);
    const [stored] = await db.rows('select outcome, checks_failed, checks_newly_failing from integrity_runs where id = $1', [again.runId]);
    expect(stored).toEqual({ outcome: 'VIOLATIONS', checks_failed: 1, checks_newly_failing: 1 });
    await loyalty(0);
  });

  it('a check never run before is newly failing when it fails', async () => {
    const fresh = await openTestDatabase();
    try {
      const [{ id }] = await fresh.rows<{ id: number }>(
        `insert into customers (first_name, last_name, email, loyalty_points) values ('Bo', 'New', 'bo@runs.test', 2) returning id`,
      );
      const report = await recordIntegrityRun(fresh.orm.em, SCHEDULED, await reportOf(fresh, { checks: CHECKS }));
      expect(newly(report)).toEqual(['rule:loyalty_balance']);
      expect(report.checks.find((check) => check.newlyFailing)?.sampleIds).toEqual([String(id)]);
    } finally {
      await fresh.close();
    }
  });

  it('records runs finishing together one after the other: a new failure is new in one of them only', async () => {
    expect((await run()).ok).toBe(true);
    await loyalty(9);
    try {
      const [a, b] = await Promise.all([reportOf(db, { checks: CHECKS }), reportOf(db, { checks: CHECKS })]);
      const recorded = await Promise.all([recordIntegrityRun(db.orm.em, SCHEDULED, a), recordIntegrityRun(db.orm.em, SCHEDULED, b)]);
      expect(recorded.map(newly).sort()).toEqual([[], ['rule:loyalty_balance']]);
    } finally {
      await loyalty(0);
    }
  });

  it('keeps who asked, as a label and ids, and what they asked for', async () => {
    const caller = { ...TEST_ADMIN, tokenId: 41, userId: 7, tokenName: 'admin session' };
    const report = await run({ trigger: IntegrityRunTrigger.API, mode: IntegrityRunMode.FULL, caller, selection: ['rule:', 'orphan:"odd, name"'] });
    expect(
      await db.rows('select trigger, requested_by, requested_by_user_id, requested_by_token_id, selection from integrity_runs where id = $1', [report.runId]),
    ).toEqual([
      {
        trigger: 'API',
        requested_by: 'user:7 via token:41 (admin session)',
        requested_by_user_id: 7,
        requested_by_token_id: 41,
        selection: ['rule:', 'orphan:"odd, name"'],
      },
    ]);
  });
});

describe('integrityStanding, what /metrics reads', () => {
  it('gives each check of the latest complete run its latest result, each trigger its latest run, and the totals never swept', async () => {
    const control = db.controlPool();
    await db.sql.query('delete from integrity_runs');
    const complete = await recordIntegrityRun(db.orm.em, SCHEDULED, await reportOf(db, { checks: ['rule:', 'orphan:payments.'] }));
    // A later run of one check, by an administrator: its result is the latest for that check.
    await loyalty(4);
    const single = await run({ trigger: IntegrityRunTrigger.API, mode: IntegrityRunMode.FULL, caller: TEST_ADMIN, selection: ['rule:loyalty_balance'] }, [
      'rule:loyalty_balance',
    ]);
    await loyalty(0);
    const standing = await integrityStanding(control.query);
    expect(standing.checks.map((check) => check.name)).toEqual(complete.checks.map((check) => check.name).sort());
    expect(standing.checks.filter((check) => !check.passed)).toEqual([
      { name: 'rule:loyalty_balance', kind: 'RULE', severity: 'MEDIUM', passed: false, violationCount: 1 },
    ]);
    expect(standing.runs.map((latest) => latest.trigger).sort()).toEqual(['API', 'SCHEDULE']);
    expect(standing.runs.find((latest) => latest.trigger === 'API')?.durationMs).toBe(single.durationMs);
    // Every run of this file on this database, though all but two rows are gone.
    expect(Object.fromEntries(standing.totals.map((total) => [total.outcome, total.total]))).toEqual({ PASSED: 6, VIOLATIONS: 7 });
    const [{ n }] = await db.rows<{ n: number }>('select count(*)::int as n from integrity_runs');
    expect(n).toBe(2);
  });
});
