import { beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { EarlyDeparturePolicy } from '../../src/config';
import { addDays, today } from '../../src/dates';
import { AuditEntry } from '../../src/entities/audit-entry.entity';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { BookingLog } from '../../src/entities/booking-log.entity';
import { Customer } from '../../src/entities/customer.entity';
import { FolioItem, FolioItemKind } from '../../src/entities/folio-item.entity';
import { Invoice } from '../../src/entities/invoice.entity';
import { Notification } from '../../src/entities/notification.entity';
import { Payment } from '../../src/entities/payment.entity';
import { Receivable } from '../../src/entities/receivable.entity';
import { Role } from '../../src/entities/role';
import { Room } from '../../src/entities/room.entity';
import { WaitlistEntry, WaitlistStatus } from '../../src/entities/waitlist-entry.entity';
import { type Fixtures, useFixtures } from '../support/fixtures';
import { answer, mutate } from '../support/mutations';
import { type TestApi, useTestApi } from '../support/test-api';

const day = (offset: number) => addDays(today(), offset);
const BOOKING = 'booking { id status checkIn checkOut totalAmount balance }';

/** The hotel under one early-departure policy: its API, a room at 100.00 a night, a guest. */
function hotel(policy: EarlyDeparturePolicy) {
  const t = useTestApi({ config: { earlyDeparturePolicy: policy } });
  const h = { t, f: useFixtures(t) } as { t: TestApi; f: Fixtures; room: Room; customer: Customer };
  beforeEach(async () => {
    const room = await h.f.room(await h.f.roomType({ capacity: 2, baseRate: '100.00' }));
    h.room = await h.t.em().findOneOrFail(Room, room.id, { populate: ['roomType'] });
    h.customer = await h.f.customer();
  });
  return h;
}

const checkOut = (t: TestApi, input: Record<string, unknown>, token = t.tokens.admin) => mutate(t, 'checkOutBooking', input, BOOKING, token);

async function folioOf(t: TestApi, id: number) {
  const em = t.em();
  const booking = await em.findOneOrFail(Booking, id);
  const items = await em.find(FolioItem, { booking: id }, { orderBy: { id: 'asc' } });
  const invoice = await em.findOne(Invoice, { booking: id });
  return {
    status: booking.status,
    checkOut: booking.checkOut,
    totalAmount: booking.totalAmount,
    items: items.map((item) => ({ kind: item.kind, amount: item.amount })),
    invoice: invoice?.amount ?? null,
  };
}

const logsOf = async (t: TestApi, id: number): Promise<Record<string, any>[]> =>
  (await t.em().find(BookingLog, { booking: id }, { orderBy: { id: 'asc' } })).map((log) => ({ action: log.action, ...log.details }));

async function availableRoomIds(t: TestApi, checkIn: string, checkOut: string): Promise<string[]> {
  const { data, errors } = await t.graphql('query ($in: Date!, $out: Date!) { availableRooms(checkIn: $in, checkOut: $out) { id } }', {
    in: checkIn,
    out: checkOut,
  });
  expect(errors).toBeUndefined();
  return data?.availableRooms.map((room: { id: string }) => room.id);
}

const book = (t: TestApi, room: Room, customer: Customer, checkIn: string, checkOut: string) =>
  mutate(t, 'createBooking', { roomId: String(room.id), customerId: String(customer.id), checkIn, checkOut, numGuests: 1 }, 'booking { id }');

describe('an early check-out, EARLY_DEPARTURE_POLICY=release', () => {
  const h = hotel(EarlyDeparturePolicy.RELEASE);

  it('ends the stay on the business date, frees exactly the nights after it, and bills the nights stayed', async () => {
    const { t, f, room, customer } = h;
    // [−1, 3) at 100.00: one night stayed, three not.
    const booking = await f.booking(room, customer, -1, 4, { status: BookingStatus.CHECKED_IN });
    await f.payment(booking, '100.00');
    const waiting = await f.customer();
    const em = t.em();
    const entry = em.create(WaitlistEntry, { customer: waiting, roomType: room.roomType.id, checkIn: day(0), checkOut: day(2), numGuests: 1 });
    await em.flush();

    expect((await checkOut(t, { bookingId: String(booking.id) })).booking).toEqual({
      id: String(booking.id),
      status: 'CHECKED_OUT',
      checkIn: day(-1),
      checkOut: day(0),
      totalAmount: '100.00',
      balance: '0.00',
    });
    expect(await folioOf(t, booking.id)).toEqual({ status: 'CHECKED_OUT', checkOut: day(0), totalAmount: '100.00', items: [], invoice: '100.00' });
    expect(await logsOf(t, booking.id)).toEqual([
      {
        action: 'EARLY_DEPARTURE',
        by: expect.any(String),
        plannedCheckOut: day(3),
        checkOut: day(0),
        nightsReleased: 3,
        nightlyRate: '100.00',
        roomTotal: { before: '400.00', after: '100.00' },
        policy: 'release',
        charged: null,
      },
      expect.objectContaining({ action: 'CHECKED_OUT', paid: '100.00', earlyDeparture: { plannedCheckOut: day(3), checkOut: day(0) } }),
    ]);
    expect((await t.em().findOneOrFail(WaitlistEntry, entry.id)).status).toBe(WaitlistStatus.NOTIFIED);
    expect(await t.em().count(Notification, { customer: waiting.id, kind: 'WAITLIST_AVAILABLE' })).toBe(1);

    // The nights from the business date on are free: listed, and bookable.
    expect(await availableRoomIds(t, day(0), day(3))).toContain(String(room.id));
    expect((await book(t, room, await f.customer(), day(0), day(3))).__typename).toBe('CreateBookingSuccess');
    // The night before is still the guest's: not listed, and the constraint refuses it.
    expect(await availableRoomIds(t, day(-1), day(0))).not.toContain(String(room.id));
    await expect(
      t.database.sql.query(`insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values ($1, $2, $3, $4, 1, 100)`, [
        room.id,
        customer.id,
        day(-1),
        day(0),
      ]),
    ).rejects.toMatchObject({ code: '23P01', constraint: 'bookings_no_overlap' });
  });

  it('on the day of arrival keeps one night: the first is still the guest’s, the others are free', async () => {
    const { t, f, room, customer } = h;
    const booking = await f.booking(room, customer, 0, 3, { status: BookingStatus.CHECKED_IN });
    await f.payment(booking, '100.00');
    expect((await checkOut(t, { bookingId: String(booking.id) })).booking).toMatchObject({ checkOut: day(1), totalAmount: '100.00', balance: '0.00' });
    expect(await book(t, room, await f.customer(), day(0), day(1))).toEqual(answer.roomUnavailable([booking.id]));
    expect((await book(t, room, await f.customer(), day(1), day(3))).__typename).toBe('CreateBookingSuccess');
  });

  it('refuses while what was paid for the nights not stayed is not refunded, telling how much; then checks out', async () => {
    const { t, f, room, customer } = h;
    const booking = await f.booking(room, customer, -1, 3, { status: BookingStatus.CHECKED_IN });
    const payment = await f.payment(booking, '300.00');
    expect(await checkOut(t, { bookingId: String(booking.id), openBalanceReason: 'Leaving' })).toEqual(
      answer.businessRule('folio_settled', 'The folio is not settled: 200.00 was overpaid and must be refunded (balance -200.00 EUR).'),
    );
    // Nothing of the early departure stayed behind.
    expect(await folioOf(t, booking.id)).toEqual({ status: 'CHECKED_IN', checkOut: day(2), totalAmount: '300.00', items: [], invoice: null });
    const refunded = await mutate(t, 'refundPayment', { paymentId: String(payment.id), amount: '200.00' }, 'payment { id }');
    expect(refunded.__typename).toBe('RefundPaymentSuccess');
    expect((await checkOut(t, { bookingId: String(booking.id) })).booking).toMatchObject({ status: 'CHECKED_OUT', totalAmount: '100.00', balance: '0.00' });
  });

  it('after an in-house move today, leaves the room moved into with no night of the guest’s', async () => {
    const { t, f, room, customer } = h;
    const other = await h.t.em().findOneOrFail(Room, (await f.room(room.roomType)).id, { populate: ['roomType'] });
    const booking = await f.booking(room, customer, -1, 3, { status: BookingStatus.CHECKED_IN });
    await f.payment(booking, '100.00');
    const moved = await mutate(t, 'moveRoom', { bookingId: String(booking.id), roomId: String(other.id), reason: 'Noise' }, { members: '' });
    expect(moved.__typename).toBe('MoveRoomSuccess');
    expect((await checkOut(t, { bookingId: String(booking.id) })).booking).toMatchObject({ checkOut: day(0), totalAmount: '100.00' });
    expect(await t.em().findOneOrFail(Booking, booking.id)).toMatchObject({ inRoomFrom: day(0), checkOut: day(0) });
    expect((await book(t, other, await f.customer(), day(0), day(2))).__typename).toBe('CreateBookingSuccess');
  });
});

describe('an early check-out, EARLY_DEPARTURE_POLICY=charge_remaining', () => {
  const h = hotel(EarlyDeparturePolicy.CHARGE_REMAINING);

  it('frees the nights but keeps them on the bill as one EARLY_DEPARTURE item: the bill is the one booked', async () => {
    const { t, f, room, customer } = h;
    const booking = await f.booking(room, customer, -1, 4, { status: BookingStatus.CHECKED_IN });
    await f.payment(booking, '400.00');
    expect((await checkOut(t, { bookingId: String(booking.id) })).booking).toMatchObject({ checkOut: day(0), totalAmount: '100.00', balance: '0.00' });
    expect(await folioOf(t, booking.id)).toEqual({
      status: 'CHECKED_OUT',
      checkOut: day(0),
      totalAmount: '100.00',
      items: [{ kind: FolioItemKind.EARLY_DEPARTURE, amount: '300.00' }],
      invoice: '400.00',
    });
    const [item] = await t.em().find(FolioItem, { booking: booking.id });
    expect(item.description).toBe(`Early departure: 3 nights not stayed (${day(0)} to ${day(3)}) at 100.00`);
    expect((await logsOf(t, booking.id))[0]).toMatchObject({ action: 'EARLY_DEPARTURE', policy: 'charge_remaining', charged: '300.00' });
    expect((await book(t, room, customer, day(0), day(3))).__typename).toBe('CreateBookingSuccess');
  });

  it('refuses while the nights kept on the bill are unpaid, and changes nothing', async () => {
    const { t, f, room, customer } = h;
    const booking = await f.booking(room, customer, -1, 2, { status: BookingStatus.CHECKED_IN });
    await f.payment(booking, '100.00');
    expect((await checkOut(t, { bookingId: String(booking.id) }, t.tokens.staff)).rule).toBe('folio_settled');
    expect(await folioOf(t, booking.id)).toEqual({ status: 'CHECKED_IN', checkOut: day(1), totalAmount: '200.00', items: [], invoice: null });
  });
});

describe('a check-out with an open balance', () => {
  const h = hotel(EarlyDeparturePolicy.RELEASE);
  /** A stay ending today: 200.00 billed, 50.00 paid. */
  const owing = async () => {
    const booking = await h.f.booking(h.room, h.customer, -2, 2, { status: BookingStatus.CHECKED_IN });
    await h.f.payment(booking, '50.00');
    return booking;
  };
  const refusal = answer.businessRule(
    'folio_settled',
    'The folio is not settled: 150.00 is still owed (balance 150.00 EUR). Take the payment first, or an administrator can check the guest out with an openBalanceReason, leaving the balance as a receivable.',
  );
  const RECEIVABLES = '{ receivables(first: 100) { nodes { id amount reason createdAt openBalance booking { id status } createdBy { id } } } }';
  const report = async (t: TestApi) => {
    const { data, errors } = await t.graphql(
      '{ integrityReport(checks: ["rule:"]) { checks { name passed severity violationCount sampleIds } } }',
      {},
      { token: t.tokens.admin },
    );
    expect(errors).toBeUndefined();
    return Object.fromEntries(data?.integrityReport.checks.map((check: { name: string }) => [check.name, check]));
  };

  it('is refused for STAFF and without a reason, saying an administrator can; nothing is written', async () => {
    const { t } = h;
    const booking = await owing();
    expect(await checkOut(t, { bookingId: String(booking.id), openBalanceReason: 'Company pays' }, t.tokens.staff)).toEqual(refusal);
    expect(await checkOut(t, { bookingId: String(booking.id) })).toEqual(refusal);
    expect(await checkOut(t, { bookingId: String(booking.id), openBalanceReason: '   ' })).toEqual(
      answer.validation([{ path: ['input', 'openBalanceReason'], message: 'Must not be blank.' }]),
    );
    expect(await checkOut(t, { bookingId: String(booking.id), openBalanceReason: 'x'.repeat(501) })).toEqual(
      answer.validation([{ path: ['input', 'openBalanceReason'], message: 'Must be at most 500 characters long.' }]),
    );
    expect((await t.em().findOneOrFail(Booking, booking.id)).status).toBe(BookingStatus.CHECKED_IN);
    expect(await t.em().count(Receivable, { booking: booking.id })).toBe(0);
    expect(await t.em().count(AuditEntry, { entity: 'BOOKING', entityId: String(booking.id) })).toBe(0);
  });

  it('by an ADMIN with a reason writes a receivable, an audit entry and the log; it is listed, reported as an open item, and collected', async () => {
    const { t, f } = h;
    const booking = await owing();
    const admin = await f.user({ role: Role.ADMIN });
    const em = t.em();
    const personal = issueToken(em, { name: 'night manager', role: Role.ADMIN, userId: admin.id });
    await em.flush();

    expect(await checkOut(t, { bookingId: String(booking.id), openBalanceReason: ' Company pays by invoice ' }, personal.secret)).toEqual({
      __typename: 'CheckOutBookingSuccess',
      booking: { id: String(booking.id), status: 'CHECKED_OUT', checkIn: day(-2), checkOut: day(0), totalAmount: '200.00', balance: '150.00' },
    });
    const check = t.em();
    const receivable = await check.findOneOrFail(Receivable, { booking: booking.id });
    expect([receivable.amount, receivable.reason, receivable.createdBy?.id]).toEqual(['150.00', 'Company pays by invoice', admin.id]);
    const audit = await check.findOneOrFail(AuditEntry, { entity: 'BOOKING', entityId: String(booking.id) });
    expect(audit).toMatchObject({
      action: 'CHECK_OUT_OWING',
      actor: expect.stringContaining(`user:${admin.id}`),
      reason: 'Company pays by invoice',
      changes: { status: { before: 'CHECKED_IN', after: 'CHECKED_OUT' }, receivable: { before: null, after: '150.00' } },
      details: { currency: 'EUR' },
    });
    expect((await logsOf(t, booking.id)).at(-1)).toMatchObject({
      action: 'CHECKED_OUT',
      paid: '50.00',
      leftOwing: '150.00',
      openBalanceReason: 'Company pays by invoice',
    });
    expect((await check.findOneOrFail(Invoice, { booking: booking.id })).amount).toBe('200.00');
    expect((await check.findOneOrFail(Customer, h.customer.id)).loyaltyPoints).toBe(50);

    const listed = await t.graphql(RECEIVABLES, {}, { token: t.tokens.staff });
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.receivables.nodes).toEqual([
      {
        id: String(receivable.id),
        amount: '150.00',
        reason: 'Company pays by invoice',
        createdAt: expect.any(String),
        openBalance: '150.00',
        booking: { id: String(booking.id), status: 'CHECKED_OUT' },
        createdBy: { id: String(admin.id) },
      },
    ]);
    expect((await t.graphql(RECEIVABLES, {}, { token: t.tokens.partner })).errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);

    // An open item (LOW), not an unbalanced folio (HIGH).
    let checks = await report(t);
    expect(checks['rule:open_receivable']).toEqual({
      name: 'rule:open_receivable',
      passed: false,
      severity: 'LOW',
      violationCount: 1,
      sampleIds: [String(booking.id)],
    });
    expect(checks['rule:checked_out_unsettled'].sampleIds).not.toContain(String(booking.id));
    expect(checks['rule:receivable_not_checked_out']).toMatchObject({ passed: true, severity: 'HIGH' });

    // A checked-out booking still takes payments up to its balance: the receivable is collected.
    expect(await mutate(t, 'recordPayment', { bookingId: String(booking.id), amount: '150.01', method: 'BANK_TRANSFER' }, 'payment { id }')).toMatchObject({
      rule: 'payment_within_balance',
    });
    const paid = await mutate(t, 'recordPayment', { bookingId: String(booking.id), amount: '150.00', method: 'BANK_TRANSFER' }, 'payment { amount }');
    expect(paid).toEqual({ __typename: 'RecordPaymentSuccess', payment: { amount: '150.00' } });
    expect((await t.graphql(RECEIVABLES, {}, { token: t.tokens.staff })).data?.receivables.nodes[0].openBalance).toBe('0.00');
    checks = await report(t);
    expect(checks['rule:open_receivable'].passed).toBe(true);
    expect(checks['rule:checked_out_unsettled'].sampleIds).not.toContain(String(booking.id));
    expect(await t.em().count(Payment, { booking: booking.id })).toBe(2);
  });

  it('counts a balance beyond what the receivable covers as unsettled, and a receivable of a booking not checked out as HIGH', async () => {
    const { t } = h;
    const booking = await owing();
    expect((await checkOut(t, { bookingId: String(booking.id), openBalanceReason: 'Disputed minibar' })).booking.status).toBe('CHECKED_OUT');
    const receivable = await t.em().findOneOrFail(Receivable, { booking: booking.id });
    // More owed than was left owing: the 50.00 paid, refunded later.
    await t.database.sql.query('update payments set refunded_amount = amount where booking_id = $1', [booking.id]);
    let checks = await report(t);
    expect(checks['rule:checked_out_unsettled'].sampleIds).toContain(String(booking.id));
    expect(checks['rule:open_receivable'].sampleIds).toContain(String(booking.id));
    await t.database.sql.query('update payments set refunded_amount = 0 where booking_id = $1', [booking.id]);
    // A state the API never leaves: the booking back in the house, its receivable still there.
    await t.database.sql.query(`update bookings set status = 'CHECKED_IN' where id = $1`, [booking.id]);
    try {
      checks = await report(t);
      expect(checks['rule:receivable_not_checked_out']).toMatchObject({ passed: false, severity: 'HIGH', sampleIds: [String(receivable.id)] });
    } finally {
      await t.database.sql.query(`update bookings set status = 'CHECKED_OUT' where id = $1`, [booking.id]);
    }
  });

  it('is never allowed for an overpaid folio, and a settled one needs no reason and writes no receivable', async () => {
    const { t, f } = h;
    const booking = await f.booking(h.room, h.customer, -2, 2, { status: BookingStatus.CHECKED_IN });
    await f.payment(booking, '250.00');
    expect(await checkOut(t, { bookingId: String(booking.id), openBalanceReason: 'Keep the change' })).toEqual(
      answer.businessRule('folio_settled', 'The folio is not settled: 50.00 was overpaid and must be refunded (balance -50.00 EUR).'),
    );
    const settled = await f.booking(await f.room(h.room.roomType), h.customer, -1, 1, { status: BookingStatus.CHECKED_IN });
    await f.payment(settled, '100.00');
    expect((await checkOut(t, { bookingId: String(settled.id), openBalanceReason: 'Not needed' })).booking.status).toBe('CHECKED_OUT');
    expect(await t.em().count(Receivable, { booking: settled.id })).toBe(0);
  });
});
