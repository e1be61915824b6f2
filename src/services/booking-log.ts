import type { Booking } from '../entities/booking.entity';
import { BookingLog } from '../entities/booking-log.entity';
import { actingUser, actorLabel, type OperationContext } from '../kernel/operation-context';

/** Every change to a booking leaves a line, in the same transaction as the change. */
export function logBookingChange(ctx: OperationContext, booking: Booking, action: string, details: Record<string, unknown> = {}): BookingLog {
  return ctx.em.create(BookingLog, { booking, actor: actingUser(ctx), action, details: logDetails(ctx, details) });
}

/** What a log line says beyond its action: who, and the change's own details. */
function logDetails(ctx: OperationContext, details: Record<string, unknown>): Record<string, unknown> {
  return { by: actorLabel(ctx), ...details };
}

/**
 * The same line as logBookingChange, for a statement that writes the change and its log
 * together: `insert … select <booking id>, ?, ?, ?::jsonb`, with these values.
 */
export function bookingLogValues(ctx: OperationContext, action: string, details: Record<string, unknown>): [number | null, string, string] {
  return [ctx.caller?.userId ?? null, action, JSON.stringify(logDetails(ctx, details))];
}

/** The columns bookingLogValues fills, in its order, after booking_id. */
export const BOOKING_LOG_COLUMNS = 'booking_id, actor_id, action, details';
