import { Role } from '../entities/role';
import type { Caller } from './caller';

/**
 * Object-level access: a partner sees only the bookings and customers of its own channel;
 * everyone else sees everything their role allows. Callers answer NOT_FOUND for what is
 * not visible, so ids of other partners' records cannot be probed.
 */
export function isVisibleTo(caller: Caller | null, channel: string | null | undefined): boolean {
  return caller?.role !== Role.PARTNER || (caller.channel !== null && caller.channel === channel);
}

/** The channel a partner writes as; null for the hotel's own staff and tokens. */
export function partnerChannel(caller: Caller | null): string | null {
  return caller?.role === Role.PARTNER ? caller.channel : null;
}
