import { beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/dates';
import { seedDemoHotel } from '../../src/demo/demo-seed';
import { useTestApi } from '../support/test-api';

/** `npm start` shows a hotel in the middle of its day: the seeded business date has work at the front desk. */

const t = useTestApi();
beforeAll(async () => {
  await seedDemoHotel(t.em(), t.config.currency);
});

const DAY = `{
  arrivals(first: 100) { totalCount nodes { status checkIn } }
  departures(first: 100) { totalCount nodes { status checkOut } }
  inHouse(first: 100) { totalCount nodes { status checkIn checkOut } }
}`;

describe('the demo hotel', () => {
  it('is on the day it was seeded, with arrivals to check in, guests in house and departures to check out', async () => {
    const [{ business_date }] = await t.database.rows(`select business_date::text from hotel_calendar`);
    expect(business_date).toBe(today());
    const { data, errors } = await t.graphql(DAY);
    expect(errors).toBeUndefined();
    const { arrivals, departures, inHouse } = data!;
    expect(arrivals.totalCount).toBeGreaterThan(2);
    expect(arrivals.nodes.every((b: { status: string }) => b.status === 'CONFIRMED')).toBe(true);
    expect(inHouse.totalCount).toBeGreaterThan(10);
    expect(inHouse.nodes.every((b: { status: string; checkIn: string }) => b.status === 'CHECKED_IN' && b.checkIn < today())).toBe(true);
    const statuses = new Set(departures.nodes.map((b: { status: string }) => b.status));
    expect(statuses).toEqual(new Set(['CHECKED_IN', 'CHECKED_OUT']));
  });

  it('bills nothing for a cancelled stay, and keeps a nightly rate on every booking', async () => {
    const rows = await t.database.rows(
      `select count(*) filter (where status = 'CANCELLED')::int as cancelled,
              count(*) filter (where status = 'CANCELLED' and total_amount <> 0)::int as cancelled_billed,
              count(*) filter (where status <> 'CANCELLED' and total_amount <> nightly_rate * (check_out - check_in))::int as mispriced
       from bookings`,
    );
    expect(rows).toEqual([{ cancelled: expect.any(Number), cancelled_billed: 0, mispriced: 0 }]);
    expect(rows[0].cancelled).toBeGreaterThan(0);
  });
});
