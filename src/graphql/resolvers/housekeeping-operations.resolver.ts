import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { completeHousekeepingTask, createHousekeepingTask } from '../../services/housekeeping.service';
import type { GraphQLContext } from '../context';
import { CompleteHousekeepingTaskInput, CreateHousekeepingTaskInput } from '../inputs/housekeeping.inputs';
import {
  CompleteHousekeepingTaskResult,
  CompleteHousekeepingTaskSuccess,
  CreateHousekeepingTaskResult,
  CreateHousekeepingTaskSuccess,
} from '../results/housekeeping.results';
import { succeed } from '../results/mutation-result';

@Resolver()
export class HousekeepingOperationsResolver {
  @Authorized()
  @Mutation(() => CreateHousekeepingTaskResult)
  async createHousekeepingTask(@Arg('input', () => CreateHousekeepingTaskInput) input: CreateHousekeepingTaskInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CreateHousekeepingTaskSuccess, 'task', await createHousekeepingTask(ctx, input));
  }

  @Authorized()
  @Mutation(() => CompleteHousekeepingTaskResult)
  async completeHousekeepingTask(@Arg('input', () => CompleteHousekeepingTaskInput) input: CompleteHousekeepingTaskInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CompleteHousekeepingTaskSuccess, 'task', await completeHousekeepingTask(ctx, input));
  }
}
