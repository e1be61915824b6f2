import { listScope } from '../auth/visibility';
import { Booking } from '../entities/booking.entity';
import { NotFoundError } from '../errors/not-found-error';
import { ValidationError } from '../errors/validation-error';
import type { InputCheck } from '../kernel/input-check';
import type { OperationContext } from '../kernel/operation-context';

/** How a command names a booking: by its id, or by the partner's own reference (channelReference). */
export interface BookingNamed {
  bookingId?: string | null;
  channelReference?: string | null;
}

/** The longest reference a partner may store. */
export const MAX_CHANNEL_REFERENCE_LENGTH = 100;

/**
 * The bookings with this reference the caller may see: a partner's in its channel (at most
 * one: the reference is unique there), the hotel's in every channel, or in `channel`.
 */
export async function bookingsByReference(ctx: OperationContext, reference: string, channel?: string | null): Promise<Booking[]> {
  return ctx.em.find(Booking, referenced(ctx, reference, channel), { orderBy: { id: 'asc' }, limit: 2, populate: ['room', 'roomType'] });
}

/** The filter of the bookings with this reference the caller may see. */
function referenced(ctx: OperationContext, reference: string, channel?: string | null) {
  const scope = listScope(ctx.caller) ?? channel ?? undefined;
  return { channelReference: reference, ...(scope === undefined ? {} : { channel: scope }) };
}

/**
 * Checks that `command` names one booking, one way, and returns how to find its id once
 * every input problem is told: by id at once, by reference with one read in the caller's
 * channel (NOT_FOUND when none; for the hotel, which sees every channel, a reference two
 * channels share is refused as ambiguous).
 */
export function bookingNamed(check: InputCheck, command: BookingNamed): ((ctx: OperationContext) => Promise<number>) | undefined {
  const byId = command.bookingId !== null && command.bookingId !== undefined;
  const byReference = command.channelReference !== null && command.channelReference !== undefined;
  if (byId === byReference) {
    check.fail('bookingId', 'Name the booking by its bookingId or by its channelReference, one of the two.');
    return undefined;
  }
  if (byId) {
    const id = check.id('bookingId', command.bookingId);
    return id === undefined ? undefined : async () => id;
  }
  const reference = check.text('channelReference', command.channelReference, { max: MAX_CHANNEL_REFERENCE_LENGTH });
  if (reference === undefined) return undefined;
  return async (ctx) => {
    // Only the ids: the operation locks and loads the booking itself.
    const found = await ctx.em.find(Booking, referenced(ctx, reference), { fields: ['id'], orderBy: { id: 'asc' }, limit: 2 });
    if (!found.length) throw new NotFoundError('Booking', reference, `No booking has the reference ${reference}.`);
    if (found.length > 1) {
      throw new ValidationError([
        { path: ['input', 'channelReference'], message: `Bookings of several channels have the reference ${reference}; name the booking by its bookingId.` },
      ]);
    }
    return found[0].id;
  };
}
