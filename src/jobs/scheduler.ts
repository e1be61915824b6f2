import type { ControlPool } from '../db/control-pool';
import type { Logger } from '../logging/logger';

export interface Job {
  name: string;
  intervalMs: number;
  /** Does the work; what it returns is logged with the run. */
  run(): Promise<Record<string, unknown> | undefined>;
}

export interface Scheduler {
  /** Stops ticking and waits for the runs under way. */
  stop(): Promise<void>;
}

/**
 * Claims a job's next run: the scheduled_jobs row of a job is updated by the one process
 * that finds its last run at least an interval ago (PostgreSQL's clock, the same for
 * all), so each interval runs once however many API processes tick.
 */
async function claim(control: ControlPool, job: Job): Promise<boolean> {
  const claimed = await control.query(
    `insert into scheduled_jobs (name, last_run_at) values ($1, now())
     on conflict (name) do update set last_run_at = now()
       where scheduled_jobs.last_run_at <= now() - make_interval(secs => $2::float8 / 1000)
     returning 1`,
    [job.name, job.intervalMs],
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
