import { LockMode } from '@mikro-orm/core';
import { isVisibleTo } from '../auth/visibility';
import { BookingStatus } from '../entities/booking.entity';
import { FolioItem } from '../entities/folio-item.entity';
import { Payment, type PaymentMethod, PaymentStatus } from '../entities/payment.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { inWords } from '../in-words';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import { actingUser } from '../kernel/operation-context';
import { fromCents, toCents } from '../money';
import { lockBooking } from './booking.service';
import { BOOKING_LOG_COLUMNS, bookingLogValues, logBookingChange } from './booking-log';
import { BALANCE_CENTS_OF_BOOKING, folioOf } from './folio';

const CHARGEABLE: readonly BookingStatus[] = [BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN];

export interface RecordPaymentCommand {
  bookingId: string;
  amount: string;
  method: PaymentMethod;
  /** Taken by the mutation boundary, which runs the operation once per key. */
  idempotencyKey?: string | null;
}

/**
 * Takes a payment of at most the open balance, whatever the booking's status: a released
 * booking's balance is its fee, a checked-out one's what it left owing. The booking row is locked first, so
 * payments arriving together for one booking are summed one after another and can never
 * overpay it together.
 */
export const recordPayment = operation([NotFoundError, BusinessRuleError], async (ctx, command: RecordPaymentCommand) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  check.money('amount', command.amount, { sign: 'positive', max: ctx.config.maxAmount });
  check.done();

  // The booking row locked first; the balance is then summed by the next statement, which
  // sees every payment committed before the lock was granted.
  const booking = await lockBooking(ctx, bookingId!);
  // The payment and its log line, written only within the open balance; else the balance, to say so.
  const [written] = await ctx.em.execute<(Record<string, unknown> & { x_balance: string; id: number | null })[]>(
    `with folio as (select ${BALANCE_CENTS_OF_BOOKING} as balance from bookings b where b.id = ?),
     inserted as (
       insert into payments (booking_id, amount, currency, method, processed_by_id)
       select ?, ?::numeric, ?, ?, ? from folio where ?::numeric * 100 <= folio.balance
       returning *
     ),
     logged as (insert into booking_logs (${BOOKING_LOG_COLUMNS}) select inserted.booking_id, ?, ?, ?::jsonb from inserted)
     select folio.balance::text as x_balance, inserted.* from folio left join inserted on true`,
    [
      booking.id,
      booking.id,
      command.amount,
      ctx.config.currency,
      command.method,
      ctx.caller?.userId ?? null,
      command.amount,
      ...bookingLogValues(ctx, 'PAYMENT_RECORDED', { amount: command.amount, method: command.method }),
    ],
  );
  if (written.id === null) {
    const balanceCents = BigInt(written.x_balance);
    throw new BusinessRuleError(
      'payment_within_balance',
      `The payment exceeds the open balance of ${fromCents(balanceCents > 0n ? balanceCents : 0n)} ${ctx.config.currency}.`,
    );
  }
  const { x_balance: _balance, ...payment } = written;
  return ctx.em.map(Payment, payment);
});

/** Gives back part or all of a payment, never more than remains of it. */
export const refundPayment = operation([NotFoundError, BusinessRuleError], async (ctx, command: { paymentId: string; amount: string }) => {
  const check = new InputCheck();
  const paymentId = check.id('paymentId', command.paymentId);
  check.money('amount', command.amount, { sign: 'positive', max: ctx.config.maxAmount });
  check.done();

  const found = await ctx.em.findOne(Payment, { id: paymentId! }, { populate: ['booking'] });
  if (!found || !isVisibleTo(ctx.caller, found.booking.channel)) throw new NotFoundError('Payment', paymentId!);
  // Lock the booking, then the payment: the order every payment change takes.
  const booking = await lockBooking(ctx, found.booking.id);
  const payment = await ctx.em.findOneOrFail(Payment, { id: paymentId! }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  const remaining = toCents(payment.amount) - toCents(payment.refundedAmount);
  if (toCents(command.amount) > remaining) {
    throw new BusinessRuleError('refund_within_payment', `At most ${fromCents(remaining)} ${payment.currency} of this payment can still be refunded.`);
  }
  const refunded = toCents(payment.refundedAmount) + toCents(command.amount);
  payment.refundedAmount = fromCents(refunded);
  payment.status = refunded === toCents(payment.amount) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
  logBookingChange(ctx, booking, 'PAYMENT_REFUNDED', { paymentId: payment.id, amount: command.amount });
  return payment;
});

/** A charge (or, negative, a credit) on the bill of a booking not yet checked out. */
export const addFolioItem = operation([NotFoundError, BusinessRuleError], async (ctx, command: { bookingId: string; description: string; amount: string }) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  const description = check.text('description', command.description, { max: 200 });
  check.money('amount', command.amount, { sign: 'nonZero', max: ctx.config.maxAmount });
  check.done();

  const booking = await lockBooking(ctx, bookingId!);
  if (!CHARGEABLE.includes(booking.status as BookingStatus)) {
    throw new BusinessRuleError('booking_chargeable', `A ${inWords(booking.status)} booking takes no new charges.`);
  }
  const amount = toCents(command.amount);
  const folio = await folioOf(ctx.em, booking.id);
  if (amount < 0n && folio.balanceCents + amount < 0n) {
    throw new BusinessRuleError(
      'credit_within_balance',
      `A credit may not exceed the open balance of ${fromCents(folio.balanceCents)} ${ctx.config.currency}.`,
    );
  }
  const billCheck = new InputCheck();
  billCheck.bill('amount', folio.totalCents + folio.chargesCents + amount, ctx.config.maxBookingAmount);
  billCheck.done();
  const item = ctx.em.create(FolioItem, { booking, description: description!, amount: command.amount, postedBy: actingUser(ctx) });
  logBookingChange(ctx, booking, 'CHARGE_POSTED', { description, amount: command.amount });
  return item;
});
