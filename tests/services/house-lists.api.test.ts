import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { WHOLE_ROW } from '../../src/db/row-shape';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import type { Customer } from '../../src/entities/customer.entity';
import type { Room } from '../../src/entities/room.entity';
import { listInHouse } from '../../src/services/house-lists';
import { fixtures } from '../support/fixtures';
import { useTestApi } from '../support/test-api';

/**
 * The front desk's lists of one day D, over a house where every kind of stay touches D:
 * each list must answer exactly its bookings, page by page, and a partner its own only.
 */

/** The day the lists are asked for, and the hotel's business date. */
const D = addDays(today(), 20);
const ids: Record<string, string> = {};

const { CONFIRMED, CHECKED_IN, CHECKED_OUT, CANCELLED, NO_SHOW } = BookingStatus;

const t = useTestApi();
beforeAll(async () => {
  const em = t.em();
  const f = fixtures(em);
  const type = await f.roomType({ baseRate: '100.00' });
  const rooms: Room[] = [];
  for (let i = 0; i < 8; i++) rooms.push(await f.room(type));
  const guest = await f.customer();
  const partnerGuest = await f.customer({ channel: 'partner-a' });
  const stay = (name: string, room: Room, from: number, nights: number, status: BookingStatus, customer: Customer = guest, channel = 'DIRECT') => {
    const checkIn = addDays(D, from);
    const booking = em.create(Booking, {
      room,
      roomType: room.roomType,
      customer,
      checkIn,
      checkOut: addDays(checkIn, nights),
      numGuests: 1,
      status,
      channel,
      totalAmount: status === CANCELLED || status === NO_SHOW ? '0.00' : `${nights * 100}.00`,
      nightlyRate: '100.00',
    });
    return [name, booking] as const;
  };
  const stays = [
    stay('leavesStillIn', rooms[0], -2, 2, CHECKED_IN),
    stay('arrivesAfterIt', rooms[0], 0, 2, CONFIRMED),
    stay('midStay', rooms[1], -1, 2, CHECKED_IN),
    stay('arrivedAlready', rooms[2], 0, 3, CHECKED_IN),
    stay('leftAlready', rooms[3], -3, 3, CHECKED_OUT),
    stay('cancelledArrival', rooms[3], 0, 1, CANCELLED),
    stay('noShow', rooms[4], 0, 2, NO_SHOW),
    stay('lateArrival', rooms[4], -1, 3, CONFIRMED),
    stay('partnerArrival', rooms[5], 0, 1, CONFIRMED, partnerGuest, 'partner-a'),
    stay('partnerLeaves', rooms[5], -2, 2, CHECKED_IN, partnerGuest, 'partner-a'),
    stay('partnerInHouse', rooms[6], -1, 3, CHECKED_IN, partnerGuest, 'partner-a'),
    stay('oneNightBefore', rooms[7], -1, 1, CHECKED_OUT),
    stay('nextWeek', rooms[7], 7, 2, CONFIRMED),
  ];
  await em.flush();
  for (const [name, booking] of stays) ids[name] = String(booking.id);
  await t.database.sql.query(
    `insert into hotel_calendar (id, business_date) values (1, $1) on conflict (id) do update set business_date = excluded.business_date`,
    [D],
  );
});

type List = 'arrivals' | 'departures' | 'inHouse';
interface Connection {
  totalCount: number;
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every page of `list` on `date`, `first` at a time: the ids in order, and the totalCount of the first page. */
async function allPages(list: List, date: string | null, { first = 2, token }: { first?: number; token?: string } = {}) {
  const seen: string[] = [];
  let after: string | null = null;
  let total: number | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const { data, errors } = await t.graphql<Record<List, Connection>>(
      `query ($date: Date, $first: Int, $after: String) {
         ${list}(date: $date, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
       }`,
      { date, first, after },
      { token },
    );
    expect(errors).toBeUndefined();
    const page: Connection = data![list];
    total ??= page.totalCount;
    seen.push(...page.nodes.map((node) => node.id));
    if (!page.pageInfo.hasNextPage) return { ids: seen, total };
    after = page.pageInfo.endCursor;
  }
  throw new Error('more pages than bookings');
}

const named = (...names: string[]) => names.map((name) => ids[name]);

describe('arrivals', () => {
  it('lists the bookings checking in on the day, to come or checked in already, by check-in then id', async () => {
    const expected = named('arrivesAfterIt', 'arrivedAlready', 'partnerArrival');
    expect(await allPages('arrivals', D)).toEqual({ ids: expected, total: 3 });
    expect(await allPages('arrivals', D, { first: 1 })).toEqual({ ids: expected, total: 3 });
  });

  it('lists the day before its own arrivals only', async () => {
    expect((await allPages('arrivals', addDays(D, -1))).ids).toEqual(named('midStay', 'lateArrival', 'partnerInHouse'));
  });
});

describe('departures', () => {
  it('lists the bookings checking out on the day, still in or gone already, by check-out then id', async () => {
    const expected = named('leavesStillIn', 'leftAlready', 'partnerLeaves', 'oneNightBefore');
    expect(await allPages('departures', D)).toEqual({ ids: expected, total: 4 });
    expect(await allPages('departures', D, { first: 1 })).toEqual({ ids: expected, total: 4 });
  });
});

describe('inHouse', () => {
  it('lists the checked-in (or since checked-out) stays that hold the night, by check-in then id', async () => {
    const expected = named('midStay', 'partnerInHouse', 'arrivedAlready');
    expect(await allPages('inHouse', D)).toEqual({ ids: expected, total: 3 });
    expect(await allPages('inHouse', D, { first: 1 })).toEqual({ ids: expected, total: 3 });
  });

  it('on the night before holds those who left since', async () => {
    expect((await allPages('inHouse', addDays(D, -1))).ids).toEqual(
      named('leftAlready', 'leavesStillIn', 'partnerLeaves', 'midStay', 'partnerInHouse', 'oneNightBefore'),
    );
  });

  it('reads the same rows inside a transaction, where a page is the query builder’s', async () => {
    const outside = await listInHouse(t.em(), { date: addDays(D, -1) }, { first: 4, shape: WHOLE_ROW });
    const inside = await t.em().transactional(async (em) => {
      const page = await listInHouse(em, { date: addDays(D, -1) }, { first: 4, after: outside.cursors[1], shape: WHOLE_ROW });
      return { ids: page.nodes.map((node) => String(node.id)), total: await page.totalCount() };
    });
    expect(outside.nodes.map((node) => String(node.id))).toEqual(named('leftAlready', 'leavesStillIn', 'partnerLeaves', 'midStay'));
    expect(await outside.totalCount()).toBe(6);
    expect(inside).toEqual({ ids: named('partnerLeaves', 'midStay', 'partnerInHouse', 'oneNightBefore'), total: 6 });
  });
});

describe('every list', () => {
  it('answers the business date when no date is given', async () => {
    for (const list of ['arrivals', 'departures', 'inHouse'] as const) expect(await allPages(list, null)).toEqual(await allPages(list, D));
  });

  it('shows a partner its own channel’s bookings only, and counts only those', async () => {
    expect(await allPages('arrivals', D, { token: t.tokens.partner })).toEqual({ ids: named('partnerArrival'), total: 1 });
    expect(await allPages('departures', D, { token: t.tokens.partner })).toEqual({ ids: named('partnerLeaves'), total: 1 });
    expect(await allPages('inHouse', D, { token: t.tokens.partner })).toEqual({ ids: named('partnerInHouse'), total: 1 });
    expect(await allPages('arrivals', D, { token: t.tokens.otherPartner })).toEqual({ ids: [], total: 0 });
  });

  it('reads a page with its rooms and guests in one statement, and pages as the bookings list does', async () => {
    let response: { data?: any; errors?: unknown } | undefined;
    const statements = await t.queries.count(async () => {
      response = await t.graphql(`query ($date: Date) { inHouse(date: $date, first: 100) { nodes { id room { number } customer { lastName } } } }`, {
        date: D,
      });
    });
    expect(response?.errors).toBeUndefined();
    expect(response?.data?.inHouse.nodes).toHaveLength(3);
    expect(statements).toBe(1);
    const tooMany = await t.graphql(`{ arrivals(first: 101) { nodes { id } } }`);
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'first must be between 1 and 100, got 101', extensions: { code: 'BAD_USER_INPUT' } });
    const foreign = await t.graphql(`{ departures(after: "bm90IGEgY3Vyc29y") { nodes { id } } }`);
    expect(foreign.errors?.[0].message).toBe('after is not a cursor returned by this list');
  });
});
