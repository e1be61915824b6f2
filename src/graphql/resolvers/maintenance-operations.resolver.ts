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
  @Mutation(() => OpenMaintenanceRequestResult)
  async openMaintenanceRequest(@Arg('input', () => OpenMaintenanceRequestInput) input: OpenMaintenanceRequestInput, @Ctx() ctx: GraphQLContext) {
    return succeed(OpenMaintenanceRequestSuccess, 'request', await openMaintenanceRequest(ctx, input));
  }

  @Authorized()
  @Mutation(() => StartMaintenanceRequestResult, {
    description: 'Work begins: OPEN becomes IN_PROGRESS; an unassigned request goes to the staff user starting it.',
  })
  async startMaintenanceRequest(@Arg('input', () => StartMaintenanceRequestInput) input: StartMaintenanceRequestInput, @Ctx() ctx: GraphQLContext) {
    return succeed(StartMaintenanceRequestSuccess, 'request', await startMaintenanceRequest(ctx, input));
  }

  @Authorized()
  @Mutation(() => AssignMaintenanceRequestResult, { description: 'Gives an unresolved request to a staff user (who is notified) or to nobody.' })
  async assignMaintenanceRequest(@Arg('input', () => AssignMaintenanceRequestInput) input: AssignMaintenanceRequestInput, @Ctx() ctx: GraphQLContext) {
    return succeed(AssignMaintenanceRequestSuccess, 'request', await assignMaintenanceRequest(ctx, input));
  }

  @Authorized()
  @Mutation(() => ResolveMaintenanceRequestResult, { description: 'Closes an OPEN or IN_PROGRESS request.' })
  async resolveMaintenanceRequest(@Arg('input', () => ResolveMaintenanceRequestInput) input: ResolveMaintenanceRequestInput, @Ctx() ctx: GraphQLContext) {
    return succeed(ResolveMaintenanceRequestSuccess, 'request', await resolveMaintenanceRequest(ctx, input));
  }
}
