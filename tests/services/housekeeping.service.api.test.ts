import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HousekeepingTask, HousekeepingTaskKind, HousekeepingTaskStatus } from '../../src/entities/housekeeping-task.entity';
import { HousekeepingStatus, Room } from '../../src/entities/room.entity';
import { fixtures } from '../support/fixtures';
import { answer, mutate, rowCounts, whileWritesTo } from '../support/mutations';
import { startTestApi, type TestApi } from '../support/test-api';

let t: TestApi;
let f: ReturnType<typeof fixtures>;
let room: Room;

beforeAll(async () => {
  t = await startTestApi();
});
afterAll(() => t.close());
beforeEach(async () => {
  f = fixtures(t.em());
  room = await f.room(await f.roomType(), { housekeepingStatus: HousekeepingStatus.DIRTY });
});

const TASK = 'task { id kind status notes completedAt room { id housekeepingStatus } assignedTo { id } }';
const createTask = (input: Record<string, unknown>) => mutate(t, 'createHousekeepingTask', input, TASK, t.tokens.staff);
const completeTask = (input: Record<string, unknown>) => mutate(t, 'completeHousekeepingTask', input, TASK, t.tokens.staff);

async function task(kind: HousekeepingTaskKind) {
  const em = t.em();
  const created = em.create(HousekeepingTask, { room: room.id, kind });
  await em.flush();
  return created;
}

const roomStatus = async () => (await t.em().findOneOrFail(Room, room.id)).housekeepingStatus;

describe('createHousekeepingTask', () => {
  it('opens a task for a room, optionally assigned, with trimmed notes', async () => {
    const user = await f.user();
    const result = await createTask({ roomId: String(room.id), kind: 'CLEANING', assignedToId: String(user.id), notes: '  Extra towels ' });
    expect(result).toEqual({
      __typename: 'CreateHousekeepingTaskSuccess',
      task: {
        id: expect.any(String),
        kind: 'CLEANING',
        status: 'OPEN',
        notes: 'Extra towels',
        completedAt: null,
        room: { id: String(room.id), housekeepingStatus: 'DIRTY' },
        assignedTo: { id: String(user.id) },
      },
    });
    const bare = await createTask({ roomId: String(room.id), kind: 'TURNDOWN', notes: '' });
    expect(bare.task).toMatchObject({ kind: 'TURNDOWN', status: 'OPEN', notes: null, assignedTo: null });
    const rows = await t.em().find(HousekeepingTask, { room: room.id }, { orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.kind, row.status, row.notes, row.assignedTo?.id ?? null])).toEqual([
      ['CLEANING', 'OPEN', 'Extra towels', user.id],
      ['TURNDOWN', 'OPEN', null, null],
    ]);
  });

  it('answers NotFoundError for an unknown room or assignee and ValidationError for bad input, writing nothing', async () => {
    const before = await rowCounts(t, ['housekeeping_tasks']);
    expect(await createTask({ roomId: '999999', kind: 'CLEANING' })).toEqual(answer.notFound('Room', 999999, 'No room with id 999999.'));
    expect(await createTask({ roomId: String(room.id), kind: 'CLEANING', assignedToId: '999999' })).toEqual(
      answer.notFound('User', 999999, 'No user with id 999999.'),
    );
    expect(await createTask({ roomId: 'x', kind: 'INSPECTION', assignedToId: '0', notes: 'n'.repeat(2001) })).toEqual(
      answer.validation([
        { path: ['input', 'roomId'], message: 'Not a valid id.' },
        { path: ['input', 'assignedToId'], message: 'Not a valid id.' },
        { path: ['input', 'notes'], message: 'Must be at most 2000 characters long.' },
      ]),
    );
    expect(await rowCounts(t, ['housekeeping_tasks'])).toEqual(before);
  });
});

describe('completeHousekeepingTask', () => {
  it('marks the task done; a cleaning leaves the room CLEAN, an inspection INSPECTED, a turndown as it was', async () => {
    const cleaning = await task(HousekeepingTaskKind.CLEANING);
    const done = await completeTask({ taskId: String(cleaning.id) });
    expect(done).toEqual({
      __typename: 'CompleteHousekeepingTaskSuccess',
      task: {
        id: String(cleaning.id),
        kind: 'CLEANING',
        status: 'DONE',
        notes: null,
        completedAt: expect.any(String),
        room: { id: String(room.id), housekeepingStatus: 'CLEAN' },
        assignedTo: null,
      },
    });
    expect(await roomStatus()).toBe('CLEAN');

    await completeTask({ taskId: String((await task(HousekeepingTaskKind.INSPECTION)).id) });
    expect(await roomStatus()).toBe('INSPECTED');

    const turndown = await task(HousekeepingTaskKind.TURNDOWN);
    expect((await completeTask({ taskId: String(turndown.id) })).task.status).toBe('DONE');
    expect(await roomStatus()).toBe('INSPECTED');
    expect(await t.em().count(HousekeepingTask, { room: room.id, status: HousekeepingTaskStatus.OPEN })).toBe(0);
  });

  it('refuses to complete a task twice and keeps the first completion', async () => {
    const cleaning = await task(HousekeepingTaskKind.CLEANING);
    const first = await completeTask({ taskId: String(cleaning.id) });
    const em = t.em();
    (await em.findOneOrFail(Room, room.id)).housekeepingStatus = HousekeepingStatus.DIRTY;
    await em.flush();

    expect(await completeTask({ taskId: String(cleaning.id) })).toEqual(answer.businessRule('task_open', 'This task is already done.'));
    expect((await t.em().findOneOrFail(HousekeepingTask, cleaning.id)).completedAt?.toISOString()).toBe(first.task.completedAt);
    expect(await roomStatus()).toBe('DIRTY');
  });

  it('answers NotFoundError for an unknown task and ValidationError for a malformed id', async () => {
    expect(await completeTask({ taskId: '999999' })).toEqual(answer.notFound('HousekeepingTask', 999999, 'No housekeeping task with id 999999.'));
    expect(await completeTask({ taskId: 'task-1' })).toEqual(answer.validation([{ path: ['input', 'taskId'], message: 'Not a valid id.' }]));
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError and leaves nothing behind', async () => {
    const open = await task(HousekeepingTaskKind.CLEANING);
    const before = await rowCounts(t, ['housekeeping_tasks']);
    expect(
      await whileWritesTo(t, 'housekeeping_tasks', async () => [
        await createTask({ roomId: String(room.id), kind: 'CLEANING' }),
        await completeTask({ taskId: String(open.id) }),
      ]),
    ).toEqual([answer.serviceUnavailable(), answer.serviceUnavailable()]);
    expect(await rowCounts(t, ['housekeeping_tasks'])).toEqual(before);
    expect((await t.em().findOneOrFail(HousekeepingTask, open.id)).status).toBe('OPEN');
    expect(await roomStatus()).toBe('DIRTY');
  });
});
