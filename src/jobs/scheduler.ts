import type { ControlPool } from '../db/control-pool';
import type { Logger } from '../logging/logger';

export interface Job {
  name: string;
  /** How often it runs; for a daily job, how often each process looks whether it is due. */
  intervalMs: number;
  /** A daily job: due once a day at this local time (HH:MM in timeZone) rather than once per interval. */
  daily?: { at: string; timeZone: string };
  /** Does the work; what it returns is logged with the run. */
  run(): Promise<Record<string, unknown> | undefined>;
}

export interface Scheduler {
  /** Stops ticking and waits for the runs under way. */
  stop(): Promise<void>;
}

/**
 * The latest moment at or before now() that the local time `at` (HH:MM) came round in the
 * zone `zone` (both SQL expressions), as PostgreSQL reckons zones and daylight saving.
 */
const latestDailyMoment = (at: string, zone: string) => `(case when (now() at time zone ${zone})::time >= ${at}::time
    then ((now() at time zone ${zone})::date + ${at}::time) at time zone ${zone}
    else ((now() at time zone ${zone})::date - 1 + ${at}::time) at time zone ${zone} end)`;

/**
 * Claims a job's next run: the scheduled_jobs row of a job is updated by the one process
 * that finds its last run at least an interval ago (PostgreSQL's clock, the same for
 * all), or for a daily job, before the latest moment it was due; so each interval (each
 * day) runs once however many API processes tick.
 */
async function claim(control: ControlPool, job: Job): Promise<boolean> {
  const [due, params] = job.daily
    ? [`scheduled_jobs.last_run_at < ${latestDailyMoment('$2', '$3')}`, [job.daily.at, job.daily.timeZone]]
    : ['scheduled_jobs.last_run_at <= now() - make_interval(secs => $2::float8 / 1000)', [job.intervalMs]];
  const claimed = await control.query(
    `insert into scheduled_jobs (name, last_run_at) values ($1, now())
     on conflict (name) do update set last_run_at = now() where ${due}
     returning 1`,
    [job.name, ...params],
  );
  return claimed.length === 1;
}

/**
 * Runs each job once per interval across every API process: each process ticks several
 * times an interval and runs the job when it wins the claim. A run still under way in
 * this process skips its ticks.
 */
export function startScheduler(control: ControlPool, jobs: readonly Job[], logger: Logger): Scheduler {
  const running = new Map<string, Promise<void>>();
  const tick = async (job: Job) => {
    if (running.has(job.name)) return;
    const run = (async () => {
      try {
        if (!(await claim(control, job))) return;
        const started = performance.now();
        const outcome = await job.run();
        logger.info({ job: job.name, durationMs: Math.round(performance.now() - started), ...outcome }, 'scheduled job ran');
      } catch (error) {
        logger.warn({ err: error, job: job.name }, 'scheduled job failed; the next interval tries again');
      }
    })();
    running.set(job.name, run);
    await run;
    running.delete(job.name);
  };
  const timers = jobs.map((job) => {
    const every = Math.max(50, Math.min(job.intervalMs / 4, 60_000));
    return setInterval(() => void tick(job), every).unref();
  });
  return {
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
