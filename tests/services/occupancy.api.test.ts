import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates';
import { seedDemoHotel } from '../../src/demo/demo-seed';
import { toCents } from '../../src/money';
import type { OccupancyNight as Night } from '../../src/services/occupancy';
import { useTestApi } from '../support/test-api';

/**
 * The occupancy report over a whole year of the demo hotel, against the same figures
 * counted here row by row from the tables, in exact integer arithmetic: every field of
 * every night.
 */

let businessDate: string;

const t = useTestApi();
beforeAll(async () => {
  await seedDemoHotel(t.em(), t.config.currency);
  [{ businessDate }] = await t.database.rows<{ businessDate: string }>(`select business_date::text as "businessDate" from hotel_calendar`);
  // Totals that do not split evenly into their nights (a third of a cent a night), so the rounding of each night's sum shows.
  await t.database.sql.query(`update bookings set total_amount = total_amount + 0.01 * (id % 5) where id % 3 = 0 and total_amount > 0`);
  // Rooms off sale every way there is: out of service, out of order, and windows open, in
  // progress, resolved (no longer counting), overlapping in one room, and on a room out of order already.
  const [a, b, c, d] = (await t.database.rows<{ id: number }>(`select id from rooms order by number limit 4`)).map((room) => room.id);
  await t.database.sql.query(`update rooms set status = 'OUT_OF_SERVICE' where id = $1`, [a]);
  await t.database.sql.query(`update rooms set status = 'OUT_OF_ORDER' where id = $1`, [b]);
  const window = (room: number, status: string, from: number, to: number) =>
    t.database.sql.query(
      `insert into maintenance_requests (room_id, description, severity, status, out_of_order_from, out_of_order_to, started_at, resolved_at)
       values ($1, 'Water damage', 'HIGH', $2, $3, $4, case when $2 = 'IN_PROGRESS' then now() end, case when $2 = 'RESOLVED' then now() end)`,
      [room, status, addDays(businessDate, from), addDays(businessDate, to)],
    );
  await window(c, 'OPEN', -10, 5);
  await window(c, 'IN_PROGRESS', 0, 12);
  await window(d, 'RESOLVED', -20, 20);
  await window(d, 'OPEN', 30, 31);
  await window(b, 'OPEN', 0, 3);
});

const NIGHT_FIELDS = 'date rooms outOfOrder available sold occupancyPercent roomRevenue adr revpar';

/** numerator / denominator to the nearest cent, halves away from zero (as PostgreSQL's round); both positive. */
const roundedCents = (numerator: bigint, denominator: bigint): bigint => (2n * numerator + denominator) / (2n * denominator);
const money = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
const gcd = (x: bigint, y: bigint): bigint => (y === 0n ? x : gcd(y, x % y));

/** The nights [from, to) counted from the tables one row at a time. */
async function countedNightByNight(from: string, to: string): Promise<Night[]> {
  const bookings = await t.database.rows<{ check_in: string; check_out: string; status: string; total_amount: string; nights: number }>(
    `select check_in::text, check_out::text, status, total_amount::text, check_out - check_in as nights from bookings`,
  );
  const rooms = await t.database.rows<{ id: number; status: string }>(`select id, status from rooms`);
  const windows = await t.database.rows<{ room_id: number; status: string; from: string | null; to: string | null }>(
    `select room_id, status, out_of_order_from::text as from, out_of_order_to::text as to from maintenance_requests`,
  );
  const nights: Night[] = [];
  for (let night = from; night < to; night = addDays(night, 1)) {
    const offSale = rooms.filter(
      (room) =>
        room.status !== 'IN_SERVICE' ||
        windows.some((w) => w.room_id === room.id && w.status !== 'RESOLVED' && w.from !== null && w.to !== null && w.from <= night && night < w.to),
    ).length;
    const held = bookings.filter((b) => b.status !== 'CANCELLED' && b.status !== 'NO_SHOW' && b.check_in <= night && night < b.check_out);
    // The night's revenue as one exact fraction of cents: Σ total / nights.
    let numerator = 0n;
    let denominator = 1n;
    for (const b of held) {
      const n = BigInt(b.nights);
      numerator = numerator * n + toCents(b.total_amount) * denominator;
      denominator *= n;
      const common = gcd(numerator, denominator) || 1n;
      numerator /= common;
      denominator /= common;
    }
    const revenue = roundedCents(numerator, denominator);
    const available = rooms.length - offSale;
    const sold = held.length;
    nights.push({
      date: night,
      rooms: rooms.length,
      outOfOrder: offSale,
      available,
      sold,
      occupancyPercent: available > 0 ? Number(roundedCents(BigInt(sold) * 10_000n, BigInt(available))) / 100 : 0,
      roomRevenue: money(revenue),
      adr: money(sold > 0 ? roundedCents(revenue, BigInt(sold)) : 0n),
      revpar: money(available > 0 ? roundedCents(revenue, BigInt(available)) : 0n),
    });
  }
  return nights;
}

const report = (from: string, to: string, token?: string) =>
  t.graphql<{ occupancy: Night[] }>(`query ($from: Date!, $to: Date!) { occupancy(from: $from, to: $to) { ${NIGHT_FIELDS} } }`, { from, to }, { token });

describe('occupancy', () => {
  it('over a full year of the demo hotel equals the count made row by row, every field of every night, in one statement', async () => {
    // 366 nights, the most allowed, around the business date: past, present and future stays, and the empty nights beyond.
    const from = addDays(businessDate, -183);
    const to = addDays(from, 366);
    let response: Awaited<ReturnType<typeof report>> | undefined;
    const statements = await t.queries.count(async () => {
      response = await report(from, to);
    });
    expect(response?.errors).toBeUndefined();
    expect(statements).toBe(1);
    const nights = response!.data!.occupancy;
    expect(nights).toHaveLength(366);
    expect(nights).toEqual(await countedNightByNight(from, to));
    // The year holds what it should: sold nights on either side of the business date, rooms off sale, empty nights.
    const tonight = nights.find((night) => night.date === businessDate)!;
    expect(tonight.sold).toBeGreaterThan(0);
    expect(tonight.outOfOrder).toBe(3);
    expect(nights.filter((night) => night.sold > 0 && night.date < businessDate).length).toBeGreaterThan(30);
    expect(nights.filter((night) => night.sold > 0 && night.date > businessDate).length).toBeGreaterThan(30);
    expect(nights[0]).toMatchObject({ sold: 0, roomRevenue: '0.00', adr: '0.00', revpar: '0.00', occupancyPercent: 0 });
  });

  it('answers any shorter range with the same nights', async () => {
    const year = (await report(addDays(businessDate, -183), addDays(businessDate, 183))).data!.occupancy;
    const week = (await report(addDays(businessDate, -3), addDays(businessDate, 4))).data!.occupancy;
    expect(week).toEqual(year.filter((night) => night.date >= addDays(businessDate, -3) && night.date < addDays(businessDate, 4)));
    expect((await report(businessDate, addDays(businessDate, 1))).data!.occupancy).toEqual([year.find((night) => night.date === businessDate)]);
  });

  it('refuses more than 366 nights and ranges that do not run forward', async () => {
    const tooLong = await report('2027-01-01', addDays('2027-01-01', 367));
    expect(tooLong.errors?.[0]).toMatchObject({
      message: 'This covers at most 366 nights (to 2028-01-02 at the latest).',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    for (const [from, to] of [
      ['2027-01-05', '2027-01-01'],
      ['2027-01-05', '2027-01-05'],
    ]) {
      const refused = await report(from, to);
      expect(refused.errors?.[0]).toMatchObject({ message: 'to must be after from.', extensions: { code: 'BAD_USER_INPUT' } });
      expect(refused.data).toBeNull();
    }
  });

  it('is the hotel’s own: staff may read it, a partner may not', async () => {
    expect((await report(businessDate, addDays(businessDate, 2), t.tokens.staff)).data?.occupancy).toHaveLength(2);
    const partner = await report(businessDate, addDays(businessDate, 2), t.tokens.partner);
    expect(partner.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
