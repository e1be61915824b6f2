import { LockMode } from '@mikro-orm/core';
import { HousekeepingTask, HousekeepingTaskKind, HousekeepingTaskStatus } from '../entities/housekeeping-task.entity';
import { HousekeepingStatus, Room } from '../entities/room.entity';
import { User } from '../entities/user.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';

/** What a finished task makes of the room. */
const RESULTING_STATUS: Readonly<Partial<Record<HousekeepingTaskKind, HousekeepingStatus>>> = {
  CLEANING: HousekeepingStatus.CLEAN,
  INSPECTION: HousekeepingStatus.INSPECTED,
};

export const createHousekeepingTask = operation(
  [NotFoundError],
  async (ctx, input: { roomId: string; kind: HousekeepingTaskKind; assignedToId?: string | null; notes?: string | null }) => {
    const check = new InputCheck();
    const roomId = check.id('roomId', input.roomId);
    const assignedToId = check.id('assignedToId', input.assignedToId);
    const notes = check.text('notes', input.notes, { min: 0, max: 2000 });
    check.done();
    const room = await ctx.em.findOne(Room, { id: roomId! });
    if (!room) throw new NotFoundError('Room', roomId!);
    const assignee = assignedToId ? await ctx.em.findOne(User, { id: assignedToId }) : null;
    if (assignedToId && !assignee) throw new NotFoundError('User', assignedToId);
    return ctx.em.create(HousekeepingTask, { room, kind: input.kind, assignedTo: assignee, notes: notes || null });
  },
);

/** Done once: a cleaning leaves the room CLEAN, an inspection INSPECTED. */
export const completeHousekeepingTask = operation([NotFoundError, BusinessRuleError], async (ctx, input: { taskId: string }) => {
  const check = new InputCheck();
  const taskId = check.id('taskId', input.taskId);
  check.done();
  const task = await ctx.em.findOne(HousekeepingTask, { id: taskId! }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['room'] });
  if (!task) throw new NotFoundError('HousekeepingTask', taskId!);
  if (task.status === HousekeepingTaskStatus.DONE) throw new BusinessRuleError('task_open', 'This task is already done.');
  task.status = HousekeepingTaskStatus.DONE;
  task.completedAt = new Date();
  const next = RESULTING_STATUS[task.kind];
  if (next) task.room.housekeepingStatus = next;
  return task;
});
