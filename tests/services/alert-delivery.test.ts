import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { ControlPool } from '../../src/db/control-pool';
import { claimDueAlerts, recordAlertOutcome } from '../../src/services/alert-delivery';
import { useTestDatabase } from '../support/test-database';

let control: ControlPool;
const config = { ...loadConfig({}), webhookBackoffBaseMs: 60_000, webhookBackoffCapMs: 60_000, webhookDisableAfterMs: 86_400_000 };
const db = useTestDatabase();
beforeAll(async () => {
  control = db.controlPool();
});

const lease = { batchSize: 10, leaseMs: 60_000 };

describe('the alerts’ outbox', () => {
  it('claims each due alert once for a lease, and records a failure as due again after the backoff', async () => {
    await db.sql.query(`insert into alert_deliveries (alert) values ('{"kind":"CRITICAL_ERROR"}')`);
    const [claimed, ...none] = await claimDueAlerts(control.query, lease);
    expect(none).toEqual([]);
    expect(claimed).toMatchObject({ attempt: 1, alert: { kind: 'CRITICAL_ERROR' } });
    expect(await claimDueAlerts(control.query, lease)).toEqual([]);
    await recordAlertOutcome(control.query, claimed, { delivered: false, statusCode: 503, error: 'HTTP 503' }, config);
    expect(
      await db.rows(
        `select status, attempts, last_status_code, last_error, claimed_until, next_attempt_at > now() + interval '20 seconds' as later from alert_deliveries where id = $1`,
        [claimed.id],
      ),
    ).toEqual([{ status: 'PENDING', attempts: 1, last_status_code: 503, last_error: 'HTTP 503', claimed_until: null, later: true }]);
  });

  it('gives an alert up once it has failed past WEBHOOK_DISABLE_AFTER_SECONDS, and ignores the outcome of an attempt overtaken by another', async () => {
    await db.sql.query(`delete from alert_deliveries`);
    await db.sql.query(`insert into alert_deliveries (alert, created_at) values ('{"kind":"INTEGRITY_CHECK_FAILING"}', now() - interval '2 days')`);
    const [first] = await claimDueAlerts(control.query, lease);
    // Its lease ran out and another process claimed it again.
    await db.sql.query(`update alert_deliveries set claimed_until = now() - interval '1 second'`);
    const [second] = await claimDueAlerts(control.query, lease);
    expect(second.attempt).toBe(2);
    await recordAlertOutcome(control.query, first, { delivered: true, statusCode: 200 }, config);
    expect(await db.rows(`select status from alert_deliveries`)).toEqual([{ status: 'PENDING' }]);
    await recordAlertOutcome(control.query, second, { delivered: false, error: 'connect ECONNREFUSED 127.0.0.1:9' }, config);
    expect(await db.rows(`select status, attempts, last_error from alert_deliveries`)).toEqual([
      { status: 'FAILED', attempts: 2, last_error: 'connect ECONNREFUSED 127.0.0.1:9' },
    ]);
    expect(await claimDueAlerts(control.query, lease)).toEqual([]);
  });
});
