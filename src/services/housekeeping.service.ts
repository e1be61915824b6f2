import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { findPage, type PageRequest } from '../db/keyset-page';
import { HousekeepingTask, HousekeepingTaskKind, HousekeepingTaskStatus } from '../entities/housekeeping-task.entity';
import { HousekeepingStatus, Room } from '../entities/room.entity';
import type { User } from '../entities/user.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { inWords } from '../in-words';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { moveStatus, type Transitions } from '../kernel/state-machine';
import { assigneeOf } from './assignee';
import { notifyAssignee } from './notification.service';

/** Which status may follow which: anything else is INVALID_STATE_TRANSITION. */
const TRANSITIONS: Transitions<HousekeepingTaskStatus> = {
  OPEN: [HousekeepingTaskStatus.DONE],
  DONE: [],
};

/** What a finished task makes of the room. */
const RESULTING_STATUS: Readonly<Partial<Record<HousekeepingTaskKind, HousekeepingStatus>>> = {
  CLEANING: HousekeepingStatus.CLEAN,
  INSPECTION: HousekeepingStatus.INSPECTED,
};

/** Tells the assignee; the task is written first, so the notification can name it. */
async function tellAssignee(ctx: OperationContext, task: HousekeepingTask, assignee: User): Promise<void> {
  await ctx.em.flush();
  const kind = inWords(task.kind);
  notifyAssignee(ctx, assignee, {
    kind: 'HOUSEKEEPING_TASK_ASSIGNED',
    message: `The ${kind} of room ${task.room.number} is yours${task.notes ? `: ${task.notes}` : '.'}`,
    entity: 'HOUSEKEEPING_TASK',
    entityId: task.id,
  });
}

export const createHousekeepingTask = operation(
  [NotFoundError, BusinessRuleError],
  async (ctx, input: { roomId: string; kind: HousekeepingTaskKind; assignedToId?: string | null; notes?: string | null }) => {
    const check = new InputCheck();
    const roomId = check.id('roomId', input.roomId);
    const assignedToId = check.id('assignedToId', input.assignedToId);
    const notes = check.text('notes', input.notes, { min: 0, max: 2000 });
    check.done();
    const room = await ctx.em.findOne(Room, { id: roomId! });
    if (!room) throw new NotFoundError('Room', roomId!);
    const assignee = assignedToId ? await assigneeOf(ctx, assignedToId) : null;
    const task = ctx.em.create(HousekeepingTask, { room, kind: input.kind, assignedTo: assignee, notes: notes || null });
    if (assignee) await tellAssignee(ctx, task, assignee);
    return task;
  },
);

/** Loads and locks an open task for a change. */
async function lockTask(ctx: OperationContext, taskId: number): Promise<HousekeepingTask> {
  const task = await ctx.em.findOne(HousekeepingTask, { id: taskId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['room'] });
  if (!task) throw new NotFoundError('HousekeepingTask', taskId);
  return task;
}

/** Done once: a cleaning leaves the room CLEAN, an inspection INSPECTED. */
export const completeHousekeepingTask = operation([NotFoundError, BusinessRuleError], async (ctx, input: { taskId: string }) => {
  const check = new InputCheck();
  const taskId = check.id('taskId', input.taskId);
  check.done();
  const task = await lockTask(ctx, taskId!);
  moveStatus('HousekeepingTask', TRANSITIONS, task, HousekeepingTaskStatus.DONE);
  task.completedAt = new Date();
  const next = RESULTING_STATUS[task.kind];
  if (next) task.room.housekeepingStatus = next;
  return task;
});

/**
 * Gives an open task to another staff user, or to nobody (assignedToId null), who is
 * told. A task done stays with whoever did it.
 */
export const assignHousekeepingTask = operation([NotFoundError, BusinessRuleError], async (ctx, input: { taskId: string; assignedToId?: string | null }) => {
  const check = new InputCheck();
  const taskId = check.id('taskId', input.taskId);
  const assignedToId = check.id('assignedToId', input.assignedToId);
  check.done();
  const task = await lockTask(ctx, taskId!);
  if (task.status !== HousekeepingTaskStatus.OPEN) throw new BusinessRuleError('task_open', 'This task is done; it stays with whoever did it.');
  const assignee = assignedToId ? await assigneeOf(ctx, assignedToId) : null;
  if ((task.assignedTo?.id ?? null) === (assignee?.id ?? null)) return task;
  task.assignedTo = assignee;
  if (assignee) await tellAssignee(ctx, task, assignee);
  return task;
});

export interface HousekeepingTaskFilter {
  status?: HousekeepingTaskStatus;
  roomId?: number;
  assignedToId?: number;
}

/** Tasks oldest first, of one room, one assignee or one status when asked. */
export function listHousekeepingTasks(em: EntityManager, filter: HousekeepingTaskFilter, page: PageRequest) {
  const where: FilterQuery<HousekeepingTask> = {};
  if (filter.status) where.status = filter.status;
  if (filter.roomId !== undefined) where.room = filter.roomId;
  if (filter.assignedToId !== undefined) where.assignedTo = filter.assignedToId;
  return findPage(em, HousekeepingTask, where, ['id'], page);
}
