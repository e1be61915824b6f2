import type { Config } from '../config';
import type { ControlPool } from '../db/control-pool';
import { Role } from '../entities/role';
import { type ErrorCategory, type ErrorCode, ErrorSeverity } from '../errors/error-code';
import type { Logger } from '../logging/logger';

/** The severities of integrity checks whose new failures raise alerts (CRITICAL errors always do). */
export const ALERTING_SEVERITIES: readonly ErrorSeverity[] = [ErrorSeverity.CRITICAL, ErrorSeverity.HIGH];

/** Whether a newly failing check of this severity raises an alert under this configuration. */
export const checkRaisesAlert = (config: Pick<Config, 'criticalErrorAlerts'>, severity: string): boolean =>
  config.criticalErrorAlerts && ALERTING_SEVERITIES.includes(severity as ErrorSeverity);

/** What an alert says happened: its log line's `alert`, its notification's kind and its POST's `alert.kind`. */
export enum AlertKind {
  CRITICAL_ERROR = 'CRITICAL_ERROR',
  INTEGRITY_CHECK_FAILING = 'INTEGRITY_CHECK_FAILING',
  INTEGRITY_CHECK_RECOVERED = 'INTEGRITY_CHECK_RECOVERED',
}

/** One CRITICAL error as the error monitor saw it: what the client was told, and the id that finds the rest in the log. */
export interface CriticalError {
  errorId: string;
  code: ErrorCode;
  category: ErrorCategory;
  constraint: string | null;
  /** The message the client was given, safe to pass on. */
  message: string;
  operation?: string;
  requestId?: string;
}

/** A check's result, as an integrity run stored it (IntegrityCheckResult has this shape). */
export interface CheckAlertInput {
  name: string;
  severity: string;
  passed: boolean;
  newlyFailing: boolean;
  violationCount: number;
  sampleIds: readonly string[];
  error: string | null;
}

/** One alert, as logged, told to the ADMIN desk and POSTed. */
interface Alert {
  key: string;
  kind: AlertKind;
  severity: ErrorSeverity;
  summary: string;
  /** The record the notification is about. */
  about: { entity: string; entityId: string };
  details: Record<string, unknown>;
}

export interface Alerts {
  /** Raises the alert of a CRITICAL error, once per kind within the window; in the background (the answer does not wait). */
  criticalError(error: CriticalError): void;
  /** Raises an alert for each newly failing CRITICAL or HIGH check of a stored run, and a recovery for each firing one that passed. */
  integrityRun(run: { runId: string; generatedAt: Date; checks: readonly CheckAlertInput[] }): Promise<void>;
  /** Waits for the alerts under way (at shutdown, before the connections close). */
  drain(): Promise<void>;
}

/** A raise is claimed when the key is not firing, or its last raise is older than the window. */
const CLAIM_RAISE = `insert into alert_states (key, firing, last_raised_at) values ($1, true, now())
  on conflict (key) do update set firing = true, last_raised_at = now()
  where not alert_states.firing or alert_states.last_raised_at <= now() - make_interval(secs => $2::float8 / 1000)
  returning key`;

/** A recovery is claimed by the one process that finds the key firing. */
const CLAIM_RECOVERIES = `update alert_states set firing = false, last_recovered_at = now() where key = any($1::text[]) and firing returning key`;

const ERROR_KEY = (error: CriticalError) => `error:${error.category}|${error.code}|${error.constraint ?? ''}`;
const CHECK_KEY = (name: string) => `check:${name}`;

/**
 * The alerts of CRITICAL_ERROR_ALERTS: every CRITICAL error, and every newly failing
 * CRITICAL or HIGH integrity check, raises one at once — an `alert` log line at error
 * level, a notification to the ADMIN desk, and with ALERT_WEBHOOK_URL a signed POST from the
 * outbox (alert_deliveries) — and a check that passes again sends its recovery. The claim
 * lives in PostgreSQL (alert_states), taken in the transaction that writes the notification
 * and the outbox row, so whichever process meets it first tells it, once per kind of error
 * or check within ALERT_DEDUP_WINDOW_SECONDS. Without the flag, nothing.
 */
export function createAlerts(control: ControlPool, config: Config, logger: Logger): Alerts {
  const under = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const tracked = work
      .catch((error) => logger.warn({ err: error }, 'an alert could not be raised; the log line above it stands'))
      .finally(() => under.delete(tracked));
    under.add(tracked);
    return tracked;
  };

  /** The notification and the outbox row of a claimed alert, on the claim's transaction. */
  const tell = async (query: ControlPool['query'], alert: Alert) => {
    await query(`insert into notifications (for_role, kind, message, entity, entity_id) values ($1, $2, $3, $4, $5)`, [
      Role.ADMIN,
      alert.kind,
      alert.summary,
      alert.about.entity,
      alert.about.entityId,
    ]);
    if (config.alertWebhookUrl) {
      await query(`insert into alert_deliveries (alert) values ($1::jsonb)`, [
        JSON.stringify({
          kind: alert.kind,
          key: alert.key,
          severity: alert.severity,
          summary: alert.summary,
          raisedAt: new Date().toISOString(),
          ...alert.details,
        }),
      ]);
    }
  };

  const logged = (alert: Alert) => ({ alert: alert.kind, key: alert.key, severity: alert.severity, ...alert.details });

  const raise = async (alert: Alert) => {
    const claimed = await control.transaction(async (query) => {
      const rows = await query(CLAIM_RAISE, [alert.key, config.alertDedupWindowMs]);
      if (rows.length) await tell(query, alert);
      return rows.length > 0;
    });
    if (claimed) logger.error(logged(alert), alert.summary);
    else logger.debug(logged(alert), 'alert already raised within the window');
  };

  const recover = async (alerts: readonly Alert[]) => {
    if (!alerts.length) return;
    const recovered = await control.transaction(async (query) => {
      const keys = new Set((await query<{ key: string }>(CLAIM_RECOVERIES, [alerts.map((alert) => alert.key)])).map((row) => row.key));
      const told = alerts.filter((alert) => keys.has(alert.key));
      for (const alert of told) await tell(query, alert);
      return told;
    });
    for (const alert of recovered) logger.warn(logged(alert), alert.summary);
  };

  if (!config.criticalErrorAlerts) return { criticalError: () => undefined, integrityRun: async () => undefined, drain: async () => undefined };

  return {
    criticalError(error) {
      void track(
        raise({
          key: ERROR_KEY(error),
          kind: AlertKind.CRITICAL_ERROR,
          severity: ErrorSeverity.CRITICAL,
          summary: `CRITICAL error ${error.code}${error.constraint ? ` (${error.constraint})` : ''} answered: ${error.message} The log has errorId ${error.errorId}.`,
          about: { entity: 'ERROR', entityId: error.errorId },
          details: {
            errorId: error.errorId,
            code: error.code,
            category: error.category,
            constraint: error.constraint,
            operation: error.operation ?? null,
            requestId: error.requestId ?? null,
          },
        }),
      );
    },
    async integrityRun(run) {
      const watched = run.checks.filter((check) => ALERTING_SEVERITIES.includes(check.severity as ErrorSeverity));
      const about = { entity: 'INTEGRITY_RUN', entityId: run.runId };
      const detailsOf = (check: CheckAlertInput) => ({
        check: check.name,
        runId: run.runId,
        ranAt: run.generatedAt.toISOString(),
        violationCount: check.violationCount,
        sampleIds: check.sampleIds,
        error: check.error,
      });
      await track(
        (async () => {
          for (const check of watched.filter((candidate) => candidate.newlyFailing)) {
            await raise({
              key: CHECK_KEY(check.name),
              kind: AlertKind.INTEGRITY_CHECK_FAILING,
              severity: check.severity as ErrorSeverity,
              summary: `Integrity check ${check.name} (${check.severity}) is newly failing: ${
                check.error ? 'it could not run' : `${check.violationCount} ${check.violationCount === 1 ? 'row breaks' : 'rows break'} it`
              } (run ${run.runId}). integrityRun(id: "${run.runId}") has the ids; repairIntegrity fixes what it can.`,
              about,
              details: detailsOf(check),
            });
          }
          await recover(
            watched
              .filter((check) => check.passed)
              .map((check) => ({
                key: CHECK_KEY(check.name),
                kind: AlertKind.INTEGRITY_CHECK_RECOVERED,
                severity: check.severity as ErrorSeverity,
                summary: `Integrity check ${check.name} (${check.severity}) passes again (run ${run.runId}).`,
                about,
                details: detailsOf(check),
              })),
          );
        })(),
      );
    },
    drain: async () => {
      await Promise.all([...under]);
    },
  };
}
