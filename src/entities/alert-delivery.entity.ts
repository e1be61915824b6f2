import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { OutboxDelivery } from './outbox-delivery';

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
export class AlertDelivery extends OutboxDelivery {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'json' })
  alert!: Record<string, unknown>;
}
