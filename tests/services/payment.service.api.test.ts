import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { FolioItem } from '../../src/entities/folio-item.entity';
import { Payment } from '../../src/entities/payment.entity';
import { useFixtures } from '../support/fixtures';
import { answer, logActions, mutate, rowCounts, whileWritesTo } from '../support/mutations';
import { useTestApi } from '../support/test-api';

/** A confirmed stay of two nights at 120.00: 240.00 owed. */
let booking: Booking;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  const room = await f.room(await f.roomType({ capacity: 2, baseRate: '120.00' }));
  booking = await f.booking(room, await f.customer(), 5, 2);
});

const TABLES = ['payments', 'folio_items', 'booking_logs'] as const;
const PAYMENT = 'payment { id amount refundedAmount currency method status }';
const FOLIO_ITEM = 'folioItem { id description amount }';

const recordPayment = (input: Record<string, unknown>, token?: string) => mutate(t, 'recordPayment', input, `replayed ${PAYMENT}`, token);
const refundPayment = (input: Record<string, unknown>, token?: string) => mutate(t, 'refundPayment', input, PAYMENT, token);
const addFolioItem = (input: Record<string, unknown>, token?: string) => mutate(t, 'addFolioItem', input, FOLIO_ITEM, token);

async function setStatus(status: BookingStatus) {
  const em = t.em();
  (await em.findOneOrFail(Booking, booking.id)).status = status;
  await em.flush();
}

describe('recordPayment', () => {
  it('records a payment of up to the open balance, in the configured currency, with a PAYMENT_RECORDED log line', async () => {
    const result = await recordPayment({ bookingId: String(booking.id), amount: '100', method: 'CARD' });
    expect(result).toEqual({
      __typename: 'RecordPaymentSuccess',
      replayed: false,
      payment: { id: expect.any(String), amount: '100.00', refundedAmount: '0.00', currency: 'EUR', method: 'CARD', status: 'COMPLETED' },
    });
    const rest = await recordPayment({ bookingId: String(booking.id), amount: '140.00', method: 'CASH' });
    expect(rest.payment).toMatchObject({ amount: '140.00', method: 'CASH', status: 'COMPLETED' });

    const rows = await t.em().find(Payment, { booking: booking.id }, { orderBy: { id: 'asc' } });
    expect(rows.map((p) => [String(p.id), p.amount, p.method])).toEqual([
      [result.payment.id, '100.00', 'CARD'],
      [rest.payment.id, '140.00', 'CASH'],
    ]);
    expect(await logActions(t, booking.id)).toEqual(['PAYMENT_RECORDED', 'PAYMENT_RECORDED']);
  });

  it('refuses a payment above the open balance and writes nothing', async () => {
    await f.payment(booking, '200.00');
    await f.payment(booking, '30.00');
    const before = await rowCounts(t, TABLES);
    expect(await recordPayment({ bookingId: String(booking.id), amount: '10.01', method: 'CARD' })).toEqual(
      answer.businessRule('payment_within_balance', 'The payment exceeds the open balance of 10.00 EUR.'),
    );
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });

  it('counts charges and refunds in the balance', async () => {
    const paid = await f.payment(booking, '240.00');
    expect(await recordPayment({ bookingId: String(booking.id), amount: '0.01', method: 'CARD' })).toEqual(
      answer.businessRule('payment_within_balance', 'The payment exceeds the open balance of 0.00 EUR.'),
    );
    await addFolioItem({ bookingId: String(booking.id), description: 'Spa', amount: '35.50' });
    await refundPayment({ paymentId: String(paid.id), amount: '20.00' });
    expect((await recordPayment({ bookingId: String(booking.id), amount: '55.50', method: 'BANK_TRANSFER' })).__typename).toBe('RecordPaymentSuccess');
    expect(await recordPayment({ bookingId: String(booking.id), amount: '0.01', method: 'CARD' })).toEqual(
      answer.businessRule('payment_within_balance', 'The payment exceeds the open balance of 0.00 EUR.'),
    );
  });

  it('never lets payments sent together overpay: one of two 150.00 payments on 240.00 is refused', async () => {
    const results = await Promise.all([1, 2].map(() => recordPayment({ bookingId: String(booking.id), amount: '150.00', method: 'CARD' })));
    expect(results.map((r) => r.__typename).sort()).toEqual(['BusinessRuleError', 'RecordPaymentSuccess']);
    expect(results.find((r) => r.__typename === 'BusinessRuleError')).toEqual(
      answer.businessRule('payment_within_balance', 'The payment exceeds the open balance of 90.00 EUR.'),
    );
    expect((await t.em().find(Payment, { booking: booking.id })).map((p) => p.amount)).toEqual(['150.00']);
    expect(await logActions(t, booking.id)).toEqual(['PAYMENT_RECORDED']);
  });

  it('refuses payments for a cancelled booking that owes nothing: its room total left the bill and no fee was posted', async () => {
    await setStatus(BookingStatus.CANCELLED);
    await t.database.sql.query('update bookings set total_amount = 0 where id = $1', [booking.id]);
    const before = await rowCounts(t, TABLES);
    expect(await recordPayment({ bookingId: String(booking.id), amount: '10.00', method: 'CARD' })).toEqual(
      answer.businessRule('payment_within_balance', 'The payment exceeds the open balance of 0.00 EUR.'),
    );
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });

  it('takes payments for checked-out and no-show bookings that still owe', async () => {
    for (const status of [BookingStatus.CHECKED_OUT, BookingStatus.NO_SHOW]) {
      await setStatus(status);
      expect((await recordPayment({ bookingId: String(booking.id), amount: '10.00', method: 'CASH' })).__typename).toBe('RecordPaymentSuccess');
    }
    expect(await t.em().count(Payment, { booking: booking.id })).toBe(2);
  });

  it('answers NotFoundError for an unknown booking and for another partner channel’s booking', async () => {
    expect(await recordPayment({ bookingId: '999999', amount: '10.00', method: 'CARD' })).toEqual(
      answer.notFound('Booking', 999999, 'No booking with id 999999.'),
    );
    const own = await f.booking(booking.room!, await f.customer({ channel: 'partner-a' }), 20, 1, { channel: 'partner-a' });
    expect(await recordPayment({ bookingId: String(own.id), amount: '10.00', method: 'CARD' }, t.tokens.otherPartner)).toEqual(
      answer.notFound('Booking', own.id, `No booking with id ${own.id}.`),
    );
    expect(await recordPayment({ bookingId: String(booking.id), amount: '10.00', method: 'CARD' }, t.tokens.partner)).toEqual(
      answer.notFound('Booking', booking.id, `No booking with id ${booking.id}.`),
    );
    expect((await recordPayment({ bookingId: String(own.id), amount: '10.00', method: 'CARD' }, t.tokens.partner)).__typename).toBe('RecordPaymentSuccess');
    expect(await t.em().count(Payment, { booking: [booking.id, own.id] })).toBe(1);
    expect(await logActions(t, own.id)).toEqual(['PAYMENT_RECORDED']);
    expect(await logActions(t, booking.id)).toEqual([]);
  });

  it('answers ValidationError for a malformed id, a zero or negative amount and a malformed idempotency key', async () => {
    const before = await rowCounts(t, TABLES);
    expect(await recordPayment({ bookingId: 'abc', amount: '0', method: 'CARD' })).toEqual(
      answer.validation([
        { path: ['input', 'bookingId'], message: 'Not a valid id.' },
        { path: ['input', 'amount'], message: 'Must be greater than zero.' },
      ]),
    );
    expect(await recordPayment({ bookingId: String(booking.id), amount: '-5.00', method: 'CARD' })).toEqual(
      answer.validation([{ path: ['input', 'amount'], message: 'Must be greater than zero.' }]),
    );
    expect(await recordPayment({ bookingId: String(booking.id), amount: '5.00', method: 'CARD', idempotencyKey: 'has spaces' })).toEqual(
      answer.validation([{ path: ['input', 'idempotencyKey'], message: 'Must be 1 to 200 printable ASCII characters without spaces.' }]),
    );
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });
});

describe('refundPayment', () => {
  it('refunds part, then the rest, of a payment: PARTIALLY_REFUNDED, then REFUNDED, each logged', async () => {
    const payment = await f.payment(booking, '100.00');
    expect(await refundPayment({ paymentId: String(payment.id), amount: '30' })).toEqual({
      __typename: 'RefundPaymentSuccess',
      payment: { id: String(payment.id), amount: '100.00', refundedAmount: '30.00', currency: 'EUR', method: 'CARD', status: 'PARTIALLY_REFUNDED' },
    });
    expect((await refundPayment({ paymentId: String(payment.id), amount: '70.00' })).payment).toMatchObject({ refundedAmount: '100.00', status: 'REFUNDED' });

    const row = await t.em().findOneOrFail(Payment, payment.id);
    expect([row.amount, row.refundedAmount, row.status]).toEqual(['100.00', '100.00', 'REFUNDED']);
    expect(await logActions(t, booking.id)).toEqual(['PAYMENT_REFUNDED', 'PAYMENT_REFUNDED']);
  });

  it('never lets refunds sent together exceed the payment: one of two 60.00 refunds of 100.00 is refused', async () => {
    const payment = await f.payment(booking, '100.00');
    const results = await Promise.all([1, 2].map(() => refundPayment({ paymentId: String(payment.id), amount: '60.00' })));
    expect(results.map((r) => r.__typename).sort()).toEqual(['BusinessRuleError', 'RefundPaymentSuccess']);
    expect(results.find((r) => r.__typename === 'BusinessRuleError')).toEqual(
      answer.businessRule('refund_within_payment', 'At most 40.00 EUR of this payment can still be refunded.'),
    );
    const row = await t.em().findOneOrFail(Payment, payment.id);
    expect([row.refundedAmount, row.status]).toEqual(['60.00', 'PARTIALLY_REFUNDED']);
    expect(await logActions(t, booking.id)).toEqual(['PAYMENT_REFUNDED']);
  });

  it('refuses to refund more than remains of the payment', async () => {
    const payment = await f.payment(booking, '100.00');
    await refundPayment({ paymentId: String(payment.id), amount: '60.00' });
    expect(await refundPayment({ paymentId: String(payment.id), amount: '40.01' })).toEqual(
      answer.businessRule('refund_within_payment', 'At most 40.00 EUR of this payment can still be refunded.'),
    );
    const row = await t.em().findOneOrFail(Payment, payment.id);
    expect([row.refundedAmount, row.status]).toEqual(['60.00', 'PARTIALLY_REFUNDED']);
    expect(await logActions(t, booking.id)).toEqual(['PAYMENT_REFUNDED']);
  });

  it('answers NotFoundError for an unknown payment and ValidationError for bad input', async () => {
    const before = await rowCounts(t, TABLES);
    expect(await refundPayment({ paymentId: '999999', amount: '1.00' })).toEqual(answer.notFound('Payment', 999999, 'No payment with id 999999.'));
    expect(await refundPayment({ paymentId: '0', amount: '0.00' })).toEqual(
      answer.validation([
        { path: ['input', 'paymentId'], message: 'Not a valid id.' },
        { path: ['input', 'amount'], message: 'Must be greater than zero.' },
      ]),
    );
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });
});

describe('addFolioItem', () => {
  it('posts a charge and a credit to the bill, each logged as CHARGE_POSTED', async () => {
    const charge = await addFolioItem({ bookingId: String(booking.id), description: '  Minibar  ', amount: '12.5' });
    expect(charge).toEqual({ __typename: 'AddFolioItemSuccess', folioItem: { id: expect.any(String), description: 'Minibar', amount: '12.50' } });
    const credit = await addFolioItem({ bookingId: String(booking.id), description: 'Goodwill', amount: '-252.50' });
    expect(credit.folioItem).toMatchObject({ description: 'Goodwill', amount: '-252.50' });

    const { data } = await t.graphql('query ($id: ID!) { booking(id: $id) { balance folioItems { amount } } }', { id: String(booking.id) });
    expect(data?.booking).toEqual({ balance: '0.00', folioItems: [{ amount: '12.50' }, { amount: '-252.50' }] });
    expect(await logActions(t, booking.id)).toEqual(['CHARGE_POSTED', 'CHARGE_POSTED']);
  });

  it('refuses a credit larger than the open balance', async () => {
    await f.payment(booking, '200.00');
    const before = await rowCounts(t, TABLES);
    expect(await addFolioItem({ bookingId: String(booking.id), description: 'Refund of dinner', amount: '-40.01' })).toEqual(
      answer.businessRule('credit_within_balance', 'A credit may not exceed the open balance of 40.00 EUR.'),
    );
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });

  it('refuses new charges once the booking is checked out, cancelled or a no-show', async () => {
    for (const [status, words] of [
      [BookingStatus.CHECKED_OUT, 'checked out'],
      [BookingStatus.CANCELLED, 'cancelled'],
      [BookingStatus.NO_SHOW, 'no show'],
    ] as const) {
      await setStatus(status);
      expect(await addFolioItem({ bookingId: String(booking.id), description: 'Late bar tab', amount: '9.00' })).toEqual(
        answer.businessRule('booking_chargeable', `A ${words} booking takes no new charges.`),
      );
    }
    await setStatus(BookingStatus.CHECKED_IN);
    expect((await addFolioItem({ bookingId: String(booking.id), description: 'Room service', amount: '9.00' })).__typename).toBe('AddFolioItemSuccess');
    expect(await t.em().count(FolioItem, { booking: booking.id })).toBe(1);
    expect(await logActions(t, booking.id)).toEqual(['CHARGE_POSTED']);
  });

  it('answers NotFoundError for an unknown booking and ValidationError for bad input', async () => {
    const before = await rowCounts(t, TABLES);
    expect(await addFolioItem({ bookingId: '999999', description: 'Spa', amount: '5.00' })).toEqual(
      answer.notFound('Booking', 999999, 'No booking with id 999999.'),
    );
    expect(await addFolioItem({ bookingId: 'x', description: '   ', amount: '0.00' })).toEqual(
      answer.validation([
        { path: ['input', 'bookingId'], message: 'Not a valid id.' },
        { path: ['input', 'description'], message: 'Must not be blank.' },
        { path: ['input', 'amount'], message: 'Must not be zero.' },
      ]),
    );
    expect(await addFolioItem({ bookingId: String(booking.id), description: 'x'.repeat(201), amount: '1.00' })).toEqual(
      answer.validation([{ path: ['input', 'description'], message: 'Must be at most 200 characters long.' }]),
    );
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });
});

describe('bounds on money (MAX_AMOUNT 1000000, MAX_BOOKING_AMOUNT 10000000 by default)', () => {
  it('refuses one amount above MAX_AMOUNT, charge, credit, payment or refund, as a ValidationError on amount, writing nothing', async () => {
    const payment = await f.payment(booking, '100.00');
    const before = await rowCounts(t, TABLES);
    const over = { path: ['input', 'amount'], message: 'Must be at most 1000000.00.' };
    const overEitherWay = { path: ['input', 'amount'], message: 'Must be at most 1000000.00 either way.' };
    expect(await addFolioItem({ bookingId: String(booking.id), description: 'Yacht', amount: '1000000.01' })).toEqual(answer.validation([overEitherWay]));
    expect(await addFolioItem({ bookingId: String(booking.id), description: 'Yacht', amount: '-1000000.01' })).toEqual(answer.validation([overEitherWay]));
    expect(await recordPayment({ bookingId: String(booking.id), amount: '1000000.01', method: 'CARD' })).toEqual(answer.validation([over]));
    expect(await refundPayment({ paymentId: String(payment.id), amount: '1000000.01' })).toEqual(answer.validation([over]));
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });

  it('refuses a charge that would take the bill past MAX_BOOKING_AMOUNT, naming amount; the balance stays readable', async () => {
    // 240.00 for the room and nine charges of 1,000,000.00: 9,000,240.00 billed.
    for (let i = 0; i < 9; i++)
      expect((await addFolioItem({ bookingId: String(booking.id), description: `Gala ${i}`, amount: '1000000.00' })).__typename).toBe('AddFolioItemSuccess');
    const before = await rowCounts(t, TABLES);
    expect(await addFolioItem({ bookingId: String(booking.id), description: 'One more gala', amount: '999760.01' })).toEqual(
      answer.validation([
        { path: ['input', 'amount'], message: "This would bring the booking's bill to 10000000.01, above the 10000000.00 one booking may hold." },
      ]),
    );
    expect(await rowCounts(t, TABLES)).toEqual(before);
    expect((await addFolioItem({ bookingId: String(booking.id), description: 'Last gala', amount: '999760.00' })).__typename).toBe('AddFolioItemSuccess');
    const { data } = await t.graphql('query ($id: ID!) { booking(id: $id) { balance } }', { id: String(booking.id) });
    expect(data?.booking.balance).toBe('10000000.00');
  });

  it('is enforced by PostgreSQL too: an item past 99999999.99, or a bill past 9999999999.99, is refused however it is written', async () => {
    const sql = t.database.sql;
    const refusal = (statement: string, params: unknown[]) =>
      sql.query(statement, params).then(
        () => undefined,
        (error) => ({ code: error.code, constraint: error.constraint }),
      );
    expect(await refusal(`insert into folio_items (booking_id, description, amount) values ($1, 'x', 100000000.00)`, [booking.id])).toEqual({
      code: '23514',
      constraint: 'folio_items_amount_bound_check',
    });
    // A hundred items at the item bound take the bill to 9,999,999,999.00 and 240.00 more.
    expect(
      await refusal(`insert into folio_items (booking_id, description, amount) select $1, 'x', 99999999.99 from generate_series(1, 100)`, [booking.id]),
    ).toEqual({ code: '23514', constraint: 'bookings_bill_bound_check' });
    expect(await t.em().count(FolioItem, { booking: booking.id })).toBe(0);
  });

  it('takes turns on one bill: two transactions each adding half of too much cannot both commit', async () => {
    const first = new pg.Client({ connectionString: t.database.url });
    const second = new pg.Client({ connectionString: t.database.url });
    await Promise.all([first.connect(), second.connect()]);
    const sixty = `insert into folio_items (booking_id, description, amount) select $1, 'x', 99999999.99 from generate_series(1, 60)`;
    try {
      await first.query('begin');
      await second.query('begin');
      await first.query(sixty, [booking.id]);
      // Waits on the first's turn at the booking's row, then sums what the first committed.
      const late = second.query(sixty, [booking.id]).then(
        () => undefined,
        (error) => ({ code: error.code, constraint: error.constraint }),
      );
      await first.query('commit');
      expect(await late).toEqual({ code: '23514', constraint: 'bookings_bill_bound_check' });
      await second.query('rollback');
      expect(await t.em().count(FolioItem, { booking: booking.id })).toBe(60);
      await t.database.sql.query(`delete from folio_items where booking_id = $1`, [booking.id]);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError after three attempts and leaves nothing behind', async () => {
    const payment = await f.payment(booking, '100.00');
    const before = await rowCounts(t, TABLES);
    const retriesBefore = t.logLines.filter((line) => line.msg === 'transient database failure; retrying on a fresh transaction').length;

    const results = await whileWritesTo(t, 'booking_logs', async () => [
      await recordPayment({ bookingId: String(booking.id), amount: '10.00', method: 'CARD' }),
      await refundPayment({ paymentId: String(payment.id), amount: '10.00' }),
      await addFolioItem({ bookingId: String(booking.id), description: 'Spa', amount: '10.00' }),
    ]);

    expect(results).toEqual([answer.serviceUnavailable(), answer.serviceUnavailable(), answer.serviceUnavailable()]);
    const retries = t.logLines.filter((line) => line.msg === 'transient database failure; retrying on a fresh transaction').length - retriesBefore;
    expect(retries).toBe(6);
    expect(await rowCounts(t, TABLES)).toEqual(before);
    expect((await t.em().findOneOrFail(Payment, payment.id)).refundedAmount).toBe('0.00');
  });
});
