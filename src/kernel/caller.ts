import type { Role } from '../entities/role';

/** Who sent the request, as established from its bearer token. */
export interface Caller {
  tokenId: number;
  tokenName: string;
  role: Role;
  /** The staff user behind a session or personal token. */
  userId: number | null;
  /** For partners: the booking channel they own. */
  channel: string | null;
}

/** How the caller appears in audit entries and logs. */
export function describeCaller(caller: Caller | null): string {
  if (!caller) return 'anonymous';
  return caller.userId ? `user:${caller.userId} via token:${caller.tokenId} (${caller.tokenName})` : `token:${caller.tokenId} (${caller.tokenName})`;
}
