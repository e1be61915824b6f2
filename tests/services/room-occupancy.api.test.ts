import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { MaintenanceRequest, MaintenanceSeverity, MaintenanceStatus } from '../../src/entities/maintenance-request.entity';
import { type Room, RoomStatus } from '../../src/entities/room.entity';
import { RoomOccupancy } from '../../src/services/room-occupancy';
import { fixtures } from '../support/fixtures';
import { useTestApi } from '../support/test-api';

/**
 * One room for each case of Room.occupancy on day D, each named after what it holds, and
 * what each must answer: every value, and each precedence between them.
 */

const D = addDays(today(), 20);
const { CONFIRMED, CHECKED_IN, CHECKED_OUT, CANCELLED } = BookingStatus;
const { VACANT, ARRIVING, OCCUPIED, DEPARTING, OUT_OF_ORDER } = RoomOccupancy;

/** Room name → what it holds around D: [first night from D, nights, status, first night in the room if it moved in]. */
type Stay = [from: number, nights: number, status: BookingStatus, movedInAt?: number];
const CASES: Record<string, { status?: RoomStatus; window?: [number, number, MaintenanceStatus]; stays: Stay[]; expected: RoomOccupancy }> = {
  empty: { stays: [], expected: VACANT },
  outOfService: { status: RoomStatus.OUT_OF_SERVICE, stays: [], expected: OUT_OF_ORDER },
  outOfOrderWithGuest: { status: RoomStatus.OUT_OF_ORDER, stays: [[-1, 2, CONFIRMED]], expected: OUT_OF_ORDER },
  windowOverGuest: { window: [0, 2, MaintenanceStatus.OPEN], stays: [[-1, 3, CHECKED_IN]], expected: OUT_OF_ORDER },
  windowInProgress: { window: [-3, 1, MaintenanceStatus.IN_PROGRESS], stays: [], expected: OUT_OF_ORDER },
  windowResolved: { window: [-1, 2, MaintenanceStatus.RESOLVED], stays: [], expected: VACANT },
  windowEndsToday: { window: [-2, 0, MaintenanceStatus.OPEN], stays: [[0, 2, CONFIRMED]], expected: ARRIVING },
  midStay: { stays: [[-1, 3, CHECKED_IN]], expected: OCCUPIED },
  arrivedToday: { stays: [[0, 2, CHECKED_IN]], expected: OCCUPIED },
  lateArrival: { stays: [[-1, 2, CONFIRMED]], expected: OCCUPIED },
  movedInToday: { stays: [[-2, 4, CHECKED_IN, 0]], expected: OCCUPIED },
  departing: { stays: [[-2, 2, CHECKED_IN]], expected: DEPARTING },
  departsThenArrives: {
    stays: [
      [-2, 2, CHECKED_IN],
      [0, 1, CONFIRMED],
    ],
    expected: DEPARTING,
  },
  departedThenArrives: {
    stays: [
      [-2, 2, CHECKED_OUT],
      [0, 1, CONFIRMED],
    ],
    expected: ARRIVING,
  },
  departed: { stays: [[-3, 3, CHECKED_OUT]], expected: VACANT },
  arriving: { stays: [[0, 3, CONFIRMED]], expected: ARRIVING },
  cancelledStay: { stays: [[-1, 3, CANCELLED]], expected: VACANT },
  cancelledArrival: { stays: [[0, 3, CANCELLED]], expected: VACANT },
  arrivesTomorrow: { stays: [[1, 3, CONFIRMED]], expected: VACANT },
};
const roomIds: Record<string, string> = {};

const t = useTestApi();
beforeAll(async () => {
  const em = t.em();
  const f = fixtures(em);
  const type = await f.roomType();
  const guest = await f.customer();
  for (const [name, { status, window, stays }] of Object.entries(CASES)) {
    const room: Room = await f.room(type, { number: name, ...(status ? { status } : {}) });
    roomIds[name] = String(room.id);
    if (window) {
      const [from, to, maintenance] = window;
      em.create(MaintenanceRequest, {
        room,
        description: 'Leak',
        severity: MaintenanceSeverity.HIGH,
        status: maintenance,
        outOfOrderFrom: addDays(D, from),
        outOfOrderTo: addDays(D, to),
        startedAt: maintenance === MaintenanceStatus.IN_PROGRESS ? new Date() : null,
        resolvedAt: maintenance === MaintenanceStatus.RESOLVED ? new Date() : null,
      });
    }
    for (const [from, nights, bookingStatus, movedInAt] of stays) {
      const checkIn = addDays(D, from);
      em.create(Booking, {
        room,
        roomType: room.roomType,
        customer: guest,
        checkIn,
        checkOut: addDays(checkIn, nights),
        inRoomFrom: movedInAt === undefined ? null : addDays(D, movedInAt),
        numGuests: 1,
        status: bookingStatus,
        totalAmount: bookingStatus === CANCELLED ? '0.00' : `${nights * 100}.00`,
        nightlyRate: '100.00',
      });
    }
  }
  await em.flush();
  // The room the moved guest left: their booking no longer names it.
  await f.room(type, { number: 'movedOutToday' });
  await t.database.sql.query(
    `insert into hotel_calendar (id, business_date) values (1, $1) on conflict (id) do update set business_date = excluded.business_date`,
    [D],
  );
});

const OCCUPANCY_PAGE = `query ($date: Date) { rooms(first: 100) { nodes { number occupancy(date: $date) } } }`;

async function occupancies(date: string | null, token?: string): Promise<Record<string, string>> {
  const { data, errors } = await t.graphql(OCCUPANCY_PAGE, { date }, { token });
  expect(errors).toBeUndefined();
  return Object.fromEntries(data?.rooms.nodes.map((node: { number: string; occupancy: string }) => [node.number, node.occupancy]));
}

describe('Room.occupancy', () => {
  it('answers each case with its value: every one of the five, each precedence between them', async () => {
    expect(await occupancies(D)).toEqual({
      ...Object.fromEntries(Object.entries(CASES).map(([name, { expected }]) => [name, expected])),
      movedOutToday: VACANT,
    });
    expect(new Set(Object.values(CASES).map((room) => room.expected))).toEqual(new Set(Object.values(RoomOccupancy)));
  });

  it('reads every room of a page, on every day asked, in one statement', async () => {
    let response: { data?: any; errors?: unknown } | undefined;
    const statements = await t.queries.count(async () => {
      response = await t.graphql(
        `query ($d: Date, $before: Date) { rooms(first: 100) { nodes { id today: occupancy(date: $d) before: occupancy(date: $before) } } }`,
        {
          d: D,
          before: addDays(D, -1),
        },
      );
    });
    expect(response?.errors).toBeUndefined();
    expect(response?.data?.rooms.nodes).toHaveLength(Object.keys(CASES).length + 1);
    // The page, then the occupancy of all its rooms on both days.
    expect(statements).toBe(2);
    const before = Object.fromEntries(response?.data?.rooms.nodes.map((node: { id: string; before: string }) => [node.id, node.before]));
    expect(before[roomIds.departing]).toBe(OCCUPIED);
    expect(before[roomIds.arriving]).toBe(VACANT);
    expect(before[roomIds.windowEndsToday]).toBe(OUT_OF_ORDER);
  });

  it('is on the business date when no date is given, and shown to every role', async () => {
    const onD = await occupancies(D);
    expect(await occupancies(null)).toEqual(onD);
    expect(await occupancies(null, t.tokens.staff)).toEqual(onD);
    expect(await occupancies(null, t.tokens.partner)).toEqual(onD);
    const { data } = await t.graphql(`query ($id: ID!) { room(id: $id) { occupancy } }`, { id: roomIds.departing });
    expect(data?.room.occupancy).toBe(DEPARTING);
  });
});
