import { LockMode } from '@mikro-orm/core';
import { addDays, localDateTime } from '../dates';
import { Booking, BookingStatus } from '../entities/booking.entity';
import { NightAudit } from '../entities/night-audit.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { audit } from '../kernel/audit';
import { operation } from '../kernel/operation';
import { actingUser } from '../kernel/operation-context';
import { fromCents, toCents } from '../money';
import { markBookingNoShow } from './cancellation';
import { notifyNightAuditExceptions } from './notification.service';

export interface CloseBusinessDayCommand {
  businessDate: string;
  /** Set by the schedule (NIGHT_AUDIT_AT), not by a person. */
  scheduled?: boolean;
}

export interface ClosedBusinessDay {
  audit: NightAudit;
  /** The bookings marked NO_SHOW, in id order. */
  noShows: Booking[];
  /** The business date after the close: the next day. */
  businessDate: string;
}

/**
 * The night audit: closes the business date. In one transaction, and with the calendar's
 * row locked so closes take turns: every CONFIRMED booking due that day (or earlier) and
 * not arrived becomes NO_SHOW with its policy's fee, the day is recorded in night_audits
 * (whose unique date refuses a second close of it), and the business date moves on by one. Only the
 * current business date can be closed, and only once it has begun where the hotel is, so
 * asking twice, or from two processes at once, acts once: the second finds the date moved on.
 */
export const closeBusinessDay = operation([BusinessRuleError], async (ctx, command: CloseBusinessDayCommand) => {
  const [calendar] = await ctx.em.execute<{ business_date: string }[]>('select business_date::text from hotel_calendar where id = 1 for no key update');
  const current = calendar.business_date;
  if (command.businessDate !== current) {
    throw new BusinessRuleError(
      'business_date_current',
      `Only the current business date, ${current}, can be closed; ${command.businessDate} ${command.businessDate < current ? 'is closed already' : 'has not come yet'}.`,
    );
  }
  const local = localDateTime(new Date(), ctx.config.hotelTimeZone);
  if (current > local.date) {
    throw new BusinessRuleError('business_day_begun', `${current} has not begun yet in ${ctx.config.hotelTimeZone} (it is ${local.date} ${local.time} there).`);
  }

  const due = await ctx.em.find(
    Booking,
    { status: BookingStatus.CONFIRMED, checkIn: { $lte: current } },
    { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['b0'], populate: ['room', 'roomType'] },
  );
  let feesCents = 0n;
  for (const booking of due) {
    const fee = await markBookingNoShow(ctx, booking, { today: current, closing: true });
    if (fee) feesCents += toCents(fee.amount);
  }
  const closed = ctx.em.create(NightAudit, {
    businessDate: current,
    closedBy: actingUser(ctx),
    scheduled: command.scheduled === true,
    noShows: due.length,
    feesPosted: fromCents(feesCents),
  });
  const next = addDays(current, 1);
  await ctx.em.execute('update hotel_calendar set business_date = ?::date, updated_at = now() where id = 1', [next]);
  audit(ctx, {
    action: 'CLOSE_BUSINESS_DAY',
    entity: 'BUSINESS_DAY',
    entityId: current,
    reason: command.scheduled ? `scheduled night audit (NIGHT_AUDIT_AT ${ctx.config.nightAuditAt})` : null,
    before: { businessDate: current },
    after: { businessDate: next },
    details: { noShows: due.map((booking) => booking.id), feesPosted: closed.feesPosted },
  });
  await notifyNightAuditExceptions(ctx, { businessDate: current, noShows: due });
  await ctx.em.flush();
  return { audit: closed, noShows: due, businessDate: next } satisfies ClosedBusinessDay;
});

/**
 * The last business date the schedule should have closed by instant `now`: a time before
 * noon closes the day before (an audit at 03:00 ends the previous evening's day), a time
 * from noon on the same day (23:30 closes that day).
 */
export function dueThrough(now: Date, timeZone: string, at: string): string {
  const local = localDateTime(now, timeZone);
  const sameDay = at >= '12:00';
  const daysBack = (sameDay ? 0 : 1) + (local.time >= at ? 0 : 1);
  return addDays(local.date, -daysBack);
}
