import { RateLimitedError } from '../errors/rate-limited-error';

/**
 * Recent attempts per key in a sliding window, in bounded memory: at most `maxKeys` keys,
 * each holding at most `limit` timestamps (more would change no decision). When full, the
 * key updated least recently goes first; an attacker spraying keys to push a victim's out
 * is held back by the per-address window, which it meets long before.
 */
class SlidingWindow {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.attempts.size;
  }

  private recent(key: string, now: number): number[] {
    const times = this.attempts.get(key);
    if (!times) return [];
    const kept = times.filter((time) => now - time < this.windowMs);
    if (kept.length) this.attempts.set(key, kept);
    else this.attempts.delete(key);
    return kept;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string, now: number): number {
    const times = this.recent(key, now);
    return times.length >= this.limit ? times[times.length - this.limit] + this.windowMs - now : 0;
  }

  add(key: string, time: number): void {
    const times = this.recent(key, time);
    times.push(time);
    // Re-inserted, so Map order is least recently updated first.
    this.attempts.delete(key);
    this.attempts.set(key, times.slice(-this.limit));
    while (this.attempts.size > this.maxKeys) {
      const oldest = this.attempts.keys().next().value as string;
      this.attempts.delete(oldest);
    }
  }

  /** Takes back one attempt made at `time` (a login that succeeded or never got an answer). */
  remove(key: string, time: number): void {
    const times = this.attempts.get(key);
    const at = times?.lastIndexOf(time) ?? -1;
    if (!times || at < 0) return;
    times.splice(at, 1);
    if (!times.length) this.attempts.delete(key);
  }

  clear(key: string): void {
    this.attempts.delete(key);
  }
}

export interface LoginThrottleOptions {
  maxFailuresPerEmail: number;
  maxFailuresPerAddress: number;
  windowMs: number;
  /** Keys remembered per window; bounds the memory an attacker can make us use. */
  maxTrackedKeys?: number;
}

/** One login attempt, counted from the start so that a burst sent in parallel is counted too. */
export interface LoginAttempt {
  /** The password was right: this attempt does not count, and the email's failures are forgiven. */
  succeeded(): void;
  /** No answer was reached (the database failed): this attempt does not count. */
  abandoned(): void;
}

/**
 * Failed logins, throttled per email address and per client address, in this process's
 * memory. Several API processes each keep their own count, so the limits hold per process.
 */
export class LoginThrottle {
  private readonly byEmail: SlidingWindow;
  private readonly byAddress: SlidingWindow;

  constructor(
    options: LoginThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {
    const maxKeys = options.maxTrackedKeys ?? 10_000;
    this.byEmail = new SlidingWindow(options.maxFailuresPerEmail, options.windowMs, maxKeys);
    this.byAddress = new SlidingWindow(options.maxFailuresPerAddress, options.windowMs, maxKeys);
  }

  /** Keys held now, for tests of the memory bound. */
  get trackedKeys(): { emails: number; addresses: number } {
    return { emails: this.byEmail.size, addresses: this.byAddress.size };
  }

  /** Starts an attempt, or throws RateLimited when this email or this address has failed too often. */
  begin(email: string, address: string): LoginAttempt {
    const time = this.now();
    const retryAfterMs = Math.max(this.byEmail.retryAfterMs(email, time), this.byAddress.retryAfterMs(address, time));
    if (retryAfterMs > 0) throw new RateLimitedError(retryAfterMs);
    this.byEmail.add(email, time);
    this.byAddress.add(address, time);
    let settled = false;
    const takeBack = () => {
      if (settled) return;
      settled = true;
      this.byEmail.remove(email, time);
      this.byAddress.remove(address, time);
    };
    return {
      succeeded: () => {
        takeBack();
        this.byEmail.clear(email);
      },
      abandoned: takeBack,
    };
  }
}
