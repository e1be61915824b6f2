import type { Config } from '../config';
import type { ControlPool } from '../db/control-pool';
import { WINDOW_SLICES } from '../errors/error-monitor';
import { COMPLETE_RUN } from '../integrity/integrity-runs';
import type { Job } from './scheduler';

/** Rows one statement removes: each stays well inside the control connections' statement timeout. */
const BATCH = 5_000;

/** Deletes, `batch` rows at a time, the rows `selectBatch` selects (its $1 is the batch size); returns how many. */
async function sweep(control: ControlPool, table: string, key: string, selectBatch: string, params: unknown[], batch = BATCH): Promise<number> {
  let removed = 0;
  for (;;) {
    const gone = await control.query(`delete from ${table} where ${key} in (${selectBatch}) returning 1`, [batch, ...params]);
    removed += gone.length;
    if (gone.length < batch) return removed;
  }
}

/** Integrity runs one statement removes: each takes its few hundred check results along (ON DELETE CASCADE). */
const RUN_BATCH = 50;

/** The jobs that keep the API's own tables from growing without bound. */
export function sweepJobs(control: ControlPool, config: Config, sliceOf: (time: number) => number): Job[] {
  return [
    {
      name: 'idempotency sweep',
      intervalMs: config.idempotencySweepIntervalMs,
      run: async () => ({
        removed: await sweep(control, 'idempotency_records', 'scoped_key', 'select scoped_key from idempotency_records where expires_at < now() limit $1', []),
      }),
    },
    {
      name: 'login attempts sweep',
      intervalMs: config.loginFailureWindowMs,
      run: async () => ({
        removed: await sweep(
          control,
          'login_attempts',
          'id',
          'select id from login_attempts where attempted_at < now() - make_interval(secs => $2::float8 / 1000) limit $1',
          [config.loginFailureWindowMs],
        ),
      }),
    },
    {
      name: 'webhook deliveries sweep',
      intervalMs: 3_600_000,
      run: async () => ({
        removed: await sweep(
          control,
          'webhook_deliveries',
          'id',
          `select id from webhook_deliveries where status <> 'PENDING' and created_at < now() - make_interval(secs => $2::float8 / 1000) limit $1`,
          [config.webhookRetentionMs],
        ),
      }),
    },
    {
      // What an incremental run can still need: the changes since the latest base it may start from; with none, nothing.
      name: 'integrity changes sweep',
      intervalMs: 600_000,
      run: async () => ({
        removed: await sweep(
          control,
          'integrity_changes',
          'id',
          `select id from integrity_changes where tx_id < coalesce(
             (select snapshot_xmin from integrity_runs where ${COMPLETE_RUN} and started_at > now() - make_interval(secs => $2::float8 / 1000) order by id desc limit 1),
             pg_snapshot_xmin(pg_current_snapshot()))
           limit $1`,
          [config.integrityRunRetentionMs],
        ),
      }),
    },
    {
      name: 'alert deliveries sweep',
      intervalMs: 3_600_000,
      run: async () => ({
        removed: await sweep(
          control,
          'alert_deliveries',
          'id',
          `select id from alert_deliveries where status <> 'PENDING' and created_at < now() - make_interval(secs => $2::float8 / 1000) limit $1`,
          [config.webhookRetentionMs],
        ),
      }),
    },
    {
      // The latest run stays whatever its age: what /metrics and the next run's newlyFailing compare with.
      name: 'integrity runs sweep',
      intervalMs: 3_600_000,
      run: async () => ({
        removed: await sweep(
          control,
          'integrity_runs',
          'id',
          `select id from integrity_runs where started_at < now() - make_interval(secs => $2::float8 / 1000)
             and id < (select max(id) from integrity_runs) order by id limit $1`,
          [config.integrityRunRetentionMs],
          RUN_BATCH,
        ),
      }),
    },
    {
      name: 'error counts sweep',
      intervalMs: config.errorFrequencyWindowMs,
      run: async () => {
        const oldest = String(sliceOf(Date.now()) - WINDOW_SLICES);
        const gone = await control.query('delete from error_counts where slice <= $1 returning 1', [oldest]);
        return { removed: gone.length };
      },
    },
    {
      // At most one row per kind and minute, kept ERROR_HISTORY_HOURS and ten minutes at most beyond.
      name: 'error history sweep',
      intervalMs: 600_000,
      run: async () => ({
        removed: await sweep(
          control,
          'error_minutes',
          '(category, code, constraint_name, minute)',
          'select category, code, constraint_name, minute from error_minutes where minute < now() - make_interval(secs => $2::float8 / 1000) limit $1',
          [config.errorHistoryMs],
        ),
      }),
    },
  ];
}
