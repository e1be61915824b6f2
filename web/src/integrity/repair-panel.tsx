import { useState } from 'preact/hooks';
import { type ApiError, asApiError, type Call, successOf } from '../api/graphql';
import { REPAIR_INTEGRITY } from '../api/operations';
import type { ClassifiedResult, RepairIntegritySuccess } from '../api/types';
import { ErrorNotice } from '../components/error-notice';

type RepairAnswer = { repairIntegrity: RepairIntegritySuccess | ClassifiedResult };

/**
 * A check's repair in two steps: a dry run that shows exactly what would change (the
 * API's own counts), then the confirmed repair, which the parent follows with a new report.
 */
export function RepairPanel({ check, call, onRepaired }: { check: string; call: Call; onRepaired: (repair: RepairIntegritySuccess) => void }) {
  const [preview, setPreview] = useState<RepairIntegritySuccess | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const id = check.replace(/[^a-z0-9]+/gi, '-');

  const repair = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await call<RepairAnswer>(REPAIR_INTEGRITY, { input: { check, dryRun, reason: reason.trim() || null } });
      const success = successOf(answer.repairIntegrity, 'RepairIntegritySuccess');
      if (dryRun) setPreview(success);
      else onRepaired(success);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="repair">
      {!preview && (
        <button type="button" onClick={() => repair(true)} disabled={busy}>
          Dry run repair
        </button>
      )}
      {error && <ErrorNotice error={error} title={`Repairing ${check} failed`} />}
      {preview && (
        <section class="repair-preview" aria-labelledby={`${id}-dry-run`}>
          <h4 id={`${id}-dry-run`}>Dry run: the repair would change</h4>
          {preview.actions.length === 0 ? (
            <p>Nothing: no row needs changing.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Table</th>
                  <th scope="col">Column</th>
                  <th scope="col">Rows</th>
                </tr>
              </thead>
              <tbody>
                {preview.actions.map((action) => (
                  <tr key={`${action.kind}/${action.table}/${action.column}/${action.constraint}`}>
                    <td>{action.description}</td>
                    <td>
                      <code>{action.table}</code>
                    </td>
                    <td>{action.column ? <code>{action.column}</code> : '—'}</td>
                    <td class="number">{action.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.actions.length > 0 && (
            <form
              class="confirm"
              onSubmit={(event) => {
                event.preventDefault();
                void repair(false);
              }}
            >
              <label for={`${id}-reason`}>Reason, for the audit trail (optional)</label>
              <input id={`${id}-reason`} value={reason} onInput={(event) => setReason(event.currentTarget.value)} maxLength={500} />
              <div class="actions">
                <button type="submit" class="danger" disabled={busy}>
                  Confirm repair
                </button>
                <button type="button" onClick={() => setPreview(null)} disabled={busy}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
