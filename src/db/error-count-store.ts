import type { MinuteCount } from '../errors/error-history';
import type { ErrorCountStore, PendingCount, StoredStat } from '../errors/error-monitor';
import type { ControlPool } from './control-pool';

/** The error counts of every API process, in error_counts (per slice), error_minutes (the history) and error_totals, on the control connections. */
export function errorCountStore(control: ControlPool): ErrorCountStore {
  return {
    async add(counts: readonly PendingCount[]) {
      const columns = {
        category: counts.map((c) => c.category),
        code: counts.map((c) => c.code),
        constraint: counts.map((c) => c.constraint),
        slice: counts.map((c) => String(c.slice)),
        count: counts.map((c) => c.count),
        seen: counts.map((c) => c.lastSeenAt),
        minute: counts.map((c) => new Date(c.minute)),
      };
      const params = [columns.category, columns.code, columns.constraint, columns.slice, columns.count, columns.seen, columns.minute];
      const rows = `select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::timestamptz[], $7::timestamptz[]) as c(category, code, constraint_name, slice, count, seen, minute)`;
      await control.transaction(async (query) => {
        await query(
          `insert into error_counts (category, code, constraint_name, slice, count, last_seen_at)
           select category, code, constraint_name, slice, sum(count), max(seen) from (${rows}) r group by category, code, constraint_name, slice
           on conflict (category, code, constraint_name, slice)
           do update set count = error_counts.count + excluded.count, last_seen_at = greatest(error_counts.last_seen_at, excluded.last_seen_at)`,
          params,
        );
        await query(
          `insert into error_totals (category, code, constraint_name, total, last_seen_at)
           select category, code, constraint_name, sum(count), max(seen) from (${rows}) r group by category, code, constraint_name
           on conflict (category, code, constraint_name)
           do update set total = error_totals.total + excluded.total, last_seen_at = greatest(error_totals.last_seen_at, excluded.last_seen_at)`,
          params,
        );
        // Rows in key order, so two processes adding to the same minutes wait for each other rather than deadlock.
        await query(
          `insert into error_minutes (category, code, constraint_name, minute, count)
           select category, code, constraint_name, minute, sum(count) from (${rows}) r group by category, code, constraint_name, minute
           order by category, code, constraint_name, minute
           on conflict (category, code, constraint_name, minute)
           do update set count = error_minutes.count + excluded.count`,
          params,
        );
      });
    },

    async readMinutes(from: Date, to: Date): Promise<MinuteCount[]> {
      const rows = await control.query<{ category: string; code: string; constraint_name: string; minute: Date; count: number }>(
        `select category, code, constraint_name, minute, count from error_minutes where minute >= $1 and minute < $2`,
        [from, to],
      );
      return rows.map((row) => ({
        category: row.category as MinuteCount['category'],
        code: row.code as MinuteCount['code'],
        constraint: row.constraint_name,
        minute: row.minute,
        count: row.count,
      }));
    },

    async read(afterSlice: number): Promise<StoredStat[]> {
      const rows = await control.query<{ category: string; code: string; constraint_name: string; in_window: string; total: string; last_seen_at: Date }>(
        `select t.category, t.code, t.constraint_name, t.total::text, t.last_seen_at,
                coalesce((select sum(c.count) from error_counts c
                          where c.category = t.category and c.code = t.code and c.constraint_name = t.constraint_name and c.slice > $1), 0)::text as in_window
           from error_totals t`,
        [String(afterSlice)],
      );
      return rows.map((row) => ({
        category: row.category as StoredStat['category'],
        code: row.code as StoredStat['code'],
        constraint: row.constraint_name,
        countInWindow: Number(row.in_window),
        total: Number(row.total),
        lastSeenAt: row.last_seen_at,
      }));
    },

    async claimAlert(kind, now, windowMs) {
      const claimed = await control.query(
        `update error_totals set last_alert_at = $4
          where category = $1 and code = $2 and constraint_name = $3
            and (last_alert_at is null or last_alert_at <= $4::timestamptz - make_interval(secs => $5::float8 / 1000))
          returning 1`,
        [kind.category, kind.code, kind.constraint, now, windowMs],
      );
      return claimed.length === 1;
    },
  };
}
