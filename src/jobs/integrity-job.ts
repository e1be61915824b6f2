import type { Config } from '../config';
import { IntegrityRunTrigger } from '../entities/integrity-run.entity';
import { IntegrityRunUnderWay } from '../integrity/integrity-report';
import type { IntegrityWatch } from './integrity-watch';
import type { Job } from './scheduler';

/** How often a daily schedule looks whether its time has come. */
const DAILY_LOOK_MS = 60_000;

/**
 * The scheduled integrity report (DATABASE_INTEGRITY_CHECKS): claimed once per interval, or
 * once a day at its local time, across every API process (the scheduler's claim), and run
 * exclusively on the watch's own connection: a run still going in another process when the
 * next interval comes makes that interval's run give way rather than stack a second report
 * on the database. Between every INTEGRITY_FULL_EVERY-th run, which reads all the data, it
 * reads the changes since the previous run. None when the schedule is off.
 */
export function integrityJobs(watch: IntegrityWatch, config: Pick<Config, 'integritySchedule' | 'hotelTimeZone' | 'integrityFullEvery'>): Job[] {
  const schedule = config.integritySchedule;
  if (schedule.kind === 'off') return [];
  return [
    {
      name: 'integrity report',
      intervalMs: schedule.kind === 'every' ? schedule.intervalMs : DAILY_LOOK_MS,
      daily: schedule.kind === 'daily' ? { at: schedule.at, timeZone: config.hotelTimeZone } : undefined,
      run: async () => {
        try {
          const report = await watch.run({ trigger: IntegrityRunTrigger.SCHEDULE, exclusive: true, incremental: { fullEvery: config.integrityFullEvery } });
          const failing = report.checks.filter((check) => !check.passed);
          return { runId: report.runId, ok: report.ok, failing: failing.length, newlyFailing: failing.filter((check) => check.newlyFailing).length };
        } catch (error) {
          if (error instanceof IntegrityRunUnderWay) return { skipped: 'the run of another process is still under way' };
          throw error;
        }
      },
    },
  ];
}
