import { Check, Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { MAX_DELIVERY_ERROR_LENGTH, WebhookDeliveryStatus } from './webhook-delivery.entity';

/**
 * One alert on its way to ALERT_WEBHOOK_URL: the alerts' outbox, written in the transaction
 * that claims the alert, so an alert is sent exactly when it was raised. The alert delivery
 * worker of any API process claims it for a lease and POSTs it signed, as webhook
 * deliveries are sent, retried with their backoff; given up (FAILED) once it has failed for
 * WEBHOOK_DISABLE_AFTER_SECONDS. `alert` is what is sent: names, counts and ids.
 */
@Entity({ tableName: 'alert_deliveries' })
@Index({
  name: 'alert_deliveries_due_index',
  expression: `create index "alert_deliveries_due_index" on "alert_deliveries" ("next_attempt_at") where "status" = 'PENDING'`,
})
@Check({ name: 'alert_deliveries_attempts_check', expression: 'attempts >= 0' })
@Check({ name: 'alert_deliveries_last_status_code_check', expression: 'last_status_code >= 100 and last_status_code <= 599' })
@Check({ name: 'alert_deliveries_delivered_check', expression: "(status = 'DELIVERED') = (delivered_at is not null)" })
export class AlertDelivery {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'json' })
  alert!: Record<string, unknown>;

  @Enum({ items: () => WebhookDeliveryStatus, type: 'string', default: WebhookDeliveryStatus.PENDING })
  status: Opt<WebhookDeliveryStatus> = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer', default: 0 })
  attempts: Opt<number> = 0;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  nextAttemptAt!: Opt<Date>;

  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode?: number | null;

  @Property({ type: 'string', length: MAX_DELIVERY_ERROR_LENGTH, nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  createdAt!: Opt<Date>;
}
