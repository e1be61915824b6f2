import { Counter, Gauge, type Registry } from 'prom-client';
import type { Config } from '../config';
import type { ControlPool } from '../db/control-pool';
import type { ErrorMonitor, ErrorStat } from '../errors/error-monitor';
import { integrityStanding, type LatestCheckResult } from '../integrity/integrity-runs';

/** What the scrape read from PostgreSQL; undefined parts could not be read. */
interface Standing {
  integrity?: Awaited<ReturnType<typeof integrityStanding>>;
  errors?: ErrorStat[];
}

/** The seconds between two scheduled integrity runs: 0 when off, a day for a daily time. */
export function scheduleIntervalSeconds(schedule: Config['integritySchedule']): number {
  if (schedule.kind === 'off') return 0;
  return schedule.kind === 'every' ? schedule.intervalMs / 1000 : 86_400;
}

/**
 * The metrics every API process reads from PostgreSQL at scrape time, so that each tells
 * the same truth whichever Prometheus scrapes (alert on `max` across instances): the
 * integrity history's latest results and runs, the runs by outcome since counting began
 * (integrity_run_totals, never swept: a counter that never falls), the errors within the
 * sliding window every process shares, and whether the database answered the scrape at
 * all. A scrape the database cannot answer leaves the shared figures out and says so in
 * hotel_database_up, rather than failing the whole of /metrics.
 */
export function registerSharedMetrics(registry: Registry, deps: { control: ControlPool; errorMonitor: ErrorMonitor; config: Config }): void {
  const { control, errorMonitor, config } = deps;
  // One reading per scrape: a scrape collects the metrics in the order they were registered, each
  // collect called at once, so the first (hotel_database_up) reads afresh and the others share its reading.
  let reading: Promise<Standing> | undefined;
  const readAfresh = (): Promise<Standing> => {
    reading = Promise.all([integrityStanding(control.query).catch(() => undefined), errorMonitor.stats().catch(() => undefined)]).then(
      ([integrity, errors]) => ({ integrity, errors }),
    );
    return reading;
  };
  const read = () => reading ?? readAfresh();
  const registers = [registry];
  const checkLabels = ['check', 'kind', 'severity'] as const;

  /** A gauge set afresh at each scrape from the shared reading: one value per series `series` lists. */
  const fromReading = <L extends string>(
    spec: { name: string; help: string; labelNames: readonly L[] },
    series: (standing: Standing) => Iterable<readonly [Partial<Record<L, string>>, number]>,
  ) =>
    new Gauge<L>({
      ...spec,
      registers,
      async collect() {
        const standing = await read();
        this.reset();
        for (const [labels, value] of series(standing)) this.set(labels, value);
      },
    });
  const checkLabelsOf = (check: LatestCheckResult) => ({ check: check.name, kind: check.kind, severity: check.severity });

  new Gauge({
    name: 'hotel_database_up',
    help: 'Whether PostgreSQL answered this scrape’s reads (1) or not (0), on the control connections, as /readyz asks it.',
    registers,
    async collect() {
      const { integrity, errors } = await readAfresh();
      this.set(integrity && errors ? 1 : 0);
    },
  });
  fromReading(
    {
      name: 'hotel_integrity_check_violations',
      help: 'Rows breaking each integrity check in its latest stored run (1 for a wrong constraint, index or trigger), by check, kind and severity.',
      labelNames: checkLabels,
    },
    ({ integrity }) => (integrity?.checks ?? []).map((check) => [checkLabelsOf(check), check.violationCount] as const),
  );
  fromReading(
    {
      name: 'hotel_integrity_check_failing',
      help: 'Whether each integrity check failed (1) or passed (0) in its latest stored run; a check that could not run counts as failed.',
      labelNames: checkLabels,
    },
    ({ integrity }) => (integrity?.checks ?? []).map((check) => [checkLabelsOf(check), check.passed ? 0 : 1] as const),
  );
  fromReading(
    {
      name: 'hotel_integrity_last_run_timestamp_seconds',
      help: 'When the latest stored integrity run of each trigger (SCHEDULE, API, CLI) finished, in Unix seconds.',
      labelNames: ['trigger'],
    },
    ({ integrity }) => (integrity?.runs ?? []).map((run) => [{ trigger: run.trigger }, run.finishedAt.getTime() / 1000] as const),
  );
  fromReading(
    {
      name: 'hotel_integrity_last_run_duration_seconds',
      help: 'How long the latest stored integrity run of each trigger took, in seconds.',
      labelNames: ['trigger'],
    },
    ({ integrity }) => (integrity?.runs ?? []).map((run) => [{ trigger: run.trigger }, run.durationMs / 1000] as const),
  );
  new Counter({
    name: 'hotel_integrity_runs_total',
    help: 'Integrity runs stored since counting began, by every process and the CLI, by outcome (PASSED, VIOLATIONS, CHECK_ERRORS, ABORTED).',
    labelNames: ['outcome'],
    registers,
    async collect() {
      const { integrity } = await read();
      this.reset();
      for (const total of integrity?.totals ?? []) this.inc({ outcome: total.outcome }, total.total);
    },
  });
  new Gauge({
    name: 'hotel_integrity_schedule_interval_seconds',
    help: 'The seconds between two scheduled integrity runs (DATABASE_INTEGRITY_CHECKS): 0 when off, 86400 for a daily time.',
    registers,
    collect() {
      this.set(scheduleIntervalSeconds(config.integritySchedule));
    },
  });
  fromReading(
    {
      name: 'hotel_errors_in_window',
      help: 'Errors answered within the sliding window (ERROR_FREQUENCY_WINDOW_SECONDS) by every API process together, by category, code and constraint: what errorStats and the frequency alert count.',
      labelNames: ['category', 'code', 'constraint'],
    },
    ({ errors }) =>
      (errors ?? []).map((stat) => [{ category: stat.category, code: stat.code, constraint: stat.constraint ?? '' }, stat.countInWindow] as const),
  );
  new Gauge({
    name: 'hotel_error_frequency_threshold',
    help: 'ERROR_FREQUENCY_THRESHOLD: one kind of error more often than this within the window raises the frequency alert.',
    registers,
    collect() {
      this.set(config.errorFrequencyThreshold);
    },
  });
  new Gauge({
    name: 'hotel_error_frequency_window_seconds',
    help: 'ERROR_FREQUENCY_WINDOW_SECONDS: the sliding window hotel_errors_in_window counts over.',
    registers,
    collect() {
      this.set(config.errorFrequencyWindowMs / 1000);
    },
  });
}
