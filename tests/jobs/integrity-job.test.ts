import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCLUSIVE_RUN_LOCK_KEY } from '../../src/integrity/integrity-report';
import { type ListeningApi, startApiProcesses, stopApiProcesses } from '../support/spawn-api';
import { useTestApi } from '../support/test-api';
import { type TestDatabase, useTestDatabase } from '../support/test-database';

const TOKEN = 'integrity-schedule-admin-token-0123456789';

const scheduledRuns = (db: { rows: TestDatabase['rows'] }) =>
  db.rows<{ id: number; started: number; outcome: string; checks_run: number }>(
    `select id, extract(epoch from started_at) * 1000 as started, outcome, checks_run from integrity_runs where trigger = 'SCHEDULE' order by id`,
  );

describe('the scheduled integrity report with two API processes', () => {
  let apis: ListeningApi[] = [];
  const db = useTestDatabase();
  beforeAll(async () => {
    apis = await startApiProcesses(2, { DATABASE_URL: db.url, HOTEL_BOOTSTRAP_ADMIN_TOKEN: TOKEN, DATABASE_INTEGRITY_CHECKS: '2s' }, TOKEN);
  }, 60_000);
  afterAll(async () => {
    await stopApiProcesses(apis);
  });

  it('runs each 2-second interval once between them, every check, each run stored', async () => {
    await expect.poll(async () => (await scheduledRuns(db)).length, { timeout: 20_000, interval: 200 }).toBeGreaterThanOrEqual(1);
    const first = (await scheduledRuns(db))[0];
    await sleep(9_000);
    const runs = (await scheduledRuns(db)).filter((run) => run.id >= first.id);
    // 9 s after the first run: the four intervals after it, a fifth if the last claim fell just inside.
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.length).toBeLessThanOrEqual(6);
    const gaps = runs.slice(1).map((run, i) => Number(run.started) - Number(runs[i].started));
    // PostgreSQL's clock decides the claim, each process's clock stamps the start: a few ms apart at most.
    expect(Math.min(...gaps)).toBeGreaterThan(1_900);
    const [{ checks }] = await db.rows<{ checks: number }>(`select count(*)::int as checks from integrity_run_checks where run_id = $1`, [first.id]);
    expect(runs.map((run) => [run.outcome, run.checks_run])).toEqual(runs.map(() => ['PASSED', checks]));
    // Each stored run was recorded by one of the two processes, and by it alone.
    const recorded = apis.map(({ api }) => api.stdout().match(/"msg":"integrity run recorded"/g)?.length ?? 0);
    expect(recorded.reduce((a, b) => a + b, 0)).toBe((await scheduledRuns(db)).length);
  }, 40_000);
});

describe('the scheduled integrity report in one process', () => {
  let holder: pg.Client;
  const t = useTestApi({ config: { integritySchedule: { kind: 'every', intervalMs: 1000 } } });
  beforeAll(async () => {
    holder = new pg.Client({ connectionString: t.database.url });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end();
  });

  it('runs on a connection of its own, not the request pool’s', async () => {
    await expect.poll(async () => (await scheduledRuns(t.database)).length, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    const sessions = await t.database.rows<{ application_name: string }>(
      `select application_name from pg_stat_activity where datname = current_database() and application_name = 'hotel-api integrity'`,
    );
    expect(sessions).toEqual([{ application_name: 'hotel-api integrity' }]);
  });

  it('gives way while another exclusive run holds the lock, and runs again once it is let go', async () => {
    await holder.query('select pg_advisory_lock($1)', [EXCLUSIVE_RUN_LOCK_KEY]);
    // A run that began before the lock was taken ends within its own time; none starts after.
    await sleep(1_500);
    const before = (await scheduledRuns(t.database)).length;
    const skippedBefore = t.logLines.filter((line) => line.msg === 'scheduled job ran' && line.skipped).length;
    await sleep(2_500);
    expect((await scheduledRuns(t.database)).length).toBe(before);
    expect(t.logLines.filter((line) => line.msg === 'scheduled job ran' && line.skipped).length).toBeGreaterThanOrEqual(skippedBefore + 2);
    await holder.query('select pg_advisory_unlock($1)', [EXCLUSIVE_RUN_LOCK_KEY]);
    await expect.poll(async () => (await scheduledRuns(t.database)).length, { timeout: 5_000, interval: 100 }).toBeGreaterThan(before);
  }, 20_000);
});
