import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { ChangeEvent } from './change-event.entity';
import { OutboxDelivery } from './outbox-delivery';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** The most of a receiver's answer a delivery keeps. */
export const MAX_RESPONSE_BODY_LENGTH = 2000;

/**
 * One event on its way to one endpoint: the webhooks' outbox. A trigger on change_events
 * writes one per enabled endpoint the event is for, in the transaction of the change, so a
 * delivery exists exactly when its change committed; the delivery worker sends it as every
 * outbox row is sent.
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
export class WebhookDelivery extends OutboxDelivery {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  @ManyToOne(() => ChangeEvent, { deleteRule: 'cascade' })
  event!: Rel<ChangeEvent>;

  /** The start of the receiver's last answer, for whoever debugs the endpoint. */
  @Property({ type: 'string', length: MAX_RESPONSE_BODY_LENGTH, nullable: true })
  lastResponseBody?: string | null;
}
