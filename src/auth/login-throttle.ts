import type { ControlPool } from '../db/control-pool';
import { RateLimitedError } from '../errors/rate-limited-error';

export interface LoginThrottleOptions {
  maxFailuresPerEmail: number;
  maxFailuresPerAddress: number;
  windowMs: number;
}

/** One login attempt, counted from the start so that a burst sent in parallel is counted too. */
export interface LoginAttempt {
  /** The password was right: this attempt does not count, and the email's failures are forgiven. */
  succeeded(): Promise<void>;
  /** No answer was reached (the database failed): this attempt does not count. */
  abandoned(): Promise<void>;
}

interface KeyCount {
  key: string;
  attempts: string;
  /** When the attempt that decides a refusal (the limit-th newest) leaves the window. */
  frees_at: Date | null;
}

/**
 * Failed logins, throttled per email address and per client address over a sliding
 * window, in PostgreSQL (login_attempts): every API process counts into the same rows, so
 * the limits hold for all of them together. An attempt counts from the start; a success
 * or an attempt that got no answer takes itself back. Each key's attempts are counted and
 * added under its advisory lock, on the control connections and outside the login's own
 * transaction, so a refusal's count survives the refusal. Old rows are swept by a job.
 */
export class LoginThrottle {
  constructor(
    private readonly control: ControlPool,
    private readonly options: LoginThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts an attempt, or throws RateLimitedError when this email or this address has failed too often. */
  async begin(email: string, address: string): Promise<LoginAttempt> {
    const keys = [`email:${email}`, `address:${address}`];
    const limits = [this.options.maxFailuresPerEmail, this.options.maxFailuresPerAddress];
    const now = new Date(this.now());
    const ids = await this.control.transaction(async (query) => {
      // Both keys' locks, in one order, so two logins never wait on each other crosswise.
      await query('select pg_advisory_xact_lock(hashtextextended(k, 7)) from unnest($1::text[]) k order by k', [[...keys].sort()]);
      const counts = await query<KeyCount>(
        `select l.key, count(*)::text as attempts,
                (array_agg(l.attempted_at order by l.attempted_at desc))[max(k.limit_)] + make_interval(secs => $3::float8 / 1000) as frees_at
           from login_attempts l join unnest($1::text[], $2::int[]) k(key, limit_) on k.key = l.key
          where l.attempted_at > $4::timestamptz - make_interval(secs => $3::float8 / 1000)
          group by l.key`,
        [keys, limits, this.options.windowMs, now],
      );
      const retryAfterMs = Math.max(
        0,
        ...counts.map((count) => {
          const limit = limits[keys.indexOf(count.key)];
          return Number(count.attempts) >= limit && count.frees_at ? count.frees_at.getTime() - now.getTime() : 0;
        }),
      );
      if (retryAfterMs > 0) throw new RateLimitedError(retryAfterMs);
      const inserted = await query<{ id: string }>(`insert into login_attempts (key, attempted_at) select k, $2 from unnest($1::text[]) k returning id`, [
        keys,
        now,
      ]);
      return inserted.map((row) => row.id);
    });
    let settled = false;
    const takeBack = async (forgiveEmail: boolean) => {
      if (settled) return;
      settled = true;
      await this.control.query(`delete from login_attempts where id = any($1::bigint[]) ${forgiveEmail ? 'or key = $2' : ''}`, [
        ids,
        ...(forgiveEmail ? [keys[0]] : []),
      ]);
    };
    return { succeeded: () => takeBack(true), abandoned: () => takeBack(false) };
  }
}
