import { beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { addDays, today } from '../../src/dates';
import { BookingStatus } from '../../src/entities/booking.entity';
import { MaintenanceRequest, MaintenanceSeverity, MaintenanceStatus } from '../../src/entities/maintenance-request.entity';
import { Role } from '../../src/entities/role';
import { Room, RoomStatus } from '../../src/entities/room.entity';
import type { User } from '../../src/entities/user.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, rowCounts, whileWritesTo } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let room: Room;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  room = await f.room(await f.roomType());
});

const REQUEST = 'request { id description severity status outOfOrderFrom outOfOrderTo resolvedAt room { id status } reportedBy { id } assignedTo { id } }';
const openRequest = (input: Record<string, unknown>) => mutate(t, 'openMaintenanceRequest', input, REQUEST, t.tokens.staff);
const resolveRequest = (input: Record<string, unknown>) => mutate(t, 'resolveMaintenanceRequest', input, REQUEST, t.tokens.staff);
const PROGRESS = 'request { id status startedAt resolvedAt assignedTo { id } }';
const startRequest = (input: Record<string, unknown>, token = t.tokens.staff) => mutate(t, 'startMaintenanceRequest', input, PROGRESS, token);
const assignRequest = (input: Record<string, unknown>, token = t.tokens.staff) => mutate(t, 'assignMaintenanceRequest', input, REQUEST, token);

const roomStatus = async () => (await t.em().findOneOrFail(Room, room.id)).status;

async function request(fields: Partial<Pick<MaintenanceRequest, 'status'>> = {}) {
  const em = t.em();
  const created = em.create(MaintenanceRequest, { room: room.id, description: 'Leaking tap', severity: MaintenanceSeverity.LOW, ...fields });
  await em.flush();
  return created;
}

describe('openMaintenanceRequest', () => {
  it('records a fault with an out-of-order window that keeps new bookings off those nights', async () => {
    const user = await f.user();
    const from = addDays(today(), 10);
    const to = addDays(today(), 12);
    const result = await openRequest({
      roomId: String(room.id),
      description: ' Broken AC ',
      severity: 'HIGH',
      assignedToId: String(user.id),
      outOfOrderFrom: from,
      outOfOrderTo: to,
    });
    expect(result).toEqual({
      __typename: 'OpenMaintenanceRequestSuccess',
      request: {
        id: expect.any(String),
        description: 'Broken AC',
        severity: 'HIGH',
        status: 'OPEN',
        outOfOrderFrom: from,
        outOfOrderTo: to,
        resolvedAt: null,
        room: { id: String(room.id), status: 'IN_SERVICE' },
        reportedBy: null,
        assignedTo: { id: String(user.id) },
      },
    });
    expect(await roomStatus()).toBe('IN_SERVICE');
    const { data } = await t.graphql('query ($in: Date!, $out: Date!) { availableRooms(checkIn: $in, checkOut: $out) { id } }', {
      in: addDays(today(), 11),
      out: addDays(today(), 13),
    });
    expect(data?.availableRooms.map((r: { id: string }) => r.id)).not.toContain(String(room.id));
  });

  it('records the staff user behind the token as the reporter', async () => {
    const user = await f.user();
    const em = t.em();
    const personal = issueToken(em, { name: 'housekeeper phone', role: Role.STAFF, userId: user.id });
    await em.flush();
    const result = await mutate(
      t,
      'openMaintenanceRequest',
      { roomId: String(room.id), description: 'Squeaky door', severity: 'LOW' },
      REQUEST,
      personal.secret,
    );
    expect(result.request).toMatchObject({ reportedBy: { id: String(user.id) }, assignedTo: null });
    expect((await t.em().findOneOrFail(MaintenanceRequest, Number(result.request.id))).reportedBy?.id).toBe(user.id);
  });

  it('takes the room out of order at once when asked', async () => {
    const result = await openRequest({ roomId: String(room.id), description: 'Flooded bathroom', severity: 'CRITICAL', takeOutOfOrder: true });
    expect(result.request).toMatchObject({ status: 'OPEN', outOfOrderFrom: null, outOfOrderTo: null, room: { status: 'OUT_OF_ORDER' } });
    expect(await roomStatus()).toBe('OUT_OF_ORDER');
  });

  it('refuses to take a room out of order while a guest is checked in, and records nothing', async () => {
    await f.booking(room, await f.customer(), 0, 2, { status: BookingStatus.CHECKED_IN });
    const before = await rowCounts(t, ['maintenance_requests']);
    expect(await openRequest({ roomId: String(room.id), description: 'Noisy fridge', severity: 'LOW', takeOutOfOrder: true })).toEqual(
      answer.businessRule('room_occupied', `Room ${room.number} has a guest checked in; move the booking before taking it out of order.`),
    );
    expect(await rowCounts(t, ['maintenance_requests'])).toEqual(before);
    expect(await roomStatus()).toBe('IN_SERVICE');
    expect((await openRequest({ roomId: String(room.id), description: 'Noisy fridge', severity: 'LOW' })).__typename).toBe('OpenMaintenanceRequestSuccess');
  });

  it('refuses a window over nights guests are booked into with ROOM_OCCUPIED naming their bookings, and records nothing', async () => {
    const day = (n: number) => addDays(today(), n);
    const inHouse = await f.booking(room, await f.customer(), -1, 3, { status: BookingStatus.CHECKED_IN }); // [−1, 2)
    const arriving = await f.booking(room, await f.customer(), 5, 2); // [5, 7)
    // Neither a stay that is over nor one released holds the room.
    await f.booking(room, await f.customer(), -4, 2, { status: BookingStatus.CHECKED_OUT });
    await f.booking(room, await f.customer(), 3, 2, { status: BookingStatus.CANCELLED });
    const before = await rowCounts(t, ['maintenance_requests']);
    const window = (from: number, to: number) =>
      mutate(
        t,
        'openMaintenanceRequest',
        { roomId: String(room.id), description: 'Replace the carpet', severity: 'MEDIUM', outOfOrderFrom: day(from), outOfOrderTo: day(to) },
        { members: '... on OpenMaintenanceRequestSuccess { request { id } } ... on ConflictError { code category severity message retryable conflictingIds }' },
        t.tokens.staff,
      );
    expect(await window(1, 6)).toEqual({
      __typename: 'ConflictError',
      code: 'ROOM_OCCUPIED',
      category: 'BUSINESS_LOGIC',
      severity: 'LOW',
      retryable: false,
      message: `Room ${room.number} is booked for some of these nights (bookings ${inHouse.id}, ${arriving.id}); move or shorten them before taking the room out of order.`,
      conflictingIds: [String(inHouse.id), String(arriving.id)],
    });
    expect(await window(6, 8)).toMatchObject({
      conflictingIds: [String(arriving.id)],
      message: `Room ${room.number} is booked for some of these nights (booking ${arriving.id}); move or shorten it before taking the room out of order.`,
    });
    expect(await rowCounts(t, ['maintenance_requests'])).toEqual(before);
    // The nights between the stays, from the in-house guest's departure morning to the arrival.
    expect((await window(2, 5)).__typename).toBe('OpenMaintenanceRequestSuccess');
    expect((await window(7, 9)).__typename).toBe('OpenMaintenanceRequestSuccess');
  });

  it('answers NotFoundError for an unknown room or assignee', async () => {
    const before = await rowCounts(t, ['maintenance_requests']);
    expect(await openRequest({ roomId: '999999', description: 'Ghost room', severity: 'LOW' })).toEqual(
      answer.notFound('Room', 999999, 'No room with id 999999.'),
    );
    expect(await openRequest({ roomId: String(room.id), description: 'Nobody', severity: 'LOW', assignedToId: '999999' })).toEqual(
      answer.notFound('User', 999999, 'No user with id 999999.'),
    );
    expect(await rowCounts(t, ['maintenance_requests'])).toEqual(before);
  });

  it('answers ValidationError for a blank description, malformed ids and a half-open or inverted window', async () => {
    const before = await rowCounts(t, ['maintenance_requests']);
    const day = (n: number) => addDays(today(), n);
    expect(await openRequest({ roomId: 'r', assignedToId: 'u', description: ' ', severity: 'LOW', outOfOrderFrom: day(3) })).toEqual(
      answer.validation([
        { path: ['input', 'roomId'], message: 'Not a valid id.' },
        { path: ['input', 'assignedToId'], message: 'Not a valid id.' },
        { path: ['input', 'description'], message: 'Must not be blank.' },
        { path: ['input', 'outOfOrderTo'], message: 'An out-of-order window needs both ends.' },
      ]),
    );
    expect(await openRequest({ roomId: String(room.id), description: 'Paint', severity: 'LOW', outOfOrderTo: day(3) })).toEqual(
      answer.validation([{ path: ['input', 'outOfOrderFrom'], message: 'An out-of-order window needs both ends.' }]),
    );
    expect(await openRequest({ roomId: String(room.id), description: 'Paint', severity: 'LOW', outOfOrderFrom: day(3), outOfOrderTo: day(3) })).toEqual(
      answer.validation([{ path: ['input', 'outOfOrderTo'], message: 'The window must end after it starts.' }]),
    );
    expect(await rowCounts(t, ['maintenance_requests'])).toEqual(before);
  });
});

describe('resolveMaintenanceRequest', () => {
  it('resolves a request; the room returns to service only once no request on it is open', async () => {
    const first = await openRequest({ roomId: String(room.id), description: 'Broken window', severity: 'HIGH', takeOutOfOrder: true });
    const second = await request();
    expect((await startRequest({ requestId: String(second.id) })).request.status).toBe('IN_PROGRESS');

    const resolved = await resolveRequest({ requestId: first.request.id });
    expect(resolved).toEqual({
      __typename: 'ResolveMaintenanceRequestSuccess',
      request: { ...first.request, status: 'RESOLVED', resolvedAt: expect.any(String), room: { id: String(room.id), status: 'OUT_OF_ORDER' } },
    });
    expect(await roomStatus()).toBe('OUT_OF_ORDER');

    expect((await resolveRequest({ requestId: String(second.id) })).request).toMatchObject({ status: 'RESOLVED', room: { status: 'IN_SERVICE' } });
    expect(await roomStatus()).toBe(RoomStatus.IN_SERVICE);
    expect(await t.em().count(MaintenanceRequest, { room: room.id, status: { $ne: MaintenanceStatus.RESOLVED } })).toBe(0);
  });

  it('leaves a room out of service (not out of order) as it is', async () => {
    const em = t.em();
    (await em.findOneOrFail(Room, room.id)).status = RoomStatus.OUT_OF_SERVICE;
    await em.flush();
    await resolveRequest({ requestId: String((await request()).id) });
    expect(await roomStatus()).toBe('OUT_OF_SERVICE');
  });

  it('refuses to resolve a request twice and keeps the first resolution', async () => {
    const open = await request();
    const first = await resolveRequest({ requestId: String(open.id) });
    expect(await resolveRequest({ requestId: String(open.id) })).toEqual(answer.invalidTransition('maintenance request', 'RESOLVED', 'RESOLVED'));
    expect((await t.em().findOneOrFail(MaintenanceRequest, open.id)).resolvedAt?.toISOString()).toBe(first.request.resolvedAt);
  });

  it('answers NotFoundError for an unknown request and ValidationError for a malformed id', async () => {
    expect(await resolveRequest({ requestId: '999999' })).toEqual(answer.notFound('MaintenanceRequest', 999999, 'No maintenance request with id 999999.'));
    expect(await resolveRequest({ requestId: '' })).toEqual(answer.validation([{ path: ['input', 'requestId'], message: 'Not a valid id.' }]));
  });
});

/** A bearer token acting for `user`, as the staff app's session would. */
async function tokenOf(user: User): Promise<string> {
  const em = t.em();
  const token = issueToken(em, { name: `${user.name} phone`, role: Role.STAFF, userId: user.id });
  await em.flush();
  return token.secret;
}

/** The notifications written about request `id`: recipient, kind, message. */
const noticesOf = async (id: number | string) =>
  (
    await t.database.sql.query(`select user_id, kind, message from notifications where entity = 'MAINTENANCE_REQUEST' and entity_id = $1 order by id`, [
      String(id),
    ])
  ).rows.map((row) => [row.user_id, row.kind, row.message]);

const assigned = (id: number | string, user: User, description = 'Leaking tap', severity = 'low') => [
  user.id,
  'MAINTENANCE_REQUEST_ASSIGNED',
  `Maintenance request ${id} in room ${room.number} (${severity} severity) is yours: ${description}`,
];

describe('openMaintenanceRequest with an assignee', () => {
  it('tells the assignee, naming the request; nobody when the reporter assigns it to themselves', async () => {
    const user = await f.user();
    const opened = await openRequest({ roomId: String(room.id), description: 'Broken AC', severity: 'HIGH', assignedToId: String(user.id) });
    expect(await noticesOf(opened.request.id)).toEqual([assigned(opened.request.id, user, 'Broken AC', 'high')]);
    const own = await mutate(
      t,
      'openMaintenanceRequest',
      { roomId: String(room.id), description: 'Mine', severity: 'LOW', assignedToId: String(user.id) },
      REQUEST,
      await tokenOf(user),
    );
    expect(own.request.assignedTo).toEqual({ id: String(user.id) });
    expect(await noticesOf(own.request.id)).toEqual([]);
  });

  it('refuses a deactivated assignee with assignee_active, recording nothing', async () => {
    const user = await f.user();
    await t.database.sql.query('update users set active = false where id = $1', [user.id]);
    const before = await rowCounts(t, ['maintenance_requests', 'notifications']);
    expect(await openRequest({ roomId: String(room.id), description: 'Broken AC', severity: 'HIGH', assignedToId: String(user.id) })).toEqual(
      answer.businessRule('assignee_active', `${user.name} is deactivated; give the work to an active user.`),
    );
    expect(await rowCounts(t, ['maintenance_requests', 'notifications'])).toEqual(before);
  });
});

describe('startMaintenanceRequest', () => {
  it('moves an OPEN request IN_PROGRESS, recording when, and gives an unassigned one to the staff user starting it', async () => {
    const user = await f.user();
    const open = await request();
    const started = await startRequest({ requestId: String(open.id) }, await tokenOf(user));
    expect(started).toEqual({
      __typename: 'StartMaintenanceRequestSuccess',
      request: { id: String(open.id), status: 'IN_PROGRESS', startedAt: expect.any(String), resolvedAt: null, assignedTo: { id: String(user.id) } },
    });
    const row = await t.em().findOneOrFail(MaintenanceRequest, open.id);
    expect([row.status, row.startedAt?.toISOString(), row.assignedTo?.id]).toEqual(['IN_PROGRESS', started.request.startedAt, user.id]);
    expect(await noticesOf(open.id)).toEqual([]);
  });

  it('keeps the assignee of an assigned request; a token without a user leaves an unassigned one unassigned', async () => {
    const user = await f.user();
    const mine = await openRequest({ roomId: String(room.id), description: 'Broken AC', severity: 'HIGH', assignedToId: String(user.id) });
    expect((await startRequest({ requestId: mine.request.id }, await tokenOf(await f.user()))).request.assignedTo).toEqual({ id: String(user.id) });
    const nobody = await request();
    expect((await startRequest({ requestId: String(nobody.id) })).request).toMatchObject({ status: 'IN_PROGRESS', assignedTo: null });
  });

  it('resolves from IN_PROGRESS, keeping when work began', async () => {
    const open = await request();
    const started = await startRequest({ requestId: String(open.id) });
    const resolved = await mutate(t, 'resolveMaintenanceRequest', { requestId: String(open.id) }, PROGRESS, t.tokens.staff);
    expect(resolved.request).toEqual({ ...started.request, status: 'RESOLVED', resolvedAt: expect.any(String) });
  });

  it('refuses to start a request in progress or resolved with INVALID_STATE_TRANSITION, changing nothing', async () => {
    const open = await request();
    const started = await startRequest({ requestId: String(open.id) });
    expect(await startRequest({ requestId: String(open.id) })).toEqual(answer.invalidTransition('maintenance request', 'IN_PROGRESS', 'IN_PROGRESS'));
    expect((await t.em().findOneOrFail(MaintenanceRequest, open.id)).startedAt?.toISOString()).toBe(started.request.startedAt);
    const done = await request();
    await resolveRequest({ requestId: String(done.id) });
    expect(await startRequest({ requestId: String(done.id) })).toEqual(answer.invalidTransition('maintenance request', 'RESOLVED', 'IN_PROGRESS'));
    expect((await t.em().findOneOrFail(MaintenanceRequest, done.id)).startedAt).toBeNull();
  });

  it('answers NotFoundError for an unknown request and ValidationError for a malformed id', async () => {
    expect(await startRequest({ requestId: '999999' })).toEqual(answer.notFound('MaintenanceRequest', 999999, 'No maintenance request with id 999999.'));
    expect(await startRequest({ requestId: 'r' })).toEqual(answer.validation([{ path: ['input', 'requestId'], message: 'Not a valid id.' }]));
  });
});

describe('assignMaintenanceRequest', () => {
  it('gives the request to a staff user, who is told; a reassignment tells the new one; the same one again, nobody', async () => {
    const [first, second] = [await f.user(), await f.user()];
    const open = await request();
    const to = (user: User | null) => assignRequest({ requestId: String(open.id), assignedToId: user ? String(user.id) : null });
    expect((await to(first)).request).toMatchObject({ id: String(open.id), status: 'OPEN', assignedTo: { id: String(first.id) } });
    expect(await noticesOf(open.id)).toEqual([assigned(open.id, first)]);
    expect((await to(second)).request.assignedTo).toEqual({ id: String(second.id) });
    expect((await to(second)).request.assignedTo).toEqual({ id: String(second.id) });
    expect(await noticesOf(open.id)).toEqual([assigned(open.id, first), assigned(open.id, second)]);
    expect((await to(null)).request.assignedTo).toBeNull();
    expect((await t.em().findOneOrFail(MaintenanceRequest, open.id)).assignedTo).toBeNull();
    expect(await noticesOf(open.id)).toHaveLength(2);
  });

  it('reaches the assignee in their own notifications', async () => {
    const user = await f.user();
    const open = await request();
    await startRequest({ requestId: String(open.id) });
    await assignRequest({ requestId: String(open.id), assignedToId: String(user.id) });
    const { data } = await t.graphql('{ notifications(unreadOnly: true) { nodes { kind entity entityId readAt } } }', {}, { token: await tokenOf(user) });
    expect(data?.notifications.nodes).toEqual([
      { kind: 'MAINTENANCE_REQUEST_ASSIGNED', entity: 'MAINTENANCE_REQUEST', entityId: String(open.id), readAt: null },
    ]);
  });

  it('refuses a resolved request (request_open), a deactivated user (assignee_active) and an unknown one (NOT_FOUND), changing nothing', async () => {
    const user = await f.user();
    const done = await request();
    await resolveRequest({ requestId: String(done.id) });
    const open = await request();
    const inactive = await f.user();
    await t.database.sql.query('update users set active = false where id = $1', [inactive.id]);
    const before = await rowCounts(t, ['notifications']);
    expect(await assignRequest({ requestId: String(done.id), assignedToId: String(user.id) })).toEqual(
      answer.businessRule('request_open', 'This request is resolved; it stays with whoever resolved it.'),
    );
    expect(await assignRequest({ requestId: String(open.id), assignedToId: String(inactive.id) })).toEqual(
      answer.businessRule('assignee_active', `${inactive.name} is deactivated; give the work to an active user.`),
    );
    expect(await assignRequest({ requestId: String(open.id), assignedToId: '999999' })).toEqual(answer.notFound('User', 999999, 'No user with id 999999.'));
    expect(await assignRequest({ requestId: '999999', assignedToId: String(user.id) })).toEqual(
      answer.notFound('MaintenanceRequest', 999999, 'No maintenance request with id 999999.'),
    );
    expect(await rowCounts(t, ['notifications'])).toEqual(before);
    expect((await t.em().find(MaintenanceRequest, [done.id, open.id])).map((row) => row.assignedTo)).toEqual([null, null]);
  });
});

describe('maintenanceRequests', () => {
  it('lists the requests of one room, one assignee or one status, a page at a time', async () => {
    const user = await f.user();
    const otherRoom = await f.room(await f.roomType());
    const mine = await openRequest({ roomId: String(room.id), description: 'One', severity: 'LOW', assignedToId: String(user.id) });
    const unassigned = await openRequest({ roomId: String(room.id), description: 'Two', severity: 'LOW' });
    const elsewhere = await openRequest({ roomId: String(otherRoom.id), description: 'Three', severity: 'LOW', assignedToId: String(user.id) });
    await startRequest({ requestId: elsewhere.request.id });
    const list = async (args: string) => {
      const { data, errors } = await t.graphql(
        `{ maintenanceRequests(${args}) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        {},
        { token: t.tokens.staff },
      );
      expect(errors).toBeUndefined();
      return data!.maintenanceRequests;
    };
    const ids = async (args: string) => (await list(args)).nodes.map((node: { id: string }) => node.id);
    expect(await ids(`roomId: "${room.id}"`)).toEqual([mine.request.id, unassigned.request.id]);
    expect(await ids(`assignedToId: "${user.id}"`)).toEqual([mine.request.id, elsewhere.request.id]);
    expect(await ids(`assignedToId: "${user.id}", status: IN_PROGRESS`)).toEqual([elsewhere.request.id]);
    expect(await ids(`roomId: "${otherRoom.id}", status: OPEN`)).toEqual([]);
    expect(await ids('roomId: "nope"')).toEqual([]);
    const page = await list(`roomId: "${room.id}", first: 1`);
    expect([page.nodes, page.pageInfo.hasNextPage]).toEqual([[{ id: mine.request.id }], true]);
    expect(await ids(`roomId: "${room.id}", first: 1, after: "${page.pageInfo.endCursor}"`)).toEqual([unassigned.request.id]);
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError and leaves nothing behind', async () => {
    const open = await request();
    const before = await rowCounts(t, ['maintenance_requests']);
    expect(
      await whileWritesTo(t, 'maintenance_requests', async () => [
        await openRequest({ roomId: String(room.id), description: 'Busy', severity: 'LOW', takeOutOfOrder: true }),
        await resolveRequest({ requestId: String(open.id) }),
      ]),
    ).toEqual([answer.serviceUnavailable(), answer.serviceUnavailable()]);
    expect(await rowCounts(t, ['maintenance_requests'])).toEqual(before);
    expect((await t.em().findOneOrFail(MaintenanceRequest, open.id)).status).toBe('OPEN');
    expect(await roomStatus()).toBe('IN_SERVICE');
  });
});
