import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  disableWebhookEndpoint,
  enableWebhookEndpoint,
  redeliverWebhook,
} from '../../services/webhook-endpoints';
import type { GraphQLContext } from '../context';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  DisableWebhookEndpointInput,
  EnableWebhookEndpointInput,
  RedeliverWebhookInput,
} from '../inputs/webhook.inputs';
import { succeed } from '../results/mutation-result';
import {
  CreateWebhookEndpointResult,
  CreateWebhookEndpointSuccess,
  DeleteWebhookEndpointResult,
  DeleteWebhookEndpointSuccess,
  DisableWebhookEndpointResult,
  DisableWebhookEndpointSuccess,
  EnableWebhookEndpointResult,
  EnableWebhookEndpointSuccess,
  RedeliverWebhookResult,
  RedeliverWebhookSuccess,
} from '../results/webhook.results';

/** Webhook endpoints: registering, switching off and on, deleting, and sending a delivery again. */
@Resolver()
export class WebhookOperationsResolver {
  @Authorized()
  @Mutation(() => CreateWebhookEndpointResult, {
    description: 'Registers a webhook endpoint for the caller (a partner: sent its own channel’s events only); answers the signing secret, once. Audited.',
  })
  async createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput, { description: 'Where to send, and which kinds of change.' }) input: CreateWebhookEndpointInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return Object.assign(new CreateWebhookEndpointSuccess(), await createWebhookEndpoint(ctx, input));
  }

  @Authorized()
  @Mutation(() => DisableWebhookEndpointResult, { description: 'Stops sending to an endpoint; its pending deliveries are given up (FAILED). Audited.' })
  async disableWebhookEndpoint(
    @Arg('input', () => DisableWebhookEndpointInput, { description: 'The endpoint to stop sending to.' }) input: DisableWebhookEndpointInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(DisableWebhookEndpointSuccess, 'endpoint', await disableWebhookEndpoint(ctx, input));
  }

  @Authorized()
  @Mutation(() => EnableWebhookEndpointResult, {
    description:
      'Sends to an endpoint again from the next event on; what it missed is in `changes`, and redeliverWebhook sends a given-up delivery again. Audited.',
  })
  async enableWebhookEndpoint(
    @Arg('input', () => EnableWebhookEndpointInput, { description: 'The endpoint to send to again.' }) input: EnableWebhookEndpointInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(EnableWebhookEndpointSuccess, 'endpoint', await enableWebhookEndpoint(ctx, input));
  }

  @Authorized()
  @Mutation(() => DeleteWebhookEndpointResult, { description: 'Deletes an endpoint with its delivery log; answers it as it was. Audited.' })
  async deleteWebhookEndpoint(
    @Arg('input', () => DeleteWebhookEndpointInput, { description: 'The endpoint to delete.' }) input: DeleteWebhookEndpointInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(DeleteWebhookEndpointSuccess, 'endpoint', await deleteWebhookEndpoint(ctx, input));
  }

  @Authorized()
  @Mutation(() => RedeliverWebhookResult, {
    description:
      'Queues a delivery again (delivered, given up or failing), due now: it is sent once the earlier pending events of its record for that endpoint are. The endpoint must be enabled.',
  })
  async redeliverWebhook(
    @Arg('input', () => RedeliverWebhookInput, { description: 'The delivery to send again.' }) input: RedeliverWebhookInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(RedeliverWebhookSuccess, 'delivery', await redeliverWebhook(ctx, input));
  }
}
