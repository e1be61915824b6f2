import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { BookingStatus } from '../../src/entities/booking.entity';
import { MaintenanceRequest, MaintenanceSeverity } from '../../src/entities/maintenance-request.entity';
import { RoomStatus } from '../../src/entities/room.entity';
import { fixtures } from '../support/fixtures';
import { useTestApi } from '../support/test-api';

const ids: Record<string, number> = {};

const t = useTestApi();
beforeAll(async () => {
  const em = t.em();
  const f = fixtures(em);
  const double = await f.roomType({ name: 'Double', capacity: 2, baseRate: '120.00' });
  const suite = await f.roomType({ name: 'Suite', capacity: 4, baseRate: '300.00' });
  const r101 = await f.room(double, { number: '101' });
  const r102 = await f.room(double, { number: '102' });
  const r201 = await f.room(suite, { number: '201', floor: 2 });
  const r202 = await f.room(suite, { number: '202', floor: 2, status: RoomStatus.OUT_OF_ORDER });
  const ada = await f.customer({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@guest.test' });
  const alan = await f.customer({ firstName: 'Alan', lastName: 'Turing', email: 'alan@guest.test' });
  const b1 = await f.booking(r101, ada, 10, 3);
  const b2 = await f.booking(r101, alan, 20, 2);
  const b3 = await f.booking(r102, alan, 10, 5, { status: BookingStatus.CANCELLED });
  await f.booking(r201, ada, -5, 2, { status: BookingStatus.CHECKED_OUT });
  await f.payment(b1, '100.00');
  em.create(MaintenanceRequest, {
    room: r201,
    description: 'Leak',
    severity: MaintenanceSeverity.HIGH,
    outOfOrderFrom: addDays(today(), 9),
    outOfOrderTo: addDays(today(), 12),
  });
  await em.flush();
  Object.assign(ids, {
    double: double.id,
    suite: suite.id,
    r101: r101.id,
    r102: r102.id,
    r201: r201.id,
    r202: r202.id,
    ada: ada.id,
    alan: alan.id,
    b1: b1.id,
    b2: b2.id,
    b3: b3.id,
  });
});

describe('bookings', () => {
  it('pages in check-in order with cursors that continue where the last page ended', async () => {
    const query = `query ($after: String) { bookings(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id checkIn } } }`;
    const first = await t.graphql(query);
    expect(first.errors).toBeUndefined();
    expect(first.data?.bookings.totalCount).toBe(4);
    expect(first.data?.bookings.pageInfo.hasNextPage).toBe(true);
    const second = await t.graphql(query, { after: first.data?.bookings.pageInfo.endCursor });
    expect(second.data?.bookings.pageInfo.hasNextPage).toBe(false);
    const all = [...first.data!.bookings.nodes, ...second.data!.bookings.nodes];
    expect(all.map((b: { checkIn: string }) => b.checkIn)).toEqual([addDays(today(), -5), addDays(today(), 10), addDays(today(), 10), addDays(today(), 20)]);
    expect(new Set(all.map((b: { id: string }) => b.id)).size).toBe(4);
  });

  it('pages back with last and before: the same rows in the same order, and where each page sits', async () => {
    const query = `query ($first: Int, $after: String, $last: Int, $before: String) {
      bookings(first: $first, after: $after, last: $last, before: $before) {
        pageInfo { hasPreviousPage hasNextPage startCursor endCursor } edges { cursor node { id } } } }`;
    type Answer = { pageInfo: Record<string, unknown>; edges: { cursor: string; node: { id: string } }[] };
    const list = async (variables: Record<string, unknown>) => (await t.graphql<{ bookings: Answer }>(query, variables)).data!.bookings;
    const ids = (page: Answer) => page.edges.map((edge) => edge.node.id);
    const first = await list({ first: 2 });
    const second = await list({ first: 2, after: first.pageInfo.endCursor });
    expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true, startCursor: first.edges[0].cursor, endCursor: first.edges[1].cursor });
    expect(second.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });

    const end = await list({ last: 2 });
    expect(ids(end)).toEqual(ids(second));
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false, startCursor: second.edges[0].cursor, endCursor: second.edges[1].cursor });
    const back = await list({ last: 2, before: end.pageInfo.startCursor });
    expect(ids(back)).toEqual(ids(first));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const beforeStart = await list({ last: 2, before: back.pageInfo.startCursor });
    expect(beforeStart.edges).toEqual([]);
    expect(beforeStart.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: true, startCursor: null, endCursor: null });
  });

  it('refuses first with last, and after with before, with a clear error', async () => {
    const { errors } = await t.graphql(`{ bookings(first: 2, last: 2) { nodes { id } } }`);
    expect(errors?.[0]).toMatchObject({
      message: 'first and last cannot be used together: page forward with first and after, or backward with last and before',
      extensions: { code: 'BAD_USER_INPUT', category: 'VALIDATION' },
    });
    const cursor = (await t.graphql(`{ bookings(first: 1) { pageInfo { endCursor } } }`)).data?.bookings.pageInfo.endCursor;
    const mixed = await t.graphql(`query ($c: String) { bookings(after: $c, before: $c) { nodes { id } } }`, { c: cursor });
    expect(mixed.errors?.[0].message).toBe('after and before cannot be used together: page forward with first and after, or backward with last and before');
  });

  it('filters by status, room, customer and date range', async () => {
    const query = `query ($filter: BookingFilterInput) { bookings(first: 100, filter: $filter) { nodes { id } } }`;
    const idsOf = async (filter: object) => (await t.graphql(query, { filter })).data?.bookings.nodes.map((n: { id: string }) => Number(n.id)).sort();
    expect(await idsOf({ statuses: ['CANCELLED'] })).toEqual([ids.b3]);
    expect(await idsOf({ roomId: String(ids.r101) })).toEqual([ids.b1, ids.b2].sort());
    expect(await idsOf({ customerId: String(ids.alan), statuses: ['CONFIRMED'] })).toEqual([ids.b2]);
    // Nights 11..12 from today: b1 (10..13) and b3 (10..15) have a night there, b2 (20..22) does not.
    expect(await idsOf({ from: addDays(today(), 11), to: addDays(today(), 13) })).toEqual([ids.b1, ids.b3].sort());
    expect(await idsOf({ roomId: 'not-an-id' })).toEqual([]);
  });

  it('returns a booking with its room, room type, customer and payments as money strings', async () => {
    const { data, errors } = await t.graphql(
      `query ($id: ID!) { booking(id: $id) { totalAmount numGuests status room { number roomType { name baseRate } } customer { email } payments { amount currency method } } }`,
      {
        id: String(ids.b1),
      },
    );
    expect(errors).toBeUndefined();
    expect(data?.booking).toEqual({
      totalAmount: '360.00',
      numGuests: 1,
      status: 'CONFIRMED',
      room: { number: '101', roomType: { name: 'Double', baseRate: '120.00' } },
      customer: { email: 'ada@guest.test' },
      payments: [{ amount: '100.00', currency: 'EUR', method: 'CARD' }],
    });
  });

  it('answers null for an unknown or malformed id', async () => {
    expect((await t.graphql(`{ booking(id: "999999") { id } }`)).data?.booking).toBeNull();
    expect((await t.graphql(`{ booking(id: "abc") { id } }`)).data?.booking).toBeNull();
  });

  it('rejects a page larger than 100 with a clear error', async () => {
    const { errors, data } = await t.graphql(`{ bookings(first: 101) { nodes { id } } }`);
    expect(data).toBeNull();
    expect(errors?.[0].message).toBe('first must be between 1 and 100, got 101');
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', category: 'VALIDATION', severity: 'LOW', retryable: false });
    expect(errors?.[0].extensions.errorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a cursor it did not issue', async () => {
    const { errors } = await t.graphql(`{ bookings(after: "bm90IGEgY3Vyc29y") { nodes { id } } }`);
    expect(errors?.[0]).toMatchObject({ message: 'after is not a cursor returned by this list', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('rooms, room types and customers', () => {
  it('lists rooms by number with filters', async () => {
    const { data } = await t.graphql(
      `{ all: rooms { nodes { number status } } suites: rooms(filter: { roomTypeId: "${ids.suite}" }) { nodes { number } totalCount } }`,
    );
    expect(data?.all.nodes.map((r: { number: string }) => r.number)).toEqual(['101', '102', '201', '202']);
    expect(data?.suites).toEqual({ nodes: [{ number: '201' }, { number: '202' }], totalCount: 2 });
  });

  it('lists room types by name and fetches one by id', async () => {
    const { data } = await t.graphql(`{ roomTypes { nodes { name capacity baseRate } } roomType(id: "${ids.double}") { name } }`);
    expect(data?.roomTypes.nodes).toEqual([
      { name: 'Double', capacity: 2, baseRate: '120.00' },
      { name: 'Suite', capacity: 4, baseRate: '300.00' },
    ]);
    expect(data?.roomType).toEqual({ name: 'Double' });
  });

  it('searches customers by part of a name or email, with wildcards taken literally', async () => {
    const names = async (search: string) =>
      (await t.graphql(`query ($s: String) { customers(search: $s) { nodes { lastName } } }`, { s: search })).data?.customers.nodes.map(
        (c: { lastName: string }) => c.lastName,
      );
    expect(await names('turing')).toEqual(['Turing']);
    expect(await names('@guest.test')).toEqual(['Lovelace', 'Turing']);
    expect(await names('%')).toEqual([]);
  });
});

describe('availableRooms', () => {
  const available = async (fromDay: number, toDay: number, extra = '') =>
    (
      await t.graphql(`{ availableRooms(checkIn: "${addDays(today(), fromDay)}", checkOut: "${addDays(today(), toDay)}"${extra}) { number } }`)
    ).data?.availableRooms.map((r: { number: string }) => r.number);

  it('leaves out booked rooms, out-of-order rooms and maintenance windows, but not cancelled bookings', async () => {
    // 101 is booked 10..13; 102's booking is cancelled; 201 has a window 9..12; 202 is out of order.
    expect(await available(10, 12)).toEqual(['102']);
    expect(await available(13, 15)).toEqual(['101', '102', '201']);
  });

  it('filters by room type and party size', async () => {
    expect(await available(30, 31, `, roomTypeId: "${ids.double}"`)).toEqual(['101', '102']);
    expect(await available(30, 31, ', numGuests: 3')).toEqual(['201']);
  });

  it('rejects impossible and reversed dates', async () => {
    const reversed = await t.graphql(`{ availableRooms(checkIn: "2030-01-05", checkOut: "2030-01-01") { number } }`);
    expect(reversed.errors?.[0]).toMatchObject({ message: 'Check-out must be after check-in.', extensions: { code: 'BAD_USER_INPUT' } });
    const impossible = await t.graphql(`{ availableRooms(checkIn: "2030-02-30", checkOut: "2030-03-01") { number } }`);
    expect(impossible.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(impossible.errors?.[0].message).toContain('2030-02-30');
  });
});
