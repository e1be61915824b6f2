import { Field, ObjectType } from 'type-graphql';
import { WebhookEndpoint } from '../../entities/webhook-endpoint.entity';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  disableWebhookEndpoint,
  enableWebhookEndpoint,
  redeliverWebhook,
} from '../../services/webhook-endpoints';
import { WebhookDelivery } from '../types/webhook-delivery.type';
import { mutationResult, successOf } from './mutation-result';

@ObjectType({ description: 'The endpoint is registered: keep its secret now to check signatures; it is not shown again.' })
export class CreateWebhookEndpointSuccess {
  static readonly showsASecretOnce = true;

  @Field(() => WebhookEndpoint, { description: 'The endpoint as registered.' })
  endpoint!: WebhookEndpoint;

  @Field(() => String, {
    description: 'The signing secret: `X-Hotel-Signature` is the hex HMAC-SHA256 of `<X-Hotel-Timestamp>.<body>` with it. Shown only here, once.',
  })
  secret!: string;
}

export const DisableWebhookEndpointSuccess = successOf('DisableWebhookEndpointSuccess', 'endpoint', WebhookEndpoint);
export const EnableWebhookEndpointSuccess = successOf('EnableWebhookEndpointSuccess', 'endpoint', WebhookEndpoint);
export const DeleteWebhookEndpointSuccess = successOf('DeleteWebhookEndpointSuccess', 'endpoint', WebhookEndpoint);
export const RedeliverWebhookSuccess = successOf('RedeliverWebhookSuccess', 'delivery', WebhookDelivery);

export const CreateWebhookEndpointResult = mutationResult('CreateWebhookEndpoint', CreateWebhookEndpointSuccess, createWebhookEndpoint);
export const DisableWebhookEndpointResult = mutationResult('DisableWebhookEndpoint', DisableWebhookEndpointSuccess, disableWebhookEndpoint);
export const EnableWebhookEndpointResult = mutationResult('EnableWebhookEndpoint', EnableWebhookEndpointSuccess, enableWebhookEndpoint);
export const DeleteWebhookEndpointResult = mutationResult('DeleteWebhookEndpoint', DeleteWebhookEndpointSuccess, deleteWebhookEndpoint);
export const RedeliverWebhookResult = mutationResult('RedeliverWebhook', RedeliverWebhookSuccess, redeliverWebhook);
