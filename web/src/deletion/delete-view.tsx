import { useEffect, useRef, useState } from 'preact/hooks';
import { DELETE_CONFIRM, mayOpen } from '../access';
import { ApiError, asApiError, type Call } from '../api/graphql';
import { DELETE_IMPACT, DELETE_RECORD } from '../api/operations';
import type { DeleteImpact, DeleteRecordResult, Role } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import { navigate } from '../router';
import { DELETABLE_ENTITIES, type DeletableEntity, recordPath } from './entities';
import { ImpactTree } from './impact-tree';

interface Done {
  impact: DeleteImpact;
  auditEntryId: string;
}

function isEntity(value: string | null): value is DeletableEntity {
  return DELETABLE_ENTITIES.includes(value as DeletableEntity);
}

/**
 * Pick a record, see exactly what deleting it would do, and (ADMIN) confirm with a reason.
 * The delete names the preview's token: when the impact changed meanwhile, the API answers
 * the new impact (ImpactChangedError), shown here to confirm again.
 */
export function DeleteView({ call, role, params }: { call: Call; role: Role; params: URLSearchParams }) {
  const wantedEntity = params.get('entity');
  const wantedId = params.get('id') ?? '';
  const [entity, setEntity] = useState<DeletableEntity>(isEntity(wantedEntity) ? wantedEntity : 'CUSTOMER');
  const [id, setId] = useState(wantedId);
  const [impact, setImpact] = useState<DeleteImpact | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [changed, setChanged] = useState<ApiError | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const mayConfirm = mayOpen(DELETE_CONFIRM, role);

  const preview = async (of: DeletableEntity, key: string) => {
    setBusy(true);
    setError(null);
    setChanged(null);
    setDone(null);
    setImpact(null);
    try {
      setImpact((await call<{ deleteImpact: DeleteImpact }>(DELETE_IMPACT, { entity: of, id: key })).deleteImpact);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!isEntity(wantedEntity) || !wantedId) return;
    setEntity(wantedEntity);
    setId(wantedId);
    void preview(wantedEntity, wantedId);
  }, [wantedEntity, wantedId]);

  const onPreview = (event: Event) => {
    event.preventDefault();
    const key = id.trim();
    if (entity === wantedEntity && key === wantedId) void preview(entity, key);
    else navigate(recordPath(entity, key));
  };

  const onConfirm = async (event: Event) => {
    event.preventDefault();
    if (!impact) return;
    if (!reason.trim()) {
      setReasonMissing(true);
      reasonRef.current?.focus();
      return;
    }
    setReasonMissing(false);
    setBusy(true);
    setError(null);
    setChanged(null);
    try {
      const input = { entity: impact.entity, id: impact.id, impactToken: impact.token, reason: reason.trim() };
      const result = (await call<{ deleteRecord: DeleteRecordResult }>(DELETE_RECORD, { input })).deleteRecord;
      if (result.__typename === 'DeleteRecordSuccess' && 'auditEntry' in result) {
        setDone({ impact: result.impact, auditEntryId: result.auditEntry.id });
        setImpact(null);
        setReason('');
      } else if (result.__typename === 'ImpactChangedError' && 'impact' in result) {
        setImpact(result.impact);
        setChanged(new ApiError(result.message, result.code));
      } else if ('code' in result) {
        if (result.__typename === 'RestrictedError' && 'blockers' in result) setImpact({ ...impact, allowed: false, blockers: result.blockers });
        setError(new ApiError(result.message, result.code, undefined, result.fieldErrors));
      }
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const deleted = done?.impact.deletes.reduce((total, entry) => total + entry.count, 0) ?? 0;
  const cleared = done?.impact.nullifies.reduce((total, entry) => total + entry.count, 0) ?? 0;
  return (
    <>
      <h1>Delete preview</h1>
      <p class="lead">What deleting a record would remove, clear and be blocked by, row for row, before anything is deleted.</p>
      <form class="preview-form" onSubmit={onPreview}>
        <div class="field">
          <label for="delete-entity">Kind of record</label>
          <select id="delete-entity" value={entity} onChange={(event) => setEntity(event.currentTarget.value as DeletableEntity)}>
            {DELETABLE_ENTITIES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="delete-id">Record id</label>
          <input id="delete-id" value={id} onInput={(event) => setId(event.currentTarget.value)} required inputMode="numeric" autoComplete="off" />
        </div>
        <button type="submit" disabled={busy}>
          Preview
        </button>
      </form>
      {error && <ErrorNotice error={error} title="That did not work" />}
      {done && (
        <p class="notice notice-success" role="status">
          Deleted {done.impact.entity} {done.impact.id}: {deleted} {deleted === 1 ? 'row' : 'rows'} removed, {cleared}{' '}
          {cleared === 1 ? 'reference' : 'references'} cleared. Audit entry {done.auditEntryId}.
        </p>
      )}
      {changed && <ErrorNotice error={changed} title="The impact changed since the preview: this is the new one. Confirm again to delete it." />}
      {impact && <ImpactTree impact={impact} linkBlockers />}
      {impact && !mayConfirm && (
        <p class="notice">Deleting needs the ADMIN role; you are signed in as {role}. This preview is what an administrator would confirm.</p>
      )}
      {impact && mayConfirm && impact.allowed && (
        <form class="confirm" onSubmit={onConfirm} noValidate>
          <h2>Confirm the delete</h2>
          <label for="delete-reason">Reason (required; kept in the audit trail)</label>
          <textarea
            id="delete-reason"
            ref={reasonRef}
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
            required
            maxLength={500}
            rows={2}
            aria-invalid={reasonMissing || undefined}
            aria-describedby={reasonMissing ? 'delete-reason-error' : undefined}
          />
          {reasonMissing && (
            <p id="delete-reason-error" class="field-error" role="alert">
              Give the reason for this delete: it is kept in the audit trail.
            </p>
          )}
          <button type="submit" class="danger" disabled={busy}>
            Delete {impact.entity} {impact.id}
          </button>
        </form>
      )}
    </>
  );
}
