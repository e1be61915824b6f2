import type { Config } from '../config';
import type { Logger } from '../logging/logger';

export interface OutboxWorker {
  /** Stops polling, abandons the attempts under way (their leases run out, and they are sent again) and waits for the round to end. */
  stop(): Promise<void>;
}

export interface OutboxDelivery<T> {
  /** Names the deliveries in log lines: "webhook", "alert". */
  name: string;
  /** Claims a batch of the due rows (SKIP LOCKED, under a lease), on connections apart from the request pool. */
  claim(batch: { batchSize: number }): Promise<T[]>;
  /** Sends one claimed row and records its outcome; after `signal` aborts it records nothing. */
  attempt(claimed: T, signal: AbortSignal): Promise<void>;
}

/**
 * The polling loop every outbox shares: each WEBHOOK_POLL_MS it claims a batch, attempts
 * its rows side by side and records each outcome; a full batch is followed by the next at
 * once. A row whose outcome could not be recorded keeps its lease, which runs out, so it is
 * sent again rather than lost.
 */
export function startOutboxWorker<T>(delivery: OutboxDelivery<T>, config: Config, logger: Logger): OutboxWorker {
  const abandon = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  const runRound = async (): Promise<number> => {
    const claimed = await delivery.claim({ batchSize: config.webhookBatchSize });
    for (const outcome of await Promise.allSettled(claimed.map((row) => delivery.attempt(row, abandon.signal)))) {
      if (outcome.status === 'rejected')
        logger.warn({ err: outcome.reason }, `${delivery.name} delivery could not be recorded; its lease runs out and it is sent again`);
    }
    return claimed.length;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = runRound().then(
        (claimed) => schedule(claimed >= config.webhookBatchSize ? 0 : config.webhookPollMs),
        (error) => {
          logger.warn({ err: error }, `${delivery.name} deliveries could not be claimed; trying again at the next poll`);
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
