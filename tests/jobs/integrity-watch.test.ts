import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { IntegrityRunTrigger } from '../../src/entities/integrity-run.entity';
import { RequestError } from '../../src/errors/request-error';
import { integrityDeskNotice } from '../../src/jobs/integrity-desk-notice';
import { createIntegrityWatch, type IntegrityWatch } from '../../src/jobs/integrity-watch';
import { createLogger } from '../../src/logging/logger';
import { asReplica } from '../support/integrity-fixtures';
import { useTestDatabase } from '../support/test-database';

const ROOT = path.join(__dirname, '..', '..');
const logger = createLogger('silent');
const config = { ...loadConfig({}), integrityStatementTimeoutMs: 10_000 };

let watch: IntegrityWatch;
let guestId: number;
const db = useTestDatabase();
beforeAll(async () => {
  watch = createIntegrityWatch({ url: db.url, config, logger, listeners: [integrityDeskNotice(config, logger, (severity) => severity === 'HIGH')] });
  [{ id: guestId }] = await db.rows<{ id: number }>(
    `insert into customers (first_name, last_name, email) values ('Cy', 'Watch', 'cy@watch.test') returning id`,
  );
});
afterAll(async () => {
  await watch.close();
});

const deskNotices = () =>
  db.rows<{ message: string }>(`select message from notifications where kind = 'INTEGRITY_CHECK_FAILED' and for_role = 'ADMIN' order by id`);

describe('the integrity watch', () => {
  it('tells the administrators’ desk what a scheduled run finds newly failing, once, leaving alerted severities to their alerts', async () => {
    expect((await watch.run({ trigger: IntegrityRunTrigger.SCHEDULE, checks: ['rule:', 'orphan:payments.'] })).ok).toBe(true);
    const [{ id: bookingId }] = await db.rows<{ id: number }>(
      `with t as (insert into room_types (name, capacity, base_rate) values ('Watch', 2, 90) returning id),
            r as (insert into rooms (number, floor, room_type_id) select 'W1', 1, id from t returning id)
       insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) select r.id, $1, '2031-05-01', '2031-05-03', 1, 0 from r returning id`,
      [guestId],
    );
    const [{ id: paymentId }] = await db.rows<{ id: number }>(
      `insert into payments (booking_id, amount, currency, method) values ($1, 10, 'EUR', 'CASH') returning id`,
      [bookingId],
    );
    // A MEDIUM failure (told here) and a HIGH one (left to its alert); the payment also overpays its bill of 0 (HIGH).
    await db.sql.query('update customers set loyalty_points = 3 where id = $1', [guestId]);
    await asReplica(db.sql, () => db.sql.query('update payments set booking_id = 2000000000 where id = $1', [paymentId]));
    const report = await watch.run({ trigger: IntegrityRunTrigger.SCHEDULE, checks: ['rule:', 'orphan:payments.'] });
    expect(report.checks.filter((check) => check.newlyFailing).map((check) => [check.name, check.severity])).toEqual([
      ['orphan:payments.booking_id', 'HIGH'],
      ['rule:loyalty_balance', 'MEDIUM'],
    ]);
    expect(await deskNotices()).toEqual([
      {
        message: `The scheduled integrity report of ${report.generatedAt.toISOString()} found 1 newly failing check: rule:loyalty_balance (1 row). Run integrityReport for the rows, repairIntegrity to fix what it can.`,
      },
    ]);
    // Known failures are not told again; an administrator's run tells nobody.
    await watch.run({ trigger: IntegrityRunTrigger.SCHEDULE, checks: ['rule:', 'orphan:payments.'] });
    await db.sql.query('update customers set loyalty_points = 0 where id = $1', [guestId]);
    await watch.run({ trigger: IntegrityRunTrigger.SCHEDULE, checks: ['rule:loyalty_balance'] });
    await db.sql.query('update customers set loyalty_points = 2 where id = $1', [guestId]);
    await watch.run({ trigger: IntegrityRunTrigger.CLI, em: db.orm.em, checks: ['rule:loyalty_balance'] });
    expect(await deskNotices()).toHaveLength(1);
    await db.sql.query('update customers set loyalty_points = 0 where id = $1', [guestId]);
    await asReplica(db.sql, () => db.sql.query('delete from payments where id = $1', [paymentId]));
  });

  it('stores a run that could not finish as ABORTED, with why, and counts it', async () => {
    const before = await db.rows<{ n: number }>(`select count(*)::int as n from integrity_runs where outcome = 'ABORTED'`);
    // The run's own session ends under it while its first check is about to run.
    const running = watch.run({
      trigger: IntegrityRunTrigger.SCHEDULE,
      onProgress: async ({ index, result }) => {
        if (index === 0 && !result) await db.sql.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'hotel-api integrity'`);
      },
    });
    await expect(running).rejects.toThrow();
    const aborted = await db.rows(`select trigger, outcome, checks_run, error from integrity_runs where outcome = 'ABORTED' order by id desc limit 1`);
    expect(aborted).toEqual([
      {
        trigger: 'SCHEDULE',
        outcome: 'ABORTED',
        checks_run: 0,
        error: 'Could not finish: CONNECTION_LOST, The database connection was lost; try again. The log has the details.',
      },
    ]);
    expect(await db.rows(`select count(*)::int as n from integrity_runs where outcome = 'ABORTED'`)).toEqual([{ n: before[0].n + 1 }]);
    expect(await db.rows(`select total::int from integrity_run_totals where outcome = 'ABORTED'`)).toEqual([{ total: 1 }]);
    // The next run opens a connection of its own again.
    expect((await watch.run({ trigger: IntegrityRunTrigger.SCHEDULE, checks: ['rule:loyalty_balance'] })).ok).toBe(true);
  });

  it('stores nothing for a request naming no check: that is no run', async () => {
    const [{ n }] = await db.rows<{ n: number }>('select count(*)::int as n from integrity_runs');
    await expect(watch.run({ trigger: IntegrityRunTrigger.CLI, em: db.orm.em, checks: ['bogus'] })).rejects.toBeInstanceOf(RequestError);
    expect(await db.rows('select count(*)::int as n from integrity_runs')).toEqual([{ n }]);
  });

  it('stores the run of npm run integrity:report as the CLI’s', async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', './scripts/register-ts.cjs', 'scripts/integrity-report.ts', '--json', '--checks', 'rule:'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DATABASE_URL: db.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve({ code: exitCode, stdout: out }));
    });
    expect(code).toBe(0);
    const { runId } = JSON.parse(stdout);
    expect(await db.rows('select trigger, outcome, requested_by, selection from integrity_runs where id = $1', [runId])).toEqual([
      { trigger: 'CLI', outcome: 'PASSED', requested_by: null, selection: ['rule:'] },
    ]);
  }, 30_000);
});
