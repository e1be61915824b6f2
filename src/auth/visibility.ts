import { Role } from '../entities/role';
import { ForbiddenError } from '../errors/forbidden-error';
import type { Caller } from '../kernel/caller';

/**
 * Object-level access: a partner sees only the bookings and customers of its own channel;
 * everyone else sees everything their role allows. Callers answer NOT_FOUND (mutations) or
 * null (queries) for what is not visible, so ids of other partners' records cannot be probed.
 */
export function isVisibleTo(caller: Caller | null, channel: string | null | undefined): boolean {
  return caller?.role !== Role.PARTNER || (caller.channel !== null && caller.channel === channel);
}

/** The channel a partner writes as; null for the hotel's own staff and tokens. */
export function partnerChannel(caller: Caller | null): string | null {
  return caller?.role === Role.PARTNER ? caller.channel : null;
}

/**
 * The channel a caller's lists are limited to: undefined (no limit) for the hotel's own
 * roles, the partner's channel for a partner. A partner token always has one (a CHECK says
 * so); should one ever lack it, it sees nothing rather than everything.
 */
export function listScope(caller: Caller | null): string | undefined {
  if (caller?.role !== Role.PARTNER) return undefined;
  if (!caller.channel) throw new ForbiddenError();
  return caller.channel;
}

/** `record` when the caller may see it, else null: what a query answers for another channel's record. */
export function visibleOrNull<T extends { channel?: string | null }>(caller: Caller | null, record: T | null): T | null {
  return record && isVisibleTo(caller, record.channel) ? record : null;
}
