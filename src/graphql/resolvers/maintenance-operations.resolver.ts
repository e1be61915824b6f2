import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { assignMaintenanceRequest, openMaintenanceRequest, resolveMaintenanceRequest, startMaintenanceRequest } from '../../services/maintenance.service';
import type { GraphQLContext } from '../context';
import {
  AssignMaintenanceRequestInput,
  OpenMaintenanceRequestInput,
  ResolveMaintenanceRequestInput,
  StartMaintenanceRequestInput,
} from '../inputs/maintenance.inputs';
import {
  AssignMaintenanceRequestResult,
  AssignMaintenanceRequestSuccess,
  OpenMaintenanceRequestResult,
  OpenMaintenanceRequestSuccess,
  ResolveMaintenanceRequestResult,
  ResolveMaintenanceRequestSuccess,
  StartMaintenanceRequestResult,
  StartMaintenanceRequestSuccess,
} from '../results/maintenance.results';
import { succeed } from '../results/mutation-result';

@Resolver()
export class MaintenanceOperationsResolver {
  @Authorized()
  @Mutation(() => OpenMaintenanceRequestResult, {
    description:
      'Reports a fault in a room, given to a staff user (notified) or nobody. An out-of-order window keeps new bookings off its nights, and is refused over nights guests are booked into (ROOM_OCCUPIED names them: move them first).',
  })
  async openMaintenanceRequest(
    @Arg('input', () => OpenMaintenanceRequestInput, { description: 'The room, the fault, and its out-of-order window.' }) input: OpenMaintenanceRequestInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(OpenMaintenanceRequestSuccess, 'request', await openMaintenanceRequest(ctx, input));
  }

  @Authorized()
  @Mutation(() => StartMaintenanceRequestResult, {
    description: 'Work begins: OPEN becomes IN_PROGRESS; an unassigned request goes to the staff user starting it.',
  })
  async startMaintenanceRequest(
    @Arg('input', () => StartMaintenanceRequestInput, { description: 'The request work begins on.' }) input: StartMaintenanceRequestInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(StartMaintenanceRequestSuccess, 'request', await startMaintenanceRequest(ctx, input));
  }

  @Authorized()
  @Mutation(() => AssignMaintenanceRequestResult, { description: 'Gives an unresolved request to a staff user (who is notified) or to nobody.' })
  async assignMaintenanceRequest(
    @Arg('input', () => AssignMaintenanceRequestInput, { description: 'The request, and whom to give it to.' }) input: AssignMaintenanceRequestInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(AssignMaintenanceRequestSuccess, 'request', await assignMaintenanceRequest(ctx, input));
  }

  @Authorized()
  @Mutation(() => ResolveMaintenanceRequestResult, { description: 'Closes an OPEN or IN_PROGRESS request.' })
  async resolveMaintenanceRequest(
    @Arg('input', () => ResolveMaintenanceRequestInput, { description: 'The request fixed.' }) input: ResolveMaintenanceRequestInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(ResolveMaintenanceRequestSuccess, 'request', await resolveMaintenanceRequest(ctx, input));
  }
}
