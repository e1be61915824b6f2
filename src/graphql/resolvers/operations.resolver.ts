import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Info, Mutation, Query, Resolver } from 'type-graphql';
import { findPage } from '../../db/keyset-page';
import { HousekeepingTask, HousekeepingTaskStatus } from '../../entities/housekeeping-task.entity';
import { MaintenanceRequest, MaintenanceStatus } from '../../entities/maintenance-request.entity';
import { Notification } from '../../entities/notification.entity';
import { WaitlistEntry, WaitlistStatus } from '../../entities/waitlist-entry.entity';
import { completeHousekeepingTask, createHousekeepingTask } from '../../services/housekeeping.service';
import { openMaintenanceRequest, resolveMaintenanceRequest } from '../../services/maintenance.service';
import { markNotificationRead } from '../../services/notification.service';
import { joinWaitlist } from '../../services/waitlist.service';
import type { GraphQLContext } from '../context';
import {
  CompleteHousekeepingTaskInput,
  CreateHousekeepingTaskInput,
  JoinWaitlistInput,
  MarkNotificationReadInput,
  OpenMaintenanceRequestInput,
  ResolveMaintenanceRequestInput,
} from '../inputs/operations.inputs';
import { PageArgs } from '../inputs/page.args';
import { prefetchSelected } from '../lookahead';
import { succeed } from '../results/mutation-result';
import {
  CompleteHousekeepingTaskResult,
  CompleteHousekeepingTaskSuccess,
  CreateHousekeepingTaskResult,
  CreateHousekeepingTaskSuccess,
  JoinWaitlistResult,
  JoinWaitlistSuccess,
  MarkNotificationReadResult,
  MarkNotificationReadSuccess,
  OpenMaintenanceRequestResult,
  OpenMaintenanceRequestSuccess,
  ResolveMaintenanceRequestResult,
  ResolveMaintenanceRequestSuccess,
} from '../results/operations.results';
import { ConnectionType } from '../types/connection';

export const HousekeepingTaskConnection = ConnectionType(HousekeepingTask);
export const MaintenanceRequestConnection = ConnectionType(MaintenanceRequest);
export const WaitlistEntryConnection = ConnectionType(WaitlistEntry);
export const NotificationConnection = ConnectionType(Notification);

/** The day-to-day work around the rooms: housekeeping, maintenance, the waitlist, notifications. */
@Resolver()
export class OperationsResolver {
  @Authorized()
  @Query(() => HousekeepingTaskConnection, { description: 'Housekeeping tasks, oldest first.' })
  async housekeepingTasks(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => HousekeepingTaskStatus, { nullable: true }) status: HousekeepingTaskStatus | undefined,
    @Ctx() { em }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await findPage(em, HousekeepingTask, status ? { status } : {}, ['id'], page);
    await prefetchSelected(em, HousekeepingTask, result.nodes, info);
    return HousekeepingTaskConnection.fromPage(result);
  }

  @Authorized()
  @Query(() => MaintenanceRequestConnection, { description: 'Maintenance requests, oldest first.' })
  async maintenanceRequests(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => MaintenanceStatus, { nullable: true }) status: MaintenanceStatus | undefined,
    @Ctx() { em }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await findPage(em, MaintenanceRequest, status ? { status } : {}, ['id'], page);
    await prefetchSelected(em, MaintenanceRequest, result.nodes, info);
    return MaintenanceRequestConnection.fromPage(result);
  }

  @Authorized()
  @Query(() => WaitlistEntryConnection, { description: 'Waitlist entries, oldest first.' })
  async waitlist(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => WaitlistStatus, { nullable: true }) status: WaitlistStatus | undefined,
    @Ctx() { em }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await findPage(em, WaitlistEntry, status ? { status } : {}, ['id'], page);
    await prefetchSelected(em, WaitlistEntry, result.nodes, info);
    return WaitlistEntryConnection.fromPage(result);
  }

  @Authorized()
  @Query(() => NotificationConnection, { description: "The caller's own notifications, oldest first." })
  async notifications(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() { em, caller }: GraphQLContext,
  ) {
    const where = { user: caller?.userId ?? -1, ...(unreadOnly ? { readAt: null } : {}) };
    return NotificationConnection.fromPage(await findPage(em, Notification, where, ['id'], page));
  }

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

  @Authorized()
  @Mutation(() => JoinWaitlistResult)
  async joinWaitlist(@Arg('input', () => JoinWaitlistInput) input: JoinWaitlistInput, @Ctx() ctx: GraphQLContext) {
    return succeed(JoinWaitlistSuccess, 'entry', await joinWaitlist(ctx, input));
  }

  @Authorized()
  @Mutation(() => MarkNotificationReadResult)
  async markNotificationRead(@Arg('input', () => MarkNotificationReadInput) input: MarkNotificationReadInput, @Ctx() ctx: GraphQLContext) {
    return succeed(MarkNotificationReadSuccess, 'notification', await markNotificationRead(ctx, input));
  }
}
