import { Check, Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { ChangeEvent } from './change-event.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

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

/** The most of a receiver's answer a delivery keeps. */
export const MAX_RESPONSE_BODY_LENGTH = 2000;
/** The longest error a delivery keeps. */
export const MAX_DELIVERY_ERROR_LENGTH = 500;

/**
 * One event on its way to one endpoint: the webhooks' outbox. A trigger on change_events
 * writes one per enabled endpoint the event is for, in the transaction of the change, so a
 * delivery exists exactly when its change committed. The delivery worker of any API process
 * claims it for a lease (`claimedUntil`), POSTs it outside any transaction and records the
 * outcome; `attempts`, raised by each claim, fences off an outcome recorded by a process
 * whose lease ran out meanwhile.
 */
@Entity({ tableName: 'webhook_deliveries' })
@Unique({ name: 'webhook_deliveries_event_endpoint_unique', properties: ['event', 'endpoint'] })
@Index({
  name: 'webhook_deliveries_due_index',
  expression: `create index "webhook_deliveries_due_index" on "webhook_deliveries" ("next_attempt_at") where "status" = 'PENDING'`,
})
@Check({ name: 'webhook_deliveries_attempts_check', expression: 'attempts >= 0' })
@Check({ name: 'webhook_deliveries_last_status_code_check', expression: 'last_status_code >= 100 and last_status_code <= 599' })
@Check({ name: 'webhook_deliveries_delivered_check', expression: "status <> 'DELIVERED' or delivered_at is not null" })
export class WebhookDelivery {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  @ManyToOne(() => ChangeEvent, { deleteRule: 'cascade' })
  event!: Rel<ChangeEvent>;

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

  /** The start of the receiver's last answer, for whoever debugs the endpoint. */
  @Property({ type: 'string', length: MAX_RESPONSE_BODY_LENGTH, nullable: true })
  lastResponseBody?: string | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  createdAt!: Opt<Date>;
}
