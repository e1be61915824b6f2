import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { addDays, today } from '../../src/dates';
import { BookingStatus } from '../../src/entities/booking.entity';
import { MaintenanceRequest, MaintenanceSeverity, MaintenanceStatus } from '../../src/entities/maintenance-request.entity';
import { Role } from '../../src/entities/role';
import { Room, RoomStatus } from '../../src/entities/room.entity';
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
  room = await f.room(await f.roomType());
});

const REQUEST = 'request { id description severity status outOfOrderFrom outOfOrderTo resolvedAt room { id status } reportedBy { id } assignedTo { id } }';
const openRequest = (input: Record<string, unknown>) => mutate(t, 'openMaintenanceRequest', input, REQUEST, t.tokens.staff);
const resolveRequest = (input: Record<string, unknown>) => mutate(t, 'resolveMaintenanceRequest', input, REQUEST, t.tokens.staff);

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
    const second = await request({ status: MaintenanceStatus.IN_PROGRESS });

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
    expect(await resolveRequest({ requestId: String(open.id) })).toEqual(answer.businessRule('request_open', 'This request is already resolved.'));
    expect((await t.em().findOneOrFail(MaintenanceRequest, open.id)).resolvedAt?.toISOString()).toBe(first.request.resolvedAt);
  });

  it('answers NotFoundError for an unknown request and ValidationError for a malformed id', async () => {
    expect(await resolveRequest({ requestId: '999999' })).toEqual(answer.notFound('MaintenanceRequest', 999999, 'No maintenance request with id 999999.'));
    expect(await resolveRequest({ requestId: '' })).toEqual(answer.validation([{ path: ['input', 'requestId'], message: 'Not a valid id.' }]));
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
