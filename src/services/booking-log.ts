import type { Booking } from '../entities/booking.entity';
import { BookingLog } from '../entities/booking-log.entity';
import { actingUser, actorLabel, type OperationContext } from '../kernel/operation-context';

/** Every change to a booking leaves a line, in the same transaction as the change. */
export function logBookingChange(ctx: OperationContext, booking: Booking, action: string, details: Record<string, unknown> = {}): BookingLog {
  return ctx.em.create(BookingLog, { booking, actor: actingUser(ctx), action, details: { by: actorLabel(ctx), ...details } });
}
