import { addDays } from '../dates';
import { type Booking, BookingStatus } from '../entities/booking.entity';
import { FolioItem, FolioItemKind } from '../entities/folio-item.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import { actingUser, type OperationContext } from '../kernel/operation-context';
import { fromCents } from '../money';
import { lockBooking, transition } from './booking.service';
import { logBookingChange } from './booking-log';
import { type BookingNamed, bookingNamed } from './booking-reference';
import { businessDateOf } from './business-date';
import { cancellationTerms, noShowFeeCents, policyFor } from './cancellation-policy';
import { offerReleasedNights } from './waitlist.service';

/**
 * Releases a booking's room: its room total leaves the bill (nothing of the room is sold),
 * a fee, if the policy asks one, is posted in its place, and the freed nights go to the
 * waitlist. A fee is posted once: folio_items_fee_once refuses a second of its kind.
 */
async function release(
  ctx: OperationContext,
  booking: Booking,
  fee: { kind: FolioItemKind; cents: bigint; description: string },
  details: Record<string, unknown> = {},
): Promise<FolioItem | null> {
  const roomTotal = booking.totalAmount;
  booking.totalAmount = '0.00';
  const item =
    fee.cents > 0n
      ? ctx.em.create(FolioItem, { booking, kind: fee.kind, description: fee.description, amount: fromCents(fee.cents), postedBy: actingUser(ctx) })
      : null;
  logBookingChange(ctx, booking, booking.status, { ...details, roomTotal, fee: item?.amount ?? null });
  await ctx.em.flush();
  await offerReleasedNights(ctx, booking.room, booking.checkIn, booking.checkOut);
  return item;
}

/** Cancels, recording who, when and why, posts the policy's fee, and offers the freed nights to the waitlist. */
export const cancelBooking = operation([NotFoundError, BusinessRuleError], async (ctx, command: BookingNamed & { reason: string }) => {
  const check = new InputCheck();
  const bookingId = bookingNamed(check, command);
  const reason = check.text('reason', command.reason, { max: 500 });
  check.done();

  const booking = await lockBooking(ctx, await bookingId!(ctx));
  transition(booking, BookingStatus.CANCELLED);
  const today = await businessDateOf(ctx.em);
  const terms = cancellationTerms(await policyFor(ctx.em, booking.roomType.id), booking, today);
  booking.cancelledAt = new Date();
  booking.cancelledBy = actingUser(ctx);
  booking.cancellationReason = reason!;
  const description = `Cancellation fee (cancelled ${today}; free until ${terms.freeUntil})`;
  await release(ctx, booking, { kind: FolioItemKind.CANCELLATION_FEE, cents: terms.feeCents, description }, { reason });
  return booking;
});

/**
 * Marks a guest who never came, posting the policy's no-show fee. By hand only once the
 * check-in day has passed; the night audit marks the day it closes (`closing`).
 */
export async function markBookingNoShow(
  ctx: OperationContext,
  booking: Booking,
  { today, closing }: { today: string; closing: boolean },
): Promise<FolioItem | null> {
  transition(booking, BookingStatus.NO_SHOW);
  if (closing ? booking.checkIn > today : booking.checkIn >= today) {
    throw new BusinessRuleError('no_show_date', `A booking can be marked as a no-show from ${addDays(booking.checkIn, 1)}.`);
  }
  const cents = noShowFeeCents(await policyFor(ctx.em, booking.roomType.id), booking);
  return release(ctx, booking, { kind: FolioItemKind.NO_SHOW_FEE, cents, description: `No-show fee (due ${booking.checkIn})` });
}

/** A guest who never came: only once the check-in day has passed. */
export const markNoShow = operation([NotFoundError, BusinessRuleError], async (ctx, command: { bookingId: string }) => {
  const check = new InputCheck();
  const bookingId = check.id('bookingId', command.bookingId);
  check.done();
  const booking = await lockBooking(ctx, bookingId!);
  await markBookingNoShow(ctx, booking, { today: await businessDateOf(ctx.em), closing: false });
  return booking;
});
