import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findPage, type PageRequest } from '../db/keyset-page';
import { type Booking, BookingStatus } from '../entities/booking.entity';
import { Customer } from '../entities/customer.entity';
import { FolioItem, FolioItemKind } from '../entities/folio-item.entity';
import { LoyaltyTransaction } from '../entities/loyalty-transaction.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { inWords } from '../in-words';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import { actingUser } from '../kernel/operation-context';
import { fromCents } from '../money';
import { lockBooking } from './booking.service';
import { logBookingChange } from './booking-log';
import { refuseErased } from './customer.service';
import { folioOf } from './folio';

/** A customer's loyalty ledger, newest first: what their balance is the sum of. */
export function listLoyaltyTransactions(em: EntityManager, customerId: number, page: PageRequest) {
  return findPage(em, LoyaltyTransaction, { customer: customerId }, ['id'], page, undefined, 'desc');
}

/** Points are spent on a bill still open: a stay not checked out, and not released (cancelled, no-show). */
const REDEEMABLE: readonly BookingStatus[] = [BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN];

export interface RedeemLoyaltyPointsCommand {
  bookingId: string;
  points: number;
  /** Taken by the mutation boundary, which runs the operation once per key. */
  idempotencyKey?: string | null;
}

export interface Redemption {
  booking: Booking;
  folioItem: FolioItem;
  loyaltyTransaction: LoyaltyTransaction;
}

/**
 * Spends a guest's points on the bill of one of their stays: a LOYALTY_REDEMPTION credit
 * of points × LOYALTY_POINT_VALUE_CENTS, never more than the open balance (a credit that
 * would leave the hotel owing the guest is refused, as addFolioItem refuses it), a
 * negative ledger line, and the balance lowered by as much, so the ledger still sums to it
 * (rule:loyalty_balance). The booking is locked, then the customer: the order check-out
 * takes when it earns points, so the two never deadlock, and two redemptions take turns.
 * customers_loyalty_points_check refuses a balance below zero should a check here be missed.
 */
export const redeemLoyaltyPoints = operation([NotFoundError, BusinessRuleError], async (ctx, command: RedeemLoyaltyPointsCommand): Promise<Redemption> => {
  const rateCents = ctx.config.loyaltyPointValueCents;
  // One credit is one folio item, within the largest single amount.
  const maxPoints = Math.floor((ctx.config.maxAmount * 100) / rateCents);
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  const points = check.integer('points', command.points, { min: 1, max: maxPoints });
  check.done();

  const booking = await lockBooking(ctx, bookingId!);
  if (!REDEEMABLE.includes(booking.status as BookingStatus)) {
    throw new BusinessRuleError(
      'booking_chargeable',
      `A ${inWords(booking.status)} booking takes no new credits: points are redeemed on a stay not yet checked out.`,
    );
  }
  const customer = await ctx.em.findOneOrFail(Customer, { id: booking.customer.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  refuseErased(customer);
  if (points! > customer.loyaltyPoints) {
    throw new BusinessRuleError('loyalty_balance', `The guest has ${customer.loyaltyPoints} loyalty points; ${points} cannot be redeemed.`);
  }
  const creditCents = BigInt(points!) * BigInt(rateCents);
  const folio = await folioOf(ctx.em, booking.id);
  if (creditCents > folio.balanceCents) {
    const open = folio.balanceCents > 0n ? folio.balanceCents : 0n;
    throw new BusinessRuleError(
      'credit_within_balance',
      `A credit may not exceed the open balance of ${fromCents(open)} ${ctx.config.currency}: at most ${open / BigInt(rateCents)} points can be redeemed on this booking.`,
    );
  }

  const amount = fromCents(-creditCents);
  const folioItem = ctx.em.create(FolioItem, {
    booking,
    kind: FolioItemKind.LOYALTY_REDEMPTION,
    description: `${points} loyalty points at ${fromCents(BigInt(rateCents))} ${ctx.config.currency}`,
    amount,
    postedBy: actingUser(ctx),
  });
  customer.loyaltyPoints -= points!;
  const loyaltyTransaction = ctx.em.create(LoyaltyTransaction, { customer, booking, points: -points!, reason: `Redeemed on booking ${booking.id}` });
  logBookingChange(ctx, booking, 'LOYALTY_REDEEMED', { points, amount });
  return { booking, folioItem, loyaltyTransaction };
});
