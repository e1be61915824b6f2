import { Enum, type Opt, Property } from '@mikro-orm/core';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
export const WEBHOOK_DELIVERY_STATUS_MEANINGS: Readonly<Record<WebhookDeliveryStatus, string>> = {
  PENDING: 'To be sent: now, or at nextAttemptAt after a failed attempt.',
  DELIVERED: 'The endpoint answered 2xx.',
  FAILED: 'Given up when its endpoint was disabled; redeliverWebhook queues it again.',
};

/** The longest error a delivery keeps. */
export const MAX_DELIVERY_ERROR_LENGTH = 500;

/**
 * What every outbox row keeps of its way out, whatever it carries: the outbox worker of any
 * API process claims it for a lease (`claimedUntil`), POSTs it outside any transaction and
 * records the outcome; `attempts`, raised by each claim, fences off an outcome recorded by a
 * process whose lease ran out meanwhile.
 */
export abstract class OutboxDelivery {
  @Enum({ items: () => WebhookDeliveryStatus, type: 'string', default: WebhookDeliveryStatus.PENDING })
  status: Opt<WebhookDeliveryStatus> = WebhookDeliveryStatus.PENDING;

  /** Attempts begun, each claim counting one. */
  @Property({ type: 'integer', default: 0 })
  attempts: Opt<number> = 0;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  nextAttemptAt!: Opt<Date>;

  /** While in the future, the process that claimed it is sending it; no other may. */
  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode?: number | null;

  /** Why the last attempt failed, in the worker's words (refused target, timeout, HTTP status). */
  @Property({ type: 'string', length: MAX_DELIVERY_ERROR_LENGTH, nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  createdAt!: Opt<Date>;
}
