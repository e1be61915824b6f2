import type { ControlPool } from '../db/control-pool';
import { listenFor, type NotificationListener } from '../db/notification-listener';
import type { Caller } from '../kernel/caller';
import type { Logger } from '../logging/logger';
import { hashSecret, lookUpCaller } from './api-tokens';

/** The channel, and the notice text, of the triggers on api_tokens and users (Migration20261201230000_auth_changes). */
export const AUTH_CHANGED = 'hotel_auth_changed';

/** Callers kept per process at most (by default); past it the oldest is forgotten first. */
export const CALLER_CACHE_ENTRIES = 10_000;

/** How often a token used from memory has its last_used_at stamped: once a minute, as when every request asked. */
const LAST_USED_RESOLUTION_MS = 60_000;

interface Entry {
  caller: Caller;
  /** Date.now() past which the entry is not used: the cache's bound, or the token's expiry if sooner. */
  until: number;
  stampDue: number;
}

export interface CallerCache {
  /** The caller a bearer secret stands for, or null when it is unknown, revoked, expired, or its user deactivated. */
  authenticate(secret: string): Promise<Caller | null>;
  /** Something about tokens or users changed: every caller is asked for again. */
  forgetAll(): void;
  readonly size: number;
  /** Whether answers come from memory now (listening for changes, and a bound above 0). */
  readonly active: boolean;
  close(): Promise<void>;
}

/**
 * Who-is-this without a round trip on every request. A caller found in PostgreSQL is kept
 * for at most `ttlMs` (never past its token's expiry, measured by PostgreSQL's clock), and
 * only while the process listens for AUTH_CHANGED: every change to a caller's columns of
 * tokens or users is announced to every process on commit, and to the session that made
 * it before that statement answers (onSessionNotice), and each forgets everything. While
 * the listening connection is down, nothing is kept and every request asks. Unknown
 * secrets are never kept: what a guesser sends costs it a lookup every time.
 *
 * Only callers acting for no user (integration tokens, which carry the volume) are kept.
 * A session or personal token is asked for on every request: what an administrator does
 * to a person (deactivate, reset the password, change the role) must hold on that
 * person's very next request in every process, and a notification reaches another
 * process only within its delay, which a busy process stretches past the next request.
 */
export function createCallerCache(
  control: ControlPool,
  options: { url: string; ttlMs: number; logger: Logger; timeoutMs: number; maxEntries?: number },
): CallerCache {
  const maxEntries = options.maxEntries ?? CALLER_CACHE_ENTRIES;
  const entries = new Map<string, Entry>();
  // A lookup that began before a change must not store what it read before the change.
  let generation = 0;
  const forgetAll = () => {
    generation += 1;
    entries.clear();
  };
  const listener: NotificationListener | undefined =
    options.ttlMs > 0
      ? listenFor(options.url, AUTH_CHANGED, { heard: forgetAll, gap: forgetAll }, { logger: options.logger, timeoutMs: options.timeoutMs })
      : undefined;
  const active = () => listener?.listening === true;

  const stampLastUsed = (caller: Caller) => {
    control
      .query('update api_tokens set last_used_at = now() where id = $1', [caller.tokenId])
      .catch((error: unknown) => options.logger.warn({ err: error, tokenId: caller.tokenId }, 'could not record token use'));
  };

  return {
    authenticate: async (secret) => {
      const digest = hashSecret(secret);
      const now = Date.now();
      const kept = entries.get(digest);
      if (kept && kept.until > now && active()) {
        if (kept.stampDue <= now) {
          kept.stampDue = now + LAST_USED_RESOLUTION_MS;
          stampLastUsed(kept.caller);
        }
        return kept.caller;
      }
      if (kept) entries.delete(digest);
      const seen = generation;
      const found = await lookUpCaller(control, digest);
      if (!found) return null;
      Object.freeze(found.caller);
      if (found.stale) stampLastUsed(found.caller);
      if (found.caller.userId === null && active() && seen === generation) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        const lifetime = Math.min(options.ttlMs, found.remainingMs ?? Number.POSITIVE_INFINITY);
        entries.set(digest, { caller: found.caller, until: Date.now() + lifetime, stampDue: Date.now() + LAST_USED_RESOLUTION_MS });
      }
      return found.caller;
    },
    forgetAll,
    get size() {
      return entries.size;
    },
    get active() {
      return active();
    },
    close: async () => {
      forgetAll();
      await listener?.close();
    },
  };
}
