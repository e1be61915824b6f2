import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { assignHousekeepingTask, completeHousekeepingTask, createHousekeepingTask } from '../../services/housekeeping.service';
import type { GraphQLContext } from '../context';
import { AssignHousekeepingTaskInput, CompleteHousekeepingTaskInput, CreateHousekeepingTaskInput } from '../inputs/housekeeping.inputs';
import {
  AssignHousekeepingTaskResult,
  AssignHousekeepingTaskSuccess,
  CompleteHousekeepingTaskResult,
  CompleteHousekeepingTaskSuccess,
  CreateHousekeepingTaskResult,
  CreateHousekeepingTaskSuccess,
} from '../results/housekeeping.results';
import { succeed } from '../results/mutation-result';

@Resolver()
export class HousekeepingOperationsResolver {
  @Authorized()
  @Mutation(() => CreateHousekeepingTaskResult, { description: 'Gives housekeeping work in a room to a staff user, who is notified, or to nobody yet.' })
  async createHousekeepingTask(
    @Arg('input', () => CreateHousekeepingTaskInput, { description: 'The room, the work, and whom to give it to.' }) input: CreateHousekeepingTaskInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(CreateHousekeepingTaskSuccess, 'task', await createHousekeepingTask(ctx, input));
  }

  @Authorized()
  @Mutation(() => AssignHousekeepingTaskResult, { description: 'Gives an open task to another staff user (who is notified) or to nobody.' })
  async assignHousekeepingTask(
    @Arg('input', () => AssignHousekeepingTaskInput, { description: 'The task, and whom to give it to.' }) input: AssignHousekeepingTaskInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(AssignHousekeepingTaskSuccess, 'task', await assignHousekeepingTask(ctx, input));
  }

  @Authorized()
  @Mutation(() => CompleteHousekeepingTaskResult, { description: 'Marks an open task done, once: a cleaning leaves the room CLEAN, an inspection INSPECTED.' })
  async completeHousekeepingTask(
    @Arg('input', () => CompleteHousekeepingTaskInput, { description: 'The task done.' }) input: CompleteHousekeepingTaskInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(CompleteHousekeepingTaskSuccess, 'task', await completeHousekeepingTask(ctx, input));
  }
}
