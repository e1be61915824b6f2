import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningApi, startApi } from '../../src/http/server';
import { createLogger } from '../../src/logging/logger';
import { useTestApi } from '../support/test-api';

/** A second API process's server on the same database: it runs nothing itself. */
let other: RunningApi;
let guestId: number;
const t = useTestApi({ config: { integritySchedule: { kind: 'every', intervalMs: 900_000 } } });
beforeAll(async () => {
  other = await startApi({ orm: t.orm, config: { ...t.config, integritySchedule: { kind: 'every', intervalMs: 900_000 } }, logger: createLogger('silent') });
  [{ id: guestId }] = await t.database.rows<{ id: number }>(
    `insert into customers (first_name, last_name, email) values ('Mo', 'Metric', 'mo@metric.test') returning id`,
  );
});
afterAll(async () => {
  await other.close();
});

const scrape = async (url: string) => {
  const response = await fetch(url.replace(/\/graphql$/, '/metrics'));
  expect(response.status).toBe(200);
  return response.text();
};
/** The lines of the metrics every process reads from PostgreSQL, sorted. */
const shared = (text: string) =>
  text
    .split('\n')
    .filter((line) => /^hotel_(integrity_|database_up|errors_in_window|error_frequency_)/.test(line))
    .sort();

describe('the metrics read from PostgreSQL at scrape time', () => {
  it('tell the latest run’s result of each check, when runs finished and how long they took, the same from every process', async () => {
    await t.database.sql.query('update customers set loyalty_points = 4 where id = $1', [guestId]);
    const { data } = await t.graphql(`{ integrityReport { runId ok durationMs } }`);
    expect(data!.integrityReport.ok).toBe(false);
    await t.database.sql.query('update customers set loyalty_points = 0 where id = $1', [guestId]);
    const [{ finished }] = await t.database.rows<{ finished: number }>(
      `select extract(epoch from finished_at)::float8 as finished from integrity_runs where id = $1`,
      [data!.integrityReport.runId],
    );
    const text = await scrape(other.url);
    expect(shared(text)).toEqual(shared(await scrape(t.url)));
    expect(text).toContain('hotel_integrity_check_violations{check="rule:loyalty_balance",kind="RULE",severity="MEDIUM"} 1');
    expect(text).toContain('hotel_integrity_check_failing{check="rule:loyalty_balance",kind="RULE",severity="MEDIUM"} 1');
    expect(text).toContain('hotel_integrity_check_failing{check="rule:room_double_booked",kind="RULE",severity="CRITICAL"} 0');
    expect(text).toContain('hotel_integrity_check_violations{check="orphan:payments.booking_id",kind="ORPHAN",severity="HIGH"} 0');
    expect(text).toContain(`hotel_integrity_last_run_timestamp_seconds{trigger="API"} ${finished}`);
    expect(text).toContain(`hotel_integrity_last_run_duration_seconds{trigger="API"} ${data!.integrityReport.durationMs / 1000}`);
    expect(text).toContain('# TYPE hotel_integrity_runs_total counter');
    expect(text).toContain('hotel_integrity_runs_total{outcome="VIOLATIONS"} 1');
    expect(text).toContain('hotel_integrity_schedule_interval_seconds 900');
    expect(text).toContain('hotel_database_up 1');
    const checks = await t.database.rows<{ n: number }>(`select count(*)::int as n from integrity_run_checks where run_id = $1`, [data!.integrityReport.runId]);
    expect(text.match(/^hotel_integrity_check_failing\{/gm)).toHaveLength(checks[0].n);
  });

  it('count the runs by outcome from a total the history’s retention never lowers', async () => {
    await t.graphql(`{ integrityReport(checks: ["rule:loyalty_balance"]) { ok } }`);
    await t.database.sql.query('delete from integrity_runs');
    const text = await scrape(other.url);
    expect(text).toContain('hotel_integrity_runs_total{outcome="VIOLATIONS"} 1');
    expect(text).toContain('hotel_integrity_runs_total{outcome="PASSED"} 1');
    // Nothing left to tell of checks and runs.
    expect(text).not.toMatch(/^hotel_integrity_check_failing\{/m);
    expect(text).not.toMatch(/^hotel_integrity_last_run_timestamp_seconds\{/m);
  });

  it('tell the errors within the window of every process together, beside the threshold the alert compares them with', async () => {
    for (let i = 0; i < 3; i++) await t.graphql('{ rooms(first: 500) { totalCount } }');
    // One process's counts reach the shared ones within ERROR_STATS_FLUSH_MS.
    await expect
      .poll(async () => (await scrape(other.url)).match(/^hotel_errors_in_window\{category="VALIDATION",code="BAD_USER_INPUT",constraint=""\} (\d+)$/m)?.[1], {
        timeout: 5_000,
      })
      .toBe('3');
    const text = await scrape(other.url);
    expect(text).toContain('hotel_error_frequency_threshold 10');
    expect(text).toContain('hotel_error_frequency_window_seconds 60');
  });

  it('say the database is unavailable when it does not answer, and /metrics still answers', async () => {
    const name = t.database.name;
    // From the server's own database: no session may refuse connections to the one it is in.
    const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
    await admin.connect();
    await admin.query(`alter database "${name}" allow_connections false`);
    try {
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'hotel-api control'`, [name]);
      const text = await scrape(other.url);
      expect(text).toContain('hotel_database_up 0');
      expect(text).not.toMatch(/^hotel_integrity_runs_total\{/m);
      expect(text).not.toMatch(/^hotel_errors_in_window\{/m);
      expect(text).toContain('hotel_error_frequency_threshold 10');
    } finally {
      await admin.query(`alter database "${name}" allow_connections true`);
      await admin.end();
    }
    await expect.poll(async () => (await scrape(other.url)).includes('hotel_database_up 1'), { timeout: 5_000 }).toBe(true);
  });
});
