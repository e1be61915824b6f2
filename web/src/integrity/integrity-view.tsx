import { useRef, useState } from 'preact/hooks';
import { type ApiError, asApiError, type Call } from '../api/graphql';
import { INTEGRITY_REPORT } from '../api/operations';
import type { IntegrityReport, RepairIntegritySuccess } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import { CheckCard } from './check-card';
import { type CheckGroup, groupChecks } from './check-groups';
import { type ReportProgress, runReportInSteps } from './report-plan';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function GroupSection({ group, call, onRepaired }: { group: CheckGroup; call: Call; onRepaired: (repair: RepairIntegritySuccess) => void }) {
  const id = `group-${group.kind}-${group.severity}`.toLowerCase();
  return (
    <section class={`check-group${group.failing.length ? ' has-failing' : ''}`} aria-labelledby={id}>
      <div class="group-header">
        <h2 id={id}>
          {group.kind} · {group.severity}
        </h2>
        <p class="group-counts">
          {group.failing.length} failing · {group.passing.length} passing
        </p>
      </div>
      {group.failing.map((check) => (
        <CheckCard key={check.name} check={check} call={call} onRepaired={onRepaired} />
      ))}
      {group.passing.length > 0 && (
        <details>
          <summary>{plural(group.passing.length, 'passing check')}</summary>
          <ul class="passing-checks">
            {group.passing.map((check) => (
              <li key={check.name}>
                <code>{check.name}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The integrity report, run step by step with its progress shown, failing checks first, each repairable one with its dry run. */
export function IntegrityView({ call }: { call: Call }) {
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [progress, setProgress] = useState<ReportProgress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [repaired, setRepaired] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const repairedRef = useRef<HTMLParagraphElement>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const answer = await runReportInSteps(
        async (prefix) => (await call<{ integrityReport: IntegrityReport }>(INTEGRITY_REPORT, { checks: [prefix] })).integrityReport,
        setProgress,
      );
      setReport(answer);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setRunning(false);
    }
  };

  const onRepaired = (repair: RepairIntegritySuccess) => {
    const what = repair.actions.map((action) => action.description).join(' ');
    setRepaired(`Repaired ${repair.check}: ${what}${repair.auditEntry ? ` Audit entry ${repair.auditEntry.id}.` : ''} The report runs again.`);
    setReport(null);
    queueMicrotask(() => repairedRef.current?.focus());
    void run();
  };

  const failing = report?.checks.filter((check) => !check.passed) ?? [];
  return (
    <>
      <h1>Integrity</h1>
      <p class="lead">
        Every check of the integrity report: orphans, foreign keys and their delete rules, indexes, constraints, triggers and the hotel's business rules.
      </p>
      <button type="button" class="primary" onClick={run} disabled={running}>
        {report ? 'Run the report again' : 'Run the report'}
      </button>
      {repaired && (
        <p class="notice notice-success" role="status" tabIndex={-1} ref={repairedRef}>
          {repaired}
        </p>
      )}
      {running && progress && (
        <div class="progress" role="status">
          <label for="report-progress">
            Step {Math.min(progress.done + 1, progress.total)} of {progress.total}
            {progress.current ? (
              <>
                : <code>{progress.current}</code>
              </>
            ) : null}{' '}
            · {plural(progress.checksRun, 'check')} run
          </label>
          <progress id="report-progress" max={progress.total} value={progress.done} />
        </div>
      )}
      {error && <ErrorNotice error={error} title="The report could not finish" />}
      {report && (
        <>
          <p class={`summary ${report.ok ? 'summary-ok' : 'summary-failing'}`} role="status">
            {report.ok ? `All ${report.checks.length} checks pass.` : `${failing.length} of ${report.checks.length} checks fail.`} Ran in {report.durationMs}{' '}
            ms, finished {new Date(report.generatedAt).toLocaleString()}.
          </p>
          {groupChecks(report.checks).map((group) => (
            <GroupSection key={`${group.kind}/${group.severity}`} group={group} call={call} onRepaired={onRepaired} />
          ))}
        </>
      )}
    </>
  );
}
