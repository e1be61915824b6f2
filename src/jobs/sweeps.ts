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

/** The moment a retention reaches back to: the retention is a sweep's $2, in milliseconds. */
const RETENTION_START = 'now() - make_interval(secs => $2::float8 / 1000)';
const OLDER_THAN = (column: string) => `${column} < ${RETENTION_START}`;

/** A job that removes, a batch at a time, the rows of `table` that `select` names by `key`. */
interface Sweep {
  name: string;
  intervalMs: number;
  table: string;
  key: string;
  /** Selects at most $1 keys; its further parameters are `params`. */
  select: string;
  params?: unknown[];
  batch?: number;
}

const jobOf = (control: ControlPool, { name, intervalMs, table, key, select, params = [], batch }: Sweep): Job => ({
  name,
  intervalMs,
  run: async () => ({ removed: await sweep(control, table, key, select, params, batch) }),
});

/** An outbox's rows once sent or given up, kept WEBHOOK_DELIVERY_RETENTION_DAYS for whoever looks into a delivery. */
const settledDeliveries = (table: string, config: Config): Sweep => ({
  name: `${table.replace('_', ' ')} sweep`,
  intervalMs: 3_600_000,
  table,
  key: 'id',
  select: `select id from ${table} where status <> 'PENDING' and ${OLDER_THAN('created_at')} limit $1`,
  params: [config.webhookRetentionMs],
});

/** The jobs that keep the API's own tables from growing without bound. */
export function sweepJobs(control: ControlPool, config: Config, sliceOf: (time: number) => number): Job[] {
  const sweeps: Sweep[] = [
    {
      name: 'idempotency sweep',
      intervalMs: config.idempotencySweepIntervalMs,
      table: 'idempotency_records',
      key: 'scoped_key',
      select: 'select scoped_key from idempotency_records where expires_at < now() limit $1',
    },
    {
      name: 'login attempts sweep',
      intervalMs: config.loginFailureWindowMs,
      table: 'login_attempts',
      key: 'id',
      select: `select id from login_attempts where ${OLDER_THAN('attempted_at')} limit $1`,
      params: [config.loginFailureWindowMs],
    },
    settledDeliveries('webhook_deliveries', config),
    {
      // What an incremental run can still need: the changes since the latest base it may start from; with none, nothing.
      name: 'integrity changes sweep',
      intervalMs: 600_000,
      table: 'integrity_changes',
      key: 'id',
      select: `select id from integrity_changes where tx_id < coalesce(
             (select snapshot_xmin from integrity_runs where ${COMPLETE_RUN} and started_at > ${RETENTION_START} order by id desc limit 1),
             pg_snapshot_xmin(pg_current_snapshot()))
           limit $1`,
      params: [config.integrityRunRetentionMs],
    },
    settledDeliveries('alert_deliveries', config),
    {
      // The latest run stays whatever its age: what /metrics and the next run's newlyFailing compare with.
      name: 'integrity runs sweep',
      intervalMs: 3_600_000,
      table: 'integrity_runs',
      key: 'id',
      select: `select id from integrity_runs where ${OLDER_THAN('started_at')}
             and id < (select max(id) from integrity_runs) order by id limit $1`,
      params: [config.integrityRunRetentionMs],
      batch: RUN_BATCH,
    },
    {
      // At most one row per kind and minute, kept ERROR_HISTORY_HOURS and ten minutes at most beyond.
      name: 'error history sweep',
      intervalMs: 600_000,
      table: 'error_minutes',
      key: '(category, code, constraint_name, minute)',
      select: `select category, code, constraint_name, minute from error_minutes where ${OLDER_THAN('minute')} limit $1`,
      params: [config.errorHistoryMs],
    },
  ];
  return [
    ...sweeps.map((each) => jobOf(control, each)),
    {
      name: 'error counts sweep',
      intervalMs: config.errorFrequencyWindowMs,
      run: async () => {
        const oldest = String(sliceOf(Date.now()) - WINDOW_SLICES);
        const gone = await control.query('delete from error_counts where slice <= $1 returning 1', [oldest]);
        return { removed: gone.length };
      },
    },
  ];
}
