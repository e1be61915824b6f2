import type { Config } from '../config';
import type { ControlPool } from '../db/control-pool';
import { type AttemptOutcome, backoffMs, type PostOptions, postSigned } from './webhook-delivery';

/**
 * Sending alerts to ALERT_WEBHOOK_URL from their outbox, as webhook deliveries are sent:
 * claimed for a lease (SKIP LOCKED, so processes share them out), POSTed signed outside any
 * transaction, the outcome recorded fenced by the attempt's number, failures retried with
 * the webhooks' backoff and given up after WEBHOOK_DISABLE_AFTER_SECONDS.
 */

type Query = ControlPool['query'];

export interface ClaimedAlert {
  id: string;
  attempt: number;
  alert: Record<string, unknown>;
}

export async function claimDueAlerts(query: Query, options: { batchSize: number; leaseMs: number }): Promise<ClaimedAlert[]> {
  const rows = await query<{ id: string; attempts: number; alert: Record<string, unknown> }>(
    `with due as (
       select id from alert_deliveries
       where status = 'PENDING' and next_attempt_at <= now() and (claimed_until is null or claimed_until <= now())
       order by next_attempt_at, id limit $1 for update skip locked)
     update alert_deliveries d set attempts = d.attempts + 1, claimed_until = now() + make_interval(secs => $2::float8 / 1000), last_attempt_at = now()
     from due where d.id = due.id
     returning d.id::text, d.attempts, d.alert`,
    [options.batchSize, options.leaseMs],
  );
  return rows.map((row) => ({ id: row.id, attempt: row.attempts, alert: row.alert }));
}

/** What an alert POSTs: the alert with this delivery's id (the same for every attempt of it). */
export function alertBody(claimed: ClaimedAlert): string {
  return JSON.stringify({ deliveryId: claimed.id, alert: claimed.alert });
}

/** POSTs one alert to the operator's address, signed with ALERT_WEBHOOK_SECRET; that address is trusted as the operator's own. */
export function sendAlert(
  claimed: ClaimedAlert,
  config: Pick<Config, 'alertWebhookUrl' | 'alertWebhookSecret'>,
  options: Omit<PostOptions, 'allowHosts'>,
): Promise<AttemptOutcome> {
  const url = config.alertWebhookUrl!;
  return postSigned(
    { url, secret: config.alertWebhookSecret! },
    alertBody(claimed),
    { 'x-hotel-delivery-id': claimed.id, 'x-hotel-alert-kind': String(claimed.alert.kind) },
    { ...options, allowHosts: [new URL(url).hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1')] },
  );
}

/** Records an attempt's outcome when it is still the delivery's latest: delivered, due again after the backoff, or given up past the window. */
export async function recordAlertOutcome(
  query: Query,
  claimed: ClaimedAlert,
  outcome: AttemptOutcome,
  config: Pick<Config, 'webhookBackoffBaseMs' | 'webhookBackoffCapMs' | 'webhookDisableAfterMs'>,
): Promise<void> {
  if (outcome.delivered) {
    await query(
      `update alert_deliveries set status = 'DELIVERED', delivered_at = now(), claimed_until = null, last_status_code = $3, last_error = null
       where id = $1 and attempts = $2`,
      [claimed.id, claimed.attempt, outcome.statusCode ?? null],
    );
    return;
  }
  await query(
    `update alert_deliveries set claimed_until = null, last_status_code = $3, last_error = $4,
       status = case when created_at <= now() - make_interval(secs => $6::float8 / 1000) then 'FAILED' else 'PENDING' end,
       next_attempt_at = now() + make_interval(secs => $5::float8 / 1000)
     where id = $1 and attempts = $2 and status = 'PENDING'`,
    [claimed.id, claimed.attempt, outcome.statusCode ?? null, outcome.error ?? null, backoffMs(claimed.attempt, config), config.webhookDisableAfterMs],
  );
}
