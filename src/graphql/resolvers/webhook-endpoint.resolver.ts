import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { toIdFilter } from '../../db/ids';
import { WebhookEndpoint } from '../../entities/webhook-endpoint.entity';
import { listWebhookDeliveries, listWebhookEndpoints } from '../../services/webhook-endpoints';
import type { GraphQLContext } from '../context';
import { ForwardPageArgs } from '../inputs/forward-page.args';
import { PageArgs } from '../inputs/page.args';
import { ConnectionType } from '../types/connection';
import { WebhookDelivery } from '../types/webhook-delivery.type';

export const WebhookEndpointConnection = ConnectionType(WebhookEndpoint);
export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery);

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized()
  @Query(() => WebhookEndpointConnection, { description: 'The caller’s webhook endpoints, oldest first: a partner its own, an ADMIN every one.' })
  async webhookEndpoints(@Args(() => PageArgs) page: PageArgs, @Ctx() { em, caller }: GraphQLContext) {
    return WebhookEndpointConnection.fromPage(await listWebhookEndpoints(em, caller, page));
  }

  @Authorized()
  @Query(() => WebhookDeliveryConnection, {
    nullable: true,
    description: 'The delivery log of one of the caller’s webhook endpoints, newest first; null for an endpoint it does not have.',
  })
  async webhookDeliveries(
    @Arg('endpointId', () => ID, { description: 'The endpoint whose deliveries to list.' }) endpointId: string,
    @Args(() => ForwardPageArgs) page: ForwardPageArgs,
    @Ctx() { em, caller }: GraphQLContext,
  ) {
    const deliveries = await listWebhookDeliveries(em, caller, toIdFilter(endpointId), page);
    return deliveries && WebhookDeliveryConnection.fromPage(deliveries);
  }
}
