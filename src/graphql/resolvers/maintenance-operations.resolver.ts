import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { openMaintenanceRequest, resolveMaintenanceRequest } from '../../services/maintenance.service';
import type { GraphQLContext } from '../context';
import { OpenMaintenanceRequestInput, ResolveMaintenanceRequestInput } from '../inputs/maintenance.inputs';
import {
  OpenMaintenanceRequestResult,
  OpenMaintenanceRequestSuccess,
  ResolveMaintenanceRequestResult,
  ResolveMaintenanceRequestSuccess,
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
  @Mutation(() => ResolveMaintenanceRequestResult)
  async resolveMaintenanceRequest(@Arg('input', () => ResolveMaintenanceRequestInput) input: ResolveMaintenanceRequestInput, @Ctx() ctx: GraphQLContext) {
    return succeed(ResolveMaintenanceRequestSuccess, 'request', await resolveMaintenanceRequest(ctx, input));
  }
}
