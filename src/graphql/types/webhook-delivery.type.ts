import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ChangeKind } from '../../entities/change-event.entity';
import { WebhookDeliveryStatus } from '../../entities/outbox-delivery';

@ObjectType({ description: 'One event on its way to one webhook endpoint, and how its attempts went.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Sent as `deliveryId` and in `X-Hotel-Delivery-Id`; redeliverWebhook takes it.' })
  id!: string;

  @Field(() => ID, { description: 'The endpoint it is for.' })
  endpointId!: string;

  @Field(() => ID, { description: 'The event’s id, sent as `event.id` and in `X-Hotel-Event-Id`: the same for every delivery and attempt of it.' })
  eventId!: string;

  @Field(() => ChangeKind, { description: 'What happened: the change’s kind.' })
  kind!: ChangeKind;

  @Field(() => String, { description: 'BOOKING, PAYMENT, ROOM or ROOM_TYPE.' })
  entity!: string;

  @Field(() => ID, { description: 'The id of the record that changed.' })
  entityId!: string;

  @Field(() => Int, { description: "The record's version after this change." })
  version!: number;

  @Field(() => Date, { description: 'When the change was made.' })
  occurredAt!: Date;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts begun so far.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When it is due next; null unless PENDING.' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last attempted; null before the first attempt.' })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the endpoint last answered; null when it did not answer.' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed: a refused address, a connection error, a timeout, an HTTP status.' })
  lastError!: string | null;

  @Field(() => String, { nullable: true, description: 'The start (2000 characters at most) of what the endpoint last answered.' })
  lastResponseBody!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the endpoint answered 2xx; null until DELIVERED.' })
  deliveredAt!: Date | null;

  @Field(() => Date, { description: 'When it was queued: in the transaction of the change.' })
  createdAt!: Date;
}
