import { Field, ID, InputType } from 'type-graphql';
import { ChangeKind } from '../../entities/change-event.entity';

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description:
      'Where to POST: https, or http to a host in WEBHOOK_ALLOW_HOSTS; no credentials; never a loopback, private or link-local address unless allow-listed.',
  })
  url!: string;

  @Field(() => [ChangeKind], { description: 'The kinds of change to be sent: at least one.' })
  events!: ChangeKind[];
}

@InputType()
export class DisableWebhookEndpointInput {
  @Field(() => ID)
  endpointId!: string;
}

@InputType()
export class EnableWebhookEndpointInput {
  @Field(() => ID)
  endpointId!: string;
}

@InputType()
export class DeleteWebhookEndpointInput {
  @Field(() => ID)
  endpointId!: string;
}

@InputType()
export class RedeliverWebhookInput {
  @Field(() => ID, { description: 'A delivery of webhookDeliveries.' })
  deliveryId!: string;
}
