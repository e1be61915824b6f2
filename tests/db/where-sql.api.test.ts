import type { FilterQuery } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPage } from '../../src/db/keyset-page';
import { WHOLE_ROW } from '../../src/db/row-shape';
import { whereSql } from '../../src/db/where-sql';
import { seedDemoHotel } from '../../src/demo/demo-seed';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { Customer } from '../../src/entities/customer.entity';
import { type TestDatabase, useTestDatabase } from '../support/test-database';

/**
 * A page outside a transaction is one statement of our own making (whereSql), inside one
 * it is the query builder's: both must find the same rows, in the same order, page after
 * page, for every kind of filter the lists build.
 */

const db = useTestDatabase();
beforeAll(async () => {
  await seedDemoHotel(db.em(), 'EUR');
  await db.sql.query(`update customers set channel = 'partner-a' where id % 3 = 0`);
});

const BOOKING_FILTERS: [string, FilterQuery<Booking>][] = [
  ['none', {}],
  ['a status', { status: BookingStatus.CONFIRMED }],
  ['statuses', { status: { $in: [BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN] } }],
  ['no statuses', { status: { $in: [] } }],
  ['a stay window', { checkOut: { $gt: '2026-12-10' }, checkIn: { $lt: '2027-01-20' } }],
  ['a room, by its key', { room: 3 }],
  ['a channel', { channel: 'DIRECT' }],
  ['never cancelled', { cancelledAt: null }],
  ['either of two', { $or: [{ room: 1 }, { customer: 2 }] }],
];
const CUSTOMER_FILTERS: [string, FilterQuery<Customer>][] = [
  ['none', {}],
  ['a search', { $or: [{ firstName: { $ilike: '%a%' } }, { lastName: { $ilike: '%a%' } }, { email: { $ilike: '%a%' } }] }],
  ['a channel', { channel: 'partner-a' }],
  ['a search in a channel', { channel: 'partner-a', $or: [{ lastName: { $ilike: '%e%' } }] }],
];

/** Every page of a list, 25 rows at a time, by `em`. */
async function allPages<T extends object>(em: ReturnType<TestDatabase['em']>, entity: new () => T, where: FilterQuery<T>, order: (keyof T & string)[]) {
  const pages: unknown[][] = [];
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof findPage<T>>> = await findPage(em, entity, where, order, { first: 25, after, shape: WHOLE_ROW });
    pages.push(page.nodes.map((node) => ({ ...node })));
    after = page.hasNextPage ? page.cursors.at(-1)! : null;
  } while (after && pages.length < 1000);
  return pages;
}

describe('a page by its own statement', () => {
  for (const [name, where] of BOOKING_FILTERS) {
    it(`finds the bookings the query builder finds: ${name}`, async () => {
      expect(whereSql(db.em().getMetadata().get(Booking.name), 'r0', where, [])).toBeDefined();
      const own = await allPages(db.em(), Booking, where, ['checkIn', 'id']);
      const builder = await db.em().transactional((tx) => allPages(tx, Booking, where, ['checkIn', 'id']));
      expect(own).toEqual(builder);
      expect(own.flat().length).toBe(await db.em().count(Booking, where));
    });
  }
  for (const [name, where] of CUSTOMER_FILTERS) {
    it(`finds the customers the query builder finds: ${name}`, async () => {
      expect(whereSql(db.em().getMetadata().get(Customer.name), 'r0', where, [])).toBeDefined();
      const own = await allPages(db.em(), Customer, where, ['lastName', 'firstName', 'id']);
      const builder = await db.em().transactional((tx) => allPages(tx, Customer, where, ['lastName', 'firstName', 'id']));
      expect(own).toEqual(builder);
      expect(own.flat().length).toBe(await db.em().count(Customer, where));
    });
  }

  it('leaves to the query builder any filter it does not know', () => {
    const meta = db.em().getMetadata().get(Booking.name);
    const unknown: unknown[] = [
      { room: { number: '101' } },
      { status: { $ne: 'CANCELLED' } },
      { checkIn: new Date() },
      { payments: { amount: 1 } },
      { $not: { status: 'CONFIRMED' } },
      { nosuch: 1 },
      { status: { $in: [{}] } },
    ];
    for (const where of unknown) expect(whereSql(meta, 'r0', where, []), JSON.stringify(where)).toBeUndefined();
    const params: unknown[] = [];
    expect(whereSql(meta, 'r0', { status: 'CONFIRMED', checkIn: { $gte: '2027-01-01' }, cancelledAt: null }, params)).toBe(
      `"r0"."status" = $1 and "r0"."check_in" >= $2 and "r0"."cancelled_at" is null`,
    );
    expect(params).toEqual(['CONFIRMED', '2027-01-01']);
  });
});
