import type { Config } from '../config';
import type { ControlPool } from '../db/control-pool';
import type { Logger } from '../logging/logger';
import { type ClaimedAlert, claimDueAlerts, recordAlertOutcome, sendAlert } from '../services/alert-delivery';
import { leaseMsOf } from '../services/webhook-delivery';
import { type OutboxWorker, startOutboxWorker } from './outbox-worker';

export type AlertWorker = OutboxWorker;

/**
 * The alert delivery worker every API process runs while ALERT_WEBHOOK_URL is set: it
 * claims the alerts due, POSTs them and records each outcome, on connections apart from
 * the request pool, as the webhook worker does.
 */
export function startAlertWorker(control: ControlPool, config: Config, logger: Logger): AlertWorker {
  return startOutboxWorker<ClaimedAlert>(
    {
      name: 'alert',
      claim: ({ batchSize }) => claimDueAlerts(control.query, { batchSize, leaseMs: leaseMsOf(config) }),
      attempt: async (claimed, signal) => {
        const outcome = await sendAlert(claimed, config, { timeoutMs: config.webhookTimeoutMs, signal });
        if (signal.aborted) return;
        await recordAlertOutcome(control.query, claimed, outcome, config);
        if (!outcome.delivered) logger.warn({ deliveryId: claimed.id, attempt: claimed.attempt, error: outcome.error }, 'alert delivery attempt failed');
      },
    },
    config,
    logger,
  );
}
