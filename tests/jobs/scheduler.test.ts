import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { ControlPool } from '../../src/db/control-pool';
import { WINDOW_SLICES } from '../../src/errors/error-monitor';
import { type Job, startScheduler } from '../../src/jobs/scheduler';
import { sweepJobs } from '../../src/jobs/sweeps';
import { createLogger } from '../../src/logging/logger';
import { useTestDatabase } from '../support/test-database';

let controls: ControlPool[];
const logger = createLogger('silent');
const db = useTestDatabase();
beforeAll(async () => {
  controls = [db.controlPool(), db.controlPool()];
});

describe('the scheduler', () => {
  it('runs a job once per interval however many processes tick it', async () => {
    const intervalMs = 400;
    const runs: number[] = [];
    const job: Job = {
      name: `counted job ${Math.random()}`,
      intervalMs,
      run: async () => {
        runs.push(performance.now());
        return undefined;
      },
    };
    // Two schedulers on connections of their own, as two API processes have.
    const schedulers = controls.map((control) => startScheduler(control, [job], logger));
    await sleep(intervalMs * 5);
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));

    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(6);
    const gaps = runs.slice(1).map((at, i) => at - runs[i]);
    // PostgreSQL's clock decides the claim, this process's the timestamps: a few ms apart at most.
    expect(Math.min(...gaps)).toBeGreaterThan(intervalMs - 50);
    expect(await db.rows('select name from scheduled_jobs where name = $1', [job.name])).toHaveLength(1);
  });

  it('runs a daily job once after its local time came round, whichever process ticks first, and not again that day', async () => {
    const name = `daily job ${Math.random()}`;
    let runs = 0;
    // Due at 00:00 in the zone, ticking every 50 ms in two processes.
    const job: Job = { name, intervalMs: 200, daily: { at: '00:00', timeZone: 'Pacific/Kiritimati' }, run: async () => ({ ran: ++runs }) };
    // Last run a second before today's 00:00 there: due.
    await db.sql.query(
      `insert into scheduled_jobs (name, last_run_at) values ($1, ((now() at time zone 'Pacific/Kiritimati')::date + time '00:00') at time zone 'Pacific/Kiritimati' - interval '1 second')`,
      [name],
    );
    const schedulers = controls.map((control) => startScheduler(control, [job], logger));
    await sleep(700);
    expect(runs).toBe(1);
    // Run since today's 00:00: nothing more until tomorrow's.
    await sleep(500);
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
    expect(runs).toBe(1);
    const [{ after }] = await db.rows<{ after: boolean }>(
      `select last_run_at >= ((now() at time zone 'Pacific/Kiritimati')::date + time '00:00') at time zone 'Pacific/Kiritimati' as after from scheduled_jobs where name = $1`,
      [name],
    );
    expect(after).toBe(true);
  });

  it('keeps ticking after a run that failed', async () => {
    let attempts = 0;
    const job: Job = {
      name: `failing job ${Math.random()}`,
      intervalMs: 200,
      run: async () => {
        attempts++;
        throw new Error('the disk is full');
      },
    };
    const scheduler = startScheduler(controls[0], [job], logger);
    await sleep(700);
    await scheduler.stop();
    expect(attempts).toBeGreaterThanOrEqual(2);
  });
});

describe('the sweeps', () => {
  const config = { ...loadConfig({}), loginFailureWindowMs: 60_000, errorFrequencyWindowMs: 60_000 };
  const sliceMs = config.errorFrequencyWindowMs / WINDOW_SLICES;
  const sliceOf = (time: number) => Math.floor(time / sliceMs);
  const run = async (name: string) => {
    const job = sweepJobs(controls[0], config, sliceOf).find((candidate) => candidate.name === name);
    if (!job) throw new Error(`no job ${name}`);
    return job.run();
  };

  it('removes expired idempotency records and keeps the live ones', async () => {
    await db.sql.query(
      `insert into idempotency_records (scoped_key, request_hash, response, expires_at)
       select 'sweep:old:' || i, 'h', '{}'::jsonb, now() - interval '1 second' from generate_series(1, 12) i
       union all select 'sweep:live:' || i, 'h', '{}'::jsonb, now() + interval '1 hour' from generate_series(1, 3) i`,
    );
    expect(await run('idempotency sweep')).toEqual({ removed: 12 });
    const left = await db.rows<{ scoped_key: string }>(`select scoped_key from idempotency_records where scoped_key like 'sweep:%' order by scoped_key`);
    expect(left.map((row) => row.scoped_key)).toEqual(['sweep:live:1', 'sweep:live:2', 'sweep:live:3']);
  });

  it('removes login attempts older than the window, which no longer count', async () => {
    await db.sql.query(
      `insert into login_attempts (key, attempted_at)
       select 'email:old@hotel.test', now() - interval '61 seconds' from generate_series(1, 7)
       union all select 'email:recent@hotel.test', now() - interval '10 seconds' from generate_series(1, 2)`,
    );
    expect(await run('login attempts sweep')).toEqual({ removed: 7 });
    expect(await db.rows(`select key from login_attempts where key like 'email:%@hotel.test'`)).toEqual([
      { key: 'email:recent@hotel.test' },
      { key: 'email:recent@hotel.test' },
    ]);
  });

  it('removes integrity runs past their retention with their checks, keeps the latest whatever its age, and the totals', async () => {
    const runs = (days: number, count: number) =>
      db.sql.query(
        `insert into integrity_runs (trigger, mode, outcome, started_at, finished_at, duration_ms, checks_run)
         select 'SCHEDULE', 'FULL', 'PASSED', now() - make_interval(days => $1), now() - make_interval(days => $1), 1, 1 from generate_series(1, $2)`,
        [days, count],
      );
    // 60 runs of 40 days ago, 5 of 10 days ago, and the latest, of 35 days ago (the schedule stopped since).
    await runs(40, 60);
    await runs(10, 5);
    await runs(35, 1);
    await db.sql.query(
      `insert into integrity_run_checks (run_id, name, kind, severity, passed, violation_count, sample_ids, newly_failing, duration_ms)
       select id, 'rule:loyalty_balance', 'RULE', 'MEDIUM', true, 0, '{}', false, 1 from integrity_runs`,
    );
    await db.sql.query(`insert into integrity_run_totals (outcome, total) values ('PASSED', 66)`);
    expect(await run('integrity runs sweep')).toEqual({ removed: 60 });
    expect(await db.rows(`select (now() - started_at > interval '30 days') as old, count(*)::int as n from integrity_runs group by 1 order by 1`)).toEqual([
      { old: false, n: 5 },
      { old: true, n: 1 },
    ]);
    expect(await db.rows('select count(*)::int as n from integrity_run_checks')).toEqual([{ n: 6 }]);
    expect(await db.rows('select outcome, total::int from integrity_run_totals')).toEqual([{ outcome: 'PASSED', total: 66 }]);
  });

  it('removes alerts sent or given up past the webhooks’ retention, and keeps those still to send', async () => {
    await db.sql.query(
      `insert into alert_deliveries (alert, status, delivered_at, created_at) values
         ('{}', 'DELIVERED', now(), now() - interval '31 days'), ('{}', 'FAILED', null, now() - interval '31 days'),
         ('{}', 'PENDING', null, now() - interval '31 days'), ('{}', 'DELIVERED', now(), now() - interval '1 day')`,
    );
    expect(await run('alert deliveries sweep')).toEqual({ removed: 2 });
    expect(await db.rows(`select status, (now() - created_at > interval '30 days') as old from alert_deliveries order by id`)).toEqual([
      { status: 'PENDING', old: true },
      { status: 'DELIVERED', old: false },
    ]);
  });

  it('removes error counts of slices past the window and keeps the totals', async () => {
    const now = sliceOf(Date.now());
    await db.sql.query(
      `insert into error_counts (category, code, constraint_name, slice, count, last_seen_at) values
         ('VALIDATION', 'VALIDATION_FAILED', '', $1, 4, now()), ('VALIDATION', 'VALIDATION_FAILED', '', $2, 2, now())`,
      [String(now - WINDOW_SLICES - 1), String(now)],
    );
    await db.sql.query(
      `insert into error_totals (category, code, constraint_name, total, last_seen_at) values ('VALIDATION', 'VALIDATION_FAILED', '', 6, now())`,
    );
    expect(await run('error counts sweep')).toEqual({ removed: 1 });
    expect(await db.rows(`select slice::bigint - $1 as age, count from error_counts`, [String(now)])).toEqual([{ age: '0', count: 2 }]);
    expect(await db.rows('select total::int from error_totals')).toEqual([{ total: 6 }]);
  });

  it('removes the error history’s minutes older than ERROR_HISTORY_HOURS and keeps the rest', async () => {
    await db.sql.query(
      `insert into error_minutes (category, code, constraint_name, minute, count)
       select 'VALIDATION', code, '', date_trunc('minute', now() - age), 3
       from unnest(array['VALIDATION_FAILED', 'NOT_FOUND']) code,
            unnest(array[interval '30 days', interval '25 hours', interval '24 hours 1 minute', interval '23 hours 59 minutes', interval '0']) age`,
    );
    expect(config.errorHistoryMs).toBe(24 * 3_600_000);
    expect(await run('error history sweep')).toEqual({ removed: 6 });
    const left = await db.rows<{ code: string; hours: number }>(
      `select code, round(extract(epoch from now() - minute) / 3600)::int as hours from error_minutes order by code, minute`,
    );
    expect(left).toEqual([
      { code: 'NOT_FOUND', hours: 24 },
      { code: 'NOT_FOUND', hours: 0 },
      { code: 'VALIDATION_FAILED', hours: 24 },
      { code: 'VALIDATION_FAILED', hours: 0 },
    ]);
  });
});
