import type { Role, StaffUser } from '../api/types';

/** A staff session as login issued it. */
export interface Session {
  token: string;
  tokenId: string;
  expiresAt: string;
  user: StaffUser;
}

/**
 * Kept in sessionStorage: it lives as long as the tab and is gone when the tab closes, never
 * shared with other tabs or written to disk as a cookie would be; nothing else is stored.
 */
const KEY = 'hotel-console-session';

export function storedSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as Session) : null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function keepSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

export function roleOf(session: Session | null): Role | null {
  return session?.user.role ?? null;
}
