import type { Alerts } from '../services/alerts';
import type { RunListener } from './integrity-watch';

/** Raises the alerts of a stored integrity run, whoever started it: newly failing CRITICAL and HIGH checks, and recoveries. */
export function integrityAlerts(alerts: Alerts): RunListener {
  return { afterRecorded: (report) => alerts.integrityRun(report) };
}
