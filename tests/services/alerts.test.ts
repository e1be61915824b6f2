import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { createAlerts } from '../../src/services/alerts';
import { asReplica } from '../support/integrity-fixtures';
import { mutationDocument } from '../support/mutations';
import { useTestApi } from '../support/test-api';
import { openTestDatabase } from '../support/test-database';
import { WebhookReceiver } from '../support/webhook-receiver';

const SECRET = 'alert-webhook-secret-0123456789abcdef';
const CHECK = 'orphan:payments.booking_id';
const REPAIR = mutationDocument('repairIntegrity', { members: '... on RepairIntegritySuccess { actions { kind count } } ... on ClassifiedError { code }' });

let receiver: WebhookReceiver;
let paymentId: number;
beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
  receiver.expect('/alerts', SECRET);
});
afterAll(async () => {
  await receiver.stop();
});
// The options name the receiver's address, known once it listens: they are read as the API starts, after it.
const t = useTestApi(() => ({
  config: {
    integritySchedule: { kind: 'every', intervalMs: 1000 },
    criticalErrorAlerts: true,
    alertWebhookUrl: receiver.url('/alerts'),
    alertWebhookSecret: SECRET,
    webhookPollMs: 50,
    webhookBackoffBaseMs: 50,
    webhookBackoffCapMs: 100,
  },
}));
beforeAll(async () => {
  const [{ id: bookingId }] = await t.database.rows<{ id: number }>(
    `with c as (insert into customers (first_name, last_name, email) values ('Al', 'Ert', 'al@alerts.test') returning id),
          ty as (insert into room_types (name, capacity, base_rate) values ('Alert', 2, 90) returning id),
          r as (insert into rooms (number, floor, room_type_id) select 'A1', 1, id from ty returning id)
     insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) select r.id, c.id, '2031-06-01', '2031-06-03', 1, 180 from r, c returning id`,
  );
  [{ id: paymentId }] = await t.database.rows<{ id: number }>(
    `insert into payments (booking_id, amount, currency, method) values ($1, 10, 'EUR', 'CASH') returning id`,
    [bookingId],
  );
});

const scheduledRuns = async () => (await t.database.rows<{ n: number }>(`select count(*)::int as n from integrity_runs where trigger = 'SCHEDULE'`))[0].n;
const metricLine = async () =>
  (await (await fetch(t.url.replace(/\/graphql$/, '/metrics'))).text()).match(
    new RegExp(`^hotel_integrity_check_failing\\{check="${CHECK}",[^}]*\\} (\\d)$`, 'm'),
  )?.[1];
const notices = () =>
  t.database.rows<{ kind: string; for_role: string; message: string; entity: string }>(
    `select kind, for_role, message, entity from notifications where kind like 'INTEGRITY%' order by id`,
  );
/** Waits for `runs` more scheduled runs to be stored. */
const afterRuns = async (runs: number) => {
  const from = await scheduledRuns();
  await expect.poll(scheduledRuns, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(from + runs);
};

describe('alerts of a damaged row, with CRITICAL_ERROR_ALERTS and ALERT_WEBHOOK_URL', () => {
  it('a damaged row becomes a failing check, a metric, one admin notification and one signed POST, retried until delivered', async () => {
    await afterRuns(1);
    expect(await metricLine()).toBe('0');
    // The receiver is down for its first attempt.
    receiver.answerWith.set('/alerts', 503);
    await asReplica(t.database.sql, () => t.database.sql.query('update payments set booking_id = 2000000000 where id = $1', [paymentId]));
    await expect
      .poll(async () => (await t.database.rows(`select 1 from alert_deliveries where attempts >= 1`)).length, { timeout: 10_000, interval: 50 })
      .toBe(1);
    receiver.answerWith.delete('/alerts');
    await expect.poll(() => receiver.at('/alerts').length, { timeout: 10_000, interval: 50 }).toBe(1);
    const [posted] = receiver.at('/alerts');
    expect(posted.signatureValid).toBe(true);
    expect(posted.alert).toMatchObject({
      kind: 'INTEGRITY_CHECK_FAILING',
      key: `check:${CHECK}`,
      severity: 'HIGH',
      check: CHECK,
      violationCount: 1,
      sampleIds: [String(paymentId)],
      summary: expect.stringMatching(new RegExp(`^Integrity check ${CHECK} \\(HIGH\\) is newly failing: 1 row breaks it \\(run \\d+\\)\\.`)),
    });
    expect(await t.database.rows(`select status, attempts from alert_deliveries`)).toEqual([{ status: 'DELIVERED', attempts: 2 }]);
    expect(await metricLine()).toBe('1');
    expect(await notices()).toEqual([{ kind: 'INTEGRITY_CHECK_FAILING', for_role: 'ADMIN', message: posted.alert!.summary, entity: 'INTEGRITY_RUN' }]);
    const lines = t.logLines.filter((line) => line.alert === 'INTEGRITY_CHECK_FAILING');
    expect(lines.map((line) => [line.level, line.key, line.check])).toEqual([['error', `check:${CHECK}`, CHECK]]);
    // The runs that follow find it failing still: nothing new to tell.
    await afterRuns(2);
    expect(receiver.at('/alerts')).toHaveLength(1);
    expect(await notices()).toHaveLength(1);
  }, 30_000);

  it('after the repair, the next run sends the recovery, once', async () => {
    const repaired = await t.graphql(REPAIR, { input: { check: CHECK, dryRun: false } }, { constraintNames: true });
    expect(repaired.data?.repairIntegrity.actions).toEqual([{ kind: 'DELETE', count: 1 }]);
    await expect.poll(() => receiver.at('/alerts').length, { timeout: 10_000, interval: 50 }).toBe(2);
    const recovery = receiver.at('/alerts')[1];
    expect(recovery.signatureValid).toBe(true);
    expect(recovery.alert).toMatchObject({ kind: 'INTEGRITY_CHECK_RECOVERED', key: `check:${CHECK}`, check: CHECK, violationCount: 0, sampleIds: [] });
    expect(await metricLine()).toBe('0');
    expect((await notices()).map((notice) => notice.kind)).toEqual(['INTEGRITY_CHECK_FAILING', 'INTEGRITY_CHECK_RECOVERED']);
    await afterRuns(2);
    expect(receiver.at('/alerts')).toHaveLength(2);
    expect(await t.database.rows(`select key, firing from alert_states`)).toEqual([{ key: `check:${CHECK}`, firing: false }]);
  }, 30_000);
});

describe('without CRITICAL_ERROR_ALERTS', () => {
  it('raises nothing: no claim, no notification, no outbox row', async () => {
    const db = await openTestDatabase();
    const control = db.controlPool();
    try {
      const alerts = createAlerts(control, { ...loadConfig({}), alertWebhookUrl: 'http://127.0.0.1:9/x', alertWebhookSecret: SECRET }, createLogger('silent'));
      alerts.criticalError({
        errorId: 'e',
        code: 'INTERNAL_SERVER_ERROR' as never,
        category: 'SYSTEM' as never,
        constraint: null,
        message: 'Internal server error',
      });
      await alerts.integrityRun({
        runId: '1',
        generatedAt: new Date(),
        checks: [{ name: CHECK, severity: 'HIGH', passed: false, newlyFailing: true, violationCount: 1, sampleIds: ['1'], error: null }],
      });
      await alerts.drain();
      expect(
        await db.rows(
          `select (select count(*) from alert_states)::int as states, (select count(*) from notifications)::int as notices, (select count(*) from alert_deliveries)::int as outbox`,
        ),
      ).toEqual([{ states: 0, notices: 0, outbox: 0 }]);
    } finally {
      await db.close();
    }
  });
});
