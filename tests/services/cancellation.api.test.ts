import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { BookingStatus } from '../../src/entities/booking.entity';
import { FeeKind } from '../../src/entities/cancellation-policy.entity';
import type { Room } from '../../src/entities/room.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, sendMutation } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let room: Room;

const cancel = (bookingId: number, token?: string) =>
  mutate(t, 'cancelBooking', { bookingId: String(bookingId), reason: 'Guest changed plans' }, 'booking { status totalAmount }', token);
const setPolicy = (input: Record<string, unknown>) => mutate(t, 'setCancellationPolicy', { roomTypeId: String(room.roomType.id), ...input }, 'policy { id }');
const quote = async (bookingId: number, token?: string) =>
  (
    await t.graphql(
      `query ($id: ID!) { cancellationQuote(bookingId: $id) { cancellable fee freeUntil businessDate policy { freeUntilDays cancellationFeeKind } } }`,
      { id: String(bookingId) },
      { token },
    )
  ).data?.cancellationQuote;
const folioOf = async (bookingId: number) =>
  (await t.database.sql.query('select kind, amount::text, description from folio_items where booking_id = $1 order by id', [bookingId])).rows;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  room = await f.room(await f.roomType({ baseRate: '200.00' }));
});

describe('cancellation fees', () => {
  it('are free until the policy’s days before arrival, then the fee the quote told, posted once as a folio item', async () => {
    await setPolicy({ freeUntilDays: 3, cancellationFeeKind: FeeKind.PERCENT, cancellationFeeValue: '30', noShowFeeKind: FeeKind.FIRST_NIGHT });
    const customer = await f.customer();
    const early = await f.booking(room, customer, 3, 2);
    const late = await f.booking(room, customer, 2, 1);

    expect(await quote(early.id)).toEqual({
      cancellable: true,
      fee: '0.00',
      freeUntil: today(),
      businessDate: today(),
      policy: { freeUntilDays: 3, cancellationFeeKind: 'PERCENT' },
    });
    expect(await quote(late.id)).toMatchObject({ cancellable: true, fee: '60.00', freeUntil: addDays(today(), -1) });

    expect(await cancel(early.id)).toMatchObject({ __typename: 'CancelBookingSuccess', booking: { status: 'CANCELLED', totalAmount: '0.00' } });
    expect(await folioOf(early.id)).toEqual([]);
    expect(await cancel(late.id)).toMatchObject({ booking: { status: 'CANCELLED', totalAmount: '0.00' } });
    expect(await folioOf(late.id)).toEqual([{ kind: 'CANCELLATION_FEE', amount: '60.00', description: expect.stringContaining('Cancellation fee') }]);
    // Cancelled, the booking is no longer cancellable and the quote says so.
    expect(await quote(late.id)).toMatchObject({ cancellable: false, fee: '0.00' });
    expect(await cancel(late.id)).toEqual(answer.invalidTransition('booking', 'CANCELLED', 'CANCELLED'));
    expect(await folioOf(late.id)).toHaveLength(1);
  });

  it('take the hotel default where the room type has none: the first night from the day before arrival', async () => {
    const arrivingToday = await f.booking(room, await f.customer(), 0, 3);
    expect(await quote(arrivingToday.id)).toMatchObject({
      fee: '200.00',
      freeUntil: addDays(today(), -1),
      policy: { freeUntilDays: 1, cancellationFeeKind: 'FIRST_NIGHT' },
    });
    const arrivingTomorrow = await f.booking(await f.room(room.roomType), await f.customer(), 1, 3);
    expect(await quote(arrivingTomorrow.id)).toMatchObject({ fee: '0.00', freeUntil: today() });
  });

  it('leave a cancelled booking taking payments and refunds up to its fee, and nothing beyond', async () => {
    await setPolicy({ freeUntilDays: 30, cancellationFeeKind: FeeKind.FIXED, cancellationFeeValue: '75.50', noShowFeeKind: FeeKind.NONE });
    const booking = await f.booking(room, await f.customer(), 5, 2);
    await cancel(booking.id);
    const pay = (amount: string) => mutate(t, 'recordPayment', { bookingId: String(booking.id), amount, method: 'CARD' }, 'payment { id amount }');
    expect(await pay('80.00')).toEqual(answer.businessRule('payment_within_balance', 'The payment exceeds the open balance of 75.50 EUR.'));
    const paid = await pay('75.50');
    expect(paid).toMatchObject({ __typename: 'RecordPaymentSuccess', payment: { amount: '75.50' } });
    expect(await pay('0.01')).toEqual(answer.businessRule('payment_within_balance', 'The payment exceeds the open balance of 0.00 EUR.'));
    const refunded = await mutate(t, 'refundPayment', { paymentId: paid.payment.id, amount: '10.00' }, 'payment { refundedAmount }');
    expect(refunded).toMatchObject({ payment: { refundedAmount: '10.00' } });
  });

  it('are told to a partner for its own bookings only', async () => {
    const own = await f.booking(room, await f.customer({ channel: 'partner-a' }), 1, 1, { channel: 'partner-a' });
    const other = await f.booking(await f.room(room.roomType), await f.customer({ channel: 'partner-b' }), 1, 1, { channel: 'partner-b' });
    expect(await quote(own.id, t.tokens.partner)).toMatchObject({ cancellable: true });
    expect(await quote(other.id, t.tokens.partner)).toBeNull();
  });
});

describe('setCancellationPolicy', () => {
  it('lists the hotel default first, then each room type’s own, for any caller', async () => {
    await setPolicy({ freeUntilDays: 4, cancellationFeeKind: FeeKind.FIXED, cancellationFeeValue: '20', noShowFeeKind: FeeKind.NONE });
    const listed = await t.graphql<{ cancellationPolicies: { roomType: { id: string } | null; freeUntilDays: number; cancellationFeeValue: string }[] }>(
      '{ cancellationPolicies { roomType { id } freeUntilDays cancellationFeeValue } }',
      {},
      { token: t.tokens.partner },
    );
    const policies = listed.data!.cancellationPolicies;
    expect(policies[0]).toEqual({ roomType: null, freeUntilDays: 1, cancellationFeeValue: '0.00' });
    expect(policies).toContainEqual({ roomType: { id: String(room.roomType.id) }, freeUntilDays: 4, cancellationFeeValue: '20.00' });
  });

  it('refuses a value its fee kind does not take, each on its field', async () => {
    const refused = await setPolicy({
      freeUntilDays: 400,
      cancellationFeeKind: FeeKind.PERCENT,
      cancellationFeeValue: '120',
      noShowFeeKind: FeeKind.NONE,
      noShowFeeValue: '5',
    });
    expect(refused).toEqual(
      answer.validation([
        { path: ['input', 'freeUntilDays'], message: 'Must be between 0 and 365.' },
        { path: ['input', 'cancellationFeeValue'], message: 'A PERCENT fee is above 0 and at most 100.' },
        { path: ['input', 'noShowFeeValue'], message: 'A NONE fee takes no value.' },
      ]),
    );
  });

  it('replaces the room type’s policy, audited with before and after, and is for administrators only', async () => {
    const first = await setPolicy({ freeUntilDays: 2, cancellationFeeKind: FeeKind.NONE, noShowFeeKind: FeeKind.NONE });
    const second = await setPolicy({ freeUntilDays: 5, cancellationFeeKind: FeeKind.FIRST_NIGHT, noShowFeeKind: FeeKind.FIXED, noShowFeeValue: '40' });
    expect(second.policy.id).toBe(first.policy.id);
    const audit = await t.database.sql.query(`select changes from audit_entries where action = 'SET_CANCELLATION_POLICY' and entity_id = $1 order by id`, [
      first.policy.id,
    ]);
    expect(audit.rows.map((row) => row.changes)).toEqual([
      {
        freeUntilDays: { before: null, after: 2 },
        cancellationFeeKind: { before: null, after: 'NONE' },
        cancellationFeeValue: { before: null, after: '0.00' },
        noShowFeeKind: { before: null, after: 'NONE' },
        noShowFeeValue: { before: null, after: '0.00' },
      },
      {
        freeUntilDays: { before: 2, after: 5 },
        cancellationFeeKind: { before: 'NONE', after: 'FIRST_NIGHT' },
        noShowFeeKind: { before: 'NONE', after: 'FIXED' },
        noShowFeeValue: { before: '0.00', after: '40.00' },
      },
    ]);
    const asStaff = await sendMutation(
      t,
      'setCancellationPolicy',
      { freeUntilDays: 1, cancellationFeeKind: 'NONE', noShowFeeKind: 'NONE' },
      { members: '' },
      { token: t.tokens.staff },
    );
    expect(asStaff.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('a released booking in the integrity report', () => {
  it('is flagged when its room is still billed, and not once cancelled through the API', async () => {
    const billed = await f.booking(room, await f.customer(), 4, 2, { status: BookingStatus.NO_SHOW });
    const cancelled = await f.booking(await f.room(room.roomType), await f.customer(), 4, 2);
    await cancel(cancelled.id);
    const report = await t.graphql<{ integrityReport: { checks: { name: string; sampleIds: string[] }[] } }>(
      '{ integrityReport { checks { name sampleIds } } }',
      {},
      { constraintNames: true },
    );
    const check = report.data!.integrityReport.checks.find((c) => c.name === 'rule:released_room_billed');
    expect(check?.sampleIds).toContain(String(billed.id));
    expect(check?.sampleIds).not.toContain(String(cancelled.id));
  });
});
