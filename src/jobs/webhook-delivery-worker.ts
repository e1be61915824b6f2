import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { ControlPool } from '../db/control-pool';
import { DEFAULT_TRANSACTION_OPTIONS, inTransaction } from '../db/transaction';
import type { Logger } from '../logging/logger';
import { type ClaimedDelivery, claimDueDeliveries, leaseMsOf, recordOutcome, sendDelivery } from '../services/webhook-delivery';
import { disableFailingEndpoint } from '../services/webhook-endpoints';
import { type OutboxWorker, startOutboxWorker } from './outbox-worker';

export type WebhookWorker = OutboxWorker;

/**
 * The webhook delivery worker every API process runs: each WEBHOOK_POLL_MS it claims a
 * batch of the deliveries due (SKIP LOCKED, so the processes share them out and each is
 * sent by one at a time), sends them side by side, and records each outcome; a full batch
 * is followed by the next at once. It polls on the control connections, apart from the
 * request pool, and uses the ORM only to disable an endpoint that failed past its window
 * (a notification and an audit entry, in one transaction).
 */
export function startWebhookWorker(orm: MikroORM, control: ControlPool, config: Config, logger: Logger): WebhookWorker {
  const attempt = async (delivery: ClaimedDelivery, signal: AbortSignal) => {
    const outcome = await sendDelivery(delivery, { timeoutMs: config.webhookTimeoutMs, allowHosts: config.webhookAllowHosts, signal });
    if (signal.aborted) return;
    const { disable } = await recordOutcome(control.query, delivery, outcome, config);
    if (!outcome.delivered) {
      logger.info({ endpointId: delivery.endpointId, deliveryId: delivery.id, attempt: delivery.attempt, error: outcome.error }, 'webhook attempt failed');
    }
    if (!disable) return;
    const disabled = await inTransaction(
      orm.em.fork(),
      (em) => disableFailingEndpoint({ em, caller: null, config, logger }, { endpointId: delivery.endpointId, lastError: outcome.error }),
      { ...DEFAULT_TRANSACTION_OPTIONS, logger },
    );
    if (disabled) logger.warn({ endpointId: disabled.id, failingSince: disabled.failingSince }, 'webhook endpoint disabled after failing past its window');
  };

  return startOutboxWorker<ClaimedDelivery>(
    {
      name: 'webhook',
      claim: ({ batchSize }) => claimDueDeliveries(control.query, { batchSize, leaseMs: leaseMsOf(config) }),
      attempt,
    },
    config,
    logger,
  );
}
