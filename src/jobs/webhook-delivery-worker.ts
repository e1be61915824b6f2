import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { ControlPool } from '../db/control-pool';
import { DEFAULT_TRANSACTION_OPTIONS, inTransaction } from '../db/transaction';
import type { Logger } from '../logging/logger';
import { type ClaimedDelivery, claimDueDeliveries, leaseMsOf, recordOutcome, sendDelivery } from '../services/webhook-delivery';
import { disableFailingEndpoint } from '../services/webhook-endpoints';

export interface WebhookWorker {
  /** Stops polling, abandons the attempts under way (their leases run out, and they are sent again) and waits for the round to end. */
  stop(): Promise<void>;
}

/**
 * The webhook delivery worker every API process runs: each WEBHOOK_POLL_MS it claims a
 * batch of the deliveries due (SKIP LOCKED, so the processes share them out and each is
 * sent by one at a time), sends them side by side, and records each outcome; a full batch
 * is followed by the next at once. It polls on the control connections, apart from the
 * request pool, and uses the ORM only to disable an endpoint that failed past its window
 * (a notification and an audit entry, in one transaction).
 */
export function startWebhookWorker(orm: MikroORM, control: ControlPool, config: Config, logger: Logger): WebhookWorker {
  const abandon = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  const attempt = async (delivery: ClaimedDelivery) => {
    const outcome = await sendDelivery(delivery, { timeoutMs: config.webhookTimeoutMs, allowHosts: config.webhookAllowHosts, signal: abandon.signal });
    if (abandon.signal.aborted) return;
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

  const runRound = async (): Promise<number> => {
    const claimed = await claimDueDeliveries(control.query, { batchSize: config.webhookBatchSize, leaseMs: leaseMsOf(config) });
    const outcomes = await Promise.allSettled(claimed.map(attempt));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        logger.warn({ err: outcome.reason }, 'webhook delivery could not be recorded; its lease runs out and it is sent again');
    }
    return claimed.length;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = runRound().then(
        (claimed) => schedule(claimed >= config.webhookBatchSize ? 0 : config.webhookPollMs),
        (error) => {
          logger.warn({ err: error }, 'webhook deliveries could not be claimed; trying again at the next poll');
          schedule(config.webhookPollMs);
        },
      );
    }, delayMs);
    timer.unref();
  };
  schedule(config.webhookPollMs);

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      abandon.abort();
      await round;
    },
  };
}
