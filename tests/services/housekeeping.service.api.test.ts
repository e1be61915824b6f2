import { beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { HousekeepingTask, HousekeepingTaskKind, HousekeepingTaskStatus } from '../../src/entities/housekeeping-task.entity';
import { Role } from '../../src/entities/role';
import { HousekeepingStatus, Room } from '../../src/entities/room.entity';
import type { User } from '../../src/entities/user.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, rowCounts, whileWritesTo } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let room: Room;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
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

    expect(await completeTask({ taskId: String(cleaning.id) })).toEqual(answer.invalidTransition('housekeeping task', 'DONE', 'DONE'));
    expect((await t.em().findOneOrFail(HousekeepingTask, cleaning.id)).completedAt?.toISOString()).toBe(first.task.completedAt);
    expect(await roomStatus()).toBe('DIRTY');
  });

  it('answers NotFoundError for an unknown task and ValidationError for a malformed id', async () => {
    expect(await completeTask({ taskId: '999999' })).toEqual(answer.notFound('HousekeepingTask', 999999, 'No housekeeping task with id 999999.'));
    expect(await completeTask({ taskId: 'task-1' })).toEqual(answer.validation([{ path: ['input', 'taskId'], message: 'Not a valid id.' }]));
  });
});

const assignTask = (input: Record<string, unknown>, token = t.tokens.staff) => mutate(t, 'assignHousekeepingTask', input, TASK, token);

/** The notifications written about task `id`: recipient, kind, message. */
const noticesOf = async (id: number | string) =>
  (
    await t.database.sql.query(`select user_id, kind, message from notifications where entity = 'HOUSEKEEPING_TASK' and entity_id = $1 order by id`, [
      String(id),
    ])
  ).rows.map((row) => [row.user_id, row.kind, row.message]);

describe('assignHousekeepingTask', () => {
  it('gives an open task to a staff user, who is told; a reassignment tells the new one; the same one again, nobody', async () => {
    const [first, second] = [await f.user(), await f.user()];
    const created = await createTask({ roomId: String(room.id), kind: 'CLEANING', assignedToId: String(first.id), notes: 'Extra towels' });
    const id = created.task.id;
    const yours = (user: User) => [user.id, 'HOUSEKEEPING_TASK_ASSIGNED', `The cleaning of room ${room.number} is yours: Extra towels`];
    expect(await noticesOf(id)).toEqual([yours(first)]);

    const reassigned = await assignTask({ taskId: id, assignedToId: String(second.id) });
    expect(reassigned).toEqual({ __typename: 'AssignHousekeepingTaskSuccess', task: { ...created.task, assignedTo: { id: String(second.id) } } });
    await assignTask({ taskId: id, assignedToId: String(second.id) });
    expect(await noticesOf(id)).toEqual([yours(first), yours(second)]);
    expect((await assignTask({ taskId: id, assignedToId: null })).task.assignedTo).toBeNull();
    expect((await t.em().findOneOrFail(HousekeepingTask, Number(id))).assignedTo).toBeNull();
    expect(await noticesOf(id)).toHaveLength(2);

    const bare = await task(HousekeepingTaskKind.INSPECTION);
    await assignTask({ taskId: String(bare.id), assignedToId: String(first.id) });
    expect(await noticesOf(bare.id)).toEqual([[first.id, 'HOUSEKEEPING_TASK_ASSIGNED', `The inspection of room ${room.number} is yours.`]]);
  });

  it('tells nobody who takes a task themselves', async () => {
    const user = await f.user();
    const em = t.em();
    const token = issueToken(em, { name: 'housekeeper phone', role: Role.STAFF, userId: user.id }).secret;
    await em.flush();
    const open = await task(HousekeepingTaskKind.CLEANING);
    expect((await assignTask({ taskId: String(open.id), assignedToId: String(user.id) }, token)).task.assignedTo).toEqual({ id: String(user.id) });
    expect(await noticesOf(open.id)).toEqual([]);
  });

  it('refuses a done task (task_open), a deactivated user (assignee_active) and unknown ids (NOT_FOUND), changing nothing', async () => {
    const user = await f.user();
    const done = await task(HousekeepingTaskKind.CLEANING);
    await completeTask({ taskId: String(done.id) });
    const open = await task(HousekeepingTaskKind.CLEANING);
    const inactive = await f.user();
    await t.database.sql.query('update users set active = false where id = $1', [inactive.id]);
    const before = await rowCounts(t, ['notifications']);
    expect(await assignTask({ taskId: String(done.id), assignedToId: String(user.id) })).toEqual(
      answer.businessRule('task_open', 'This task is done; it stays with whoever did it.'),
    );
    expect(await assignTask({ taskId: String(open.id), assignedToId: String(inactive.id) })).toEqual(
      answer.businessRule('assignee_active', `${inactive.name} is deactivated; give the work to an active user.`),
    );
    expect(await assignTask({ taskId: String(open.id), assignedToId: '999999' })).toEqual(answer.notFound('User', 999999, 'No user with id 999999.'));
    expect(await assignTask({ taskId: '999999', assignedToId: String(user.id) })).toEqual(
      answer.notFound('HousekeepingTask', 999999, 'No housekeeping task with id 999999.'),
    );
    expect(await assignTask({ taskId: 't', assignedToId: 'u' })).toEqual(
      answer.validation([
        { path: ['input', 'taskId'], message: 'Not a valid id.' },
        { path: ['input', 'assignedToId'], message: 'Not a valid id.' },
      ]),
    );
    expect(await rowCounts(t, ['notifications'])).toEqual(before);
    expect((await t.em().find(HousekeepingTask, [done.id, open.id])).map((row) => row.assignedTo)).toEqual([null, null]);
  });
});

describe('housekeepingTasks', () => {
  it('lists the tasks of one room, one assignee or one status, a page at a time', async () => {
    const user = await f.user();
    const otherRoom = await f.room(await f.roomType());
    const mine = await createTask({ roomId: String(room.id), kind: 'CLEANING', assignedToId: String(user.id) });
    const unassigned = await createTask({ roomId: String(room.id), kind: 'TURNDOWN' });
    const elsewhere = await createTask({ roomId: String(otherRoom.id), kind: 'INSPECTION', assignedToId: String(user.id) });
    await completeTask({ taskId: elsewhere.task.id });
    const list = async (args: string) => {
      const { data, errors } = await t.graphql(
        `{ housekeepingTasks(${args}) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        {},
        { token: t.tokens.staff },
      );
      expect(errors).toBeUndefined();
      return data!.housekeepingTasks;
    };
    const ids = async (args: string) => (await list(args)).nodes.map((node: { id: string }) => node.id);
    expect(await ids(`roomId: "${room.id}"`)).toEqual([mine.task.id, unassigned.task.id]);
    expect(await ids(`assignedToId: "${user.id}"`)).toEqual([mine.task.id, elsewhere.task.id]);
    expect(await ids(`assignedToId: "${user.id}", status: DONE`)).toEqual([elsewhere.task.id]);
    expect(await ids(`roomId: "${otherRoom.id}", status: OPEN`)).toEqual([]);
    expect(await ids('assignedToId: "x"')).toEqual([]);
    const page = await list(`roomId: "${room.id}", first: 1`);
    expect([page.nodes, page.pageInfo.hasNextPage]).toEqual([[{ id: mine.task.id }], true]);
    expect(await ids(`roomId: "${room.id}", first: 1, after: "${page.pageInfo.endCursor}"`)).toEqual([unassigned.task.id]);
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
