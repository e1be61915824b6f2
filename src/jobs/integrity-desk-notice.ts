import type { Config } from '../config';
import { IntegrityRunTrigger } from '../entities/integrity-run.entity';
import type { Logger } from '../logging/logger';
import { notifyIntegrityFailures } from '../services/notification.service';
import type { RunListener } from './integrity-watch';

/**
 * Tells the administrators' desk what a scheduled run found newly failing, in the
 * transaction that stores the run. Checks that raise an alert (alertsFor) are left to it:
 * each newly failing check is told once, by its alert or here.
 */
export function integrityDeskNotice(config: Config, logger: Logger, alertsFor: (severity: string) => boolean): RunListener {
  return {
    withRecord: async (tx, report, run) => {
      if (run.trigger !== IntegrityRunTrigger.SCHEDULE) return;
      const untold = report.checks.filter((check) => check.newlyFailing && !alertsFor(check.severity));
      notifyIntegrityFailures({ em: tx, caller: null, config, logger }, untold, report.generatedAt);
    },
  };
}
