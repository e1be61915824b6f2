import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { Customer } from '../../src/entities/customer.entity';
import { LoyaltyTransaction } from '../../src/entities/loyalty-transaction.entity';
import { Room } from '../../src/entities/room.entity';
import { type Fixtures, fixtures } from '../support/fixtures';
import { reportOf } from '../support/integrity-fixtures';
import { answer, mutate, rowCounts, sendMutation } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let em: EntityManager;
let f: Fixtures;
let room: Room;

// Five cents a point, so the rate shows in every amount.
const t = useTestApi({ config: { loyaltyPointValueCents: 5 } });
beforeEach(async () => {
  em = t.em();
  f = fixtures(em);
  room = await f.room(await f.roomType({ baseRate: '100.00' }));
});

const REDEMPTION = 'booking { id balance } folioItem { id kind amount description } loyaltyTransaction { id points reason booking { id } } replayed';
const redeem = (input: Record<string, unknown>, token?: string) => mutate(t, 'redeemLoyaltyPoints', input, REDEMPTION, token);
const TABLES = ['folio_items', 'loyalty_transactions', 'booking_logs', 'idempotency_records'];

/** A guest holding `points`, earned by a stay as check-out earns them: the ledger and the balance agree. */
async function guestWith(points: number): Promise<Customer> {
  const customer = await f.customer();
  customer.loyaltyPoints = points;
  em.create(LoyaltyTransaction, { customer, points, reason: 'Stay 2026-01-01 to 2026-01-05' });
  await em.flush();
  return customer;
}

const balanceOf = async (customerId: number) => (await t.em().findOneOrFail(Customer, customerId)).loyaltyPoints;

/** A stay of two nights at 100.00 from `offset` days on, with `paid` already taken. */
async function stayOf(customer: Customer, offset: number, status = BookingStatus.CONFIRMED, paid?: string): Promise<Booking> {
  const booking = await f.booking(room, customer, offset, 2, { status });
  if (paid) await f.payment(booking, paid);
  return booking;
}

describe('redeemLoyaltyPoints', () => {
  it('posts a credit of points × LOYALTY_POINT_VALUE_CENTS, writes the negative ledger line, lowers the balance, and the ledger rule still passes', async () => {
    const customer = await guestWith(500);
    const booking = await stayOf(customer, 3, BookingStatus.CHECKED_IN);
    const result = await redeem({ bookingId: String(booking.id), points: 300 }, t.tokens.staff);
    expect(result).toEqual({
      __typename: 'RedeemLoyaltyPointsSuccess',
      booking: { id: String(booking.id), balance: '185.00' },
      folioItem: { id: expect.any(String), kind: 'LOYALTY_REDEMPTION', amount: '-15.00', description: '300 loyalty points at 0.05 EUR' },
      loyaltyTransaction: { id: expect.any(String), points: -300, reason: `Redeemed on booking ${booking.id}`, booking: { id: String(booking.id) } },
      replayed: false,
    });
    expect(await balanceOf(customer.id)).toBe(200);
    const [log] = await t.database.rows(`select details from booking_logs where booking_id = $1 and action = 'LOYALTY_REDEEMED'`, [booking.id]);
    expect(log.details).toMatchObject({ points: 300, amount: '-15.00' });
    const report = await reportOf(t.database, { checks: ['rule:loyalty_balance', 'rule:booking_overpaid', 'check:folio_items_loyalty_credit_check'] });
    expect(report.checks.map(({ name, passed }) => ({ name, passed }))).toEqual([
      { name: 'check:folio_items_loyalty_credit_check', passed: true },
      { name: 'rule:booking_overpaid', passed: true },
      { name: 'rule:loyalty_balance', passed: true },
    ]);
  });

  it('spends at most the guest’s points, and credits at most the open balance, each refused with the rule and nothing written', async () => {
    const customer = await guestWith(400);
    // 200.00 billed, 195.00 paid: 5.00 open, which 100 points cover.
    const booking = await stayOf(customer, 6, BookingStatus.CONFIRMED, '195.00');
    const before = await rowCounts(t, TABLES);
    expect(await redeem({ bookingId: String(booking.id), points: 401 })).toEqual(
      answer.businessRule('loyalty_balance', 'The guest has 400 loyalty points; 401 cannot be redeemed.'),
    );
    expect(await redeem({ bookingId: String(booking.id), points: 101 })).toEqual(
      answer.businessRule('credit_within_balance', 'A credit may not exceed the open balance of 5.00 EUR: at most 100 points can be redeemed on this booking.'),
    );
    expect(await rowCounts(t, TABLES)).toEqual(before);
    expect(await balanceOf(customer.id)).toBe(400);
    // Exactly the open balance settles the bill.
    expect((await redeem({ bookingId: String(booking.id), points: 100 })).booking.balance).toBe('0.00');
    expect(await redeem({ bookingId: String(booking.id), points: 1 })).toEqual(
      answer.businessRule('credit_within_balance', 'A credit may not exceed the open balance of 0.00 EUR: at most 0 points can be redeemed on this booking.'),
    );
    expect(await balanceOf(customer.id)).toBe(300);
  });

  it('runs once per idempotency key: the replay answers the same records, says so, and spends nothing more', async () => {
    const customer = await guestWith(100);
    const booking = await stayOf(customer, 9);
    const input = { bookingId: String(booking.id), points: 40, idempotencyKey: `redeem-${booking.id}` };
    const first = await redeem(input);
    const after = await rowCounts(t, TABLES);
    const again = await redeem(input);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await rowCounts(t, TABLES)).toEqual(after);
    expect(await balanceOf(customer.id)).toBe(60);
    expect(await redeem({ ...input, points: 41 })).toEqual(answer.idempotencyKeyReused());
  });

  it('refuses a stay checked out or released, and an erased guest', async () => {
    const customer = await guestWith(100);
    const checkedOut = await stayOf(customer, -2, BookingStatus.CHECKED_OUT, '200.00');
    const cancelled = await stayOf(customer, 12, BookingStatus.CANCELLED);
    expect(await redeem({ bookingId: String(checkedOut.id), points: 10 })).toEqual(
      answer.businessRule('booking_chargeable', 'A checked out booking takes no new credits: points are redeemed on a stay not yet checked out.'),
    );
    expect(await redeem({ bookingId: String(cancelled.id), points: 10 })).toEqual(
      answer.businessRule('booking_chargeable', 'A cancelled booking takes no new credits: points are redeemed on a stay not yet checked out.'),
    );
    const open = await stayOf(customer, 15);
    expect((await mutate(t, 'eraseCustomer', { customerId: String(customer.id), reason: 'Request' }, 'customer { id }')).__typename).toBe(
      'EraseCustomerSuccess',
    );
    expect(await redeem({ bookingId: String(open.id), points: 10 })).toEqual(
      answer.businessRule('customer_erased', `Customer ${customer.id} was erased: the record keeps no personal data and cannot be changed.`),
    );
    expect(await balanceOf(customer.id)).toBe(100);
  });

  it('answers bad input with ValidationError, an unknown booking with NotFoundError, and is the hotel’s: partners are FORBIDDEN', async () => {
    const customer = await guestWith(10);
    const booking = await stayOf(customer, 18);
    // 1 000 000.00 (MAX_AMOUNT) at five cents a point.
    expect(await redeem({ bookingId: 'b', points: 0 })).toEqual(
      answer.validation([
        { path: ['input', 'bookingId'], message: 'Not a valid id.' },
        { path: ['input', 'points'], message: 'Must be between 1 and 20000000.' },
      ]),
    );
    expect(await redeem({ bookingId: '999999', points: 1 })).toEqual(answer.notFound('Booking', 999999, 'No booking with id 999999.'));
    const refused = await sendMutation(t, 'redeemLoyaltyPoints', { bookingId: String(booking.id), points: 1 }, { members: '' }, { token: t.tokens.partner });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await balanceOf(customer.id)).toBe(10);
  });
});

describe('the database, the last line', () => {
  it('refuses a redemption that is not a credit, and a balance below zero', async () => {
    const customer = await guestWith(5);
    const booking = await stayOf(customer, 21);
    const refusal = async (statement: string, params: unknown[]) => {
      try {
        await t.database.sql.query(statement, params);
        return undefined;
      } catch (error) {
        const { code, constraint } = error as { code: string; constraint: string };
        return { code, constraint };
      }
    };
    expect(
      await refusal(`insert into folio_items (booking_id, kind, description, amount) values ($1, 'LOYALTY_REDEMPTION', 'Points', 1)`, [booking.id]),
    ).toEqual({ code: '23514', constraint: 'folio_items_loyalty_credit_check' });
    expect(await refusal('update customers set loyalty_points = -1 where id = $1', [customer.id])).toEqual({
      code: '23514',
      constraint: 'customers_loyalty_points_check',
    });
  });
});

describe('loyaltyTransactions', () => {
  const LEDGER = `query ($id: ID!, $first: Int, $after: String) {
    loyaltyTransactions(customerId: $id, first: $first, after: $after) { nodes { points reason } pageInfo { hasNextPage endCursor } totalCount }
  }`;

  it('lists a guest’s ledger newest first, a page at a time, for the hotel’s roles', async () => {
    const customer = await guestWith(500);
    const booking = await stayOf(customer, 24);
    await redeem({ bookingId: String(booking.id), points: 100 });
    await redeem({ bookingId: String(booking.id), points: 50 });
    const first = await t.graphql(LEDGER, { id: String(customer.id), first: 2 }, { token: t.tokens.staff });
    expect(first.errors).toBeUndefined();
    expect(first.data?.loyaltyTransactions).toEqual({
      nodes: [
        { points: -50, reason: `Redeemed on booking ${booking.id}` },
        { points: -100, reason: `Redeemed on booking ${booking.id}` },
      ],
      pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
      totalCount: 3,
    });
    const rest = await t.graphql(LEDGER, { id: String(customer.id), first: 2, after: first.data?.loyaltyTransactions.pageInfo.endCursor });
    expect(rest.data?.loyaltyTransactions).toMatchObject({
      nodes: [{ points: 500, reason: 'Stay 2026-01-01 to 2026-01-05' }],
      pageInfo: { hasNextPage: false },
    });
    expect(await balanceOf(customer.id)).toBe(350);
  });

  it('answers NOT_FOUND for an unknown guest, and FORBIDDEN to partners: the ledger is the hotel’s', async () => {
    const missing = await t.graphql(LEDGER, { id: '999999' });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const own = await guestWith(1);
    const partner = await t.graphql(LEDGER, { id: String(own.id) }, { token: t.tokens.partner });
    expect(partner.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('LOYALTY_POINT_VALUE_CENTS', () => {
  it('defaults to one cent a point and takes 1 to 100: a point is never worth more than the unit that earned it', () => {
    expect(loadConfig({}).loyaltyPointValueCents).toBe(1);
    expect(loadConfig({ LOYALTY_POINT_VALUE_CENTS: '100' }).loyaltyPointValueCents).toBe(100);
    for (const value of ['0', '101', '2.5']) {
      expect(() => loadConfig({ LOYALTY_POINT_VALUE_CENTS: value })).toThrow(
        new ConfigError(`LOYALTY_POINT_VALUE_CENTS must be an integer between 1 and 100, got "${value}"`),
      );
    }
  });
});
