import { Field, ID, InputType } from 'type-graphql';
import { ChangeKind } from '../../entities/change-event.entity';

@InputType({ description: 'An endpoint to register for the caller.' })
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description:
      'Where to POST: https, or http to a host in WEBHOOK_ALLOW_HOSTS; no credentials; never a loopback, private or link-local address unless allow-listed.',
  })
  url!: string;

  @Field(() => [ChangeKind], { description: 'The kinds of change to be sent: at least one.' })
  events!: ChangeKind[];
}

@InputType({ description: 'The endpoint to stop sending to.' })
export class DisableWebhookEndpointInput {
  @Field(() => ID, { description: 'One of the caller’s endpoints (an ADMIN: any).' })
  endpointId!: string;
}

@InputType({ description: 'The endpoint to send to again.' })
export class EnableWebhookEndpointInput {
  @Field(() => ID, { description: 'One of the caller’s endpoints (an ADMIN: any).' })
  endpointId!: string;
}

@InputType({ description: 'The endpoint to delete.' })
export class DeleteWebhookEndpointInput {
  @Field(() => ID, { description: 'One of the caller’s endpoints (an ADMIN: any).' })
  endpointId!: string;
}

@InputType({ description: 'The delivery to send again.' })
export class RedeliverWebhookInput {
  @Field(() => ID, { description: 'A delivery of webhookDeliveries.' })
  deliveryId!: string;
}
