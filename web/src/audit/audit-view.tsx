import { useEffect, useState } from 'preact/hooks';
import { type ApiError, asApiError, type Call } from '../api/graphql';
import { AUDIT_ENTRIES } from '../api/operations';
import type { AuditEntryPage } from '../api/types';

import { ErrorNotice } from '../components/error-notice';

const PAGE_SIZE = 20;

interface Filter {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  from: string;
  to: string;
}

const NO_FILTER: Filter = { actor: '', action: '', entity: '', entityId: '', from: '', to: '' };

const FIELDS: { key: keyof Filter; label: string; type: 'text' | 'datetime-local' }[] = [
  { key: 'actor', label: 'Actor (part of the label: an email, user:3, token:7)', type: 'text' },
  { key: 'action', label: 'Action', type: 'text' },
  { key: 'entity', label: 'Entity', type: 'text' },
  { key: 'entityId', label: 'Record id', type: 'text' },
  { key: 'from', label: 'From', type: 'datetime-local' },
  { key: 'to', label: 'To', type: 'datetime-local' },
];

/** The filter as auditEntries takes it: empty fields left out, local date-times as instants. */
function apiFilter(filter: Filter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, type } of FIELDS) {
    const value = filter[key].trim();
    if (value) out[key] = type === 'datetime-local' ? new Date(value).toISOString() : value;
  }
  return out;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The audit trail, newest first: filterable, a page at a time, each entry with the before and after of what it changed. */
export function AuditView({ call }: { call: Call }) {
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  /** The cursors of the pages before this one: the first page has none. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<AuditEntryPage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  /** Bumped by Filter: the same filter asked again reads the trail anew. */
  const [asked, setAsked] = useState(0);
  const after = cursors[cursors.length - 1];

  useEffect(() => {
    let open = true;
    setBusy(true);
    call<{ auditEntries: AuditEntryPage }>(AUDIT_ENTRIES, { first: PAGE_SIZE, after, filter: apiFilter(filter) })
      .then(
        (answer) => {
          if (!open) return;
          setPage(answer.auditEntries);
          setError(null);
        },
        (caught) => {
          if (open) setError(asApiError(caught));
        },
      )
      .finally(() => {
        if (open) setBusy(false);
      });
    return () => {
      open = false;
    };
  }, [filter, after, asked, call]);

  const first = (cursors.length - 1) * PAGE_SIZE + 1;
  return (
    <>
      <h1>Audit trail</h1>
      <p class="lead">Every administrative change, newest first: who, what, on which record, why, and each changed field before and after.</p>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
          setCursors([null]);
          setAsked(asked + 1);
        }}
      >
        {FIELDS.map(({ key, label, type }) => (
          <div class="field" key={key}>
            <label for={`audit-${key}`}>{label}</label>
            <input id={`audit-${key}`} type={type} value={draft[key]} onInput={(event) => setDraft({ ...draft, [key]: event.currentTarget.value })} />
          </div>
        ))}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Filter
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(NO_FILTER);
              setFilter(NO_FILTER);
              setCursors([null]);
              setAsked(asked + 1);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {error && <ErrorNotice error={error} title="The audit trail could not be read" />}
      {page && (
        <>
          <p class="summary" role="status">
            {page.totalCount === 0 ? 'No audit entries match.' : `Entries ${first}–${first + page.nodes.length - 1} of ${page.totalCount}, newest first.`}
          </p>
          {page.nodes.length > 0 && (
            <div class="table-scroll">
              <table class="audit">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Action</th>
                    <th scope="col">Record</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Changes</th>
                  </tr>
                </thead>
                <tbody>
                  {page.nodes.map((entry) => (
                    <tr key={entry.id} data-entry-id={entry.id}>
                      <td>{new Date(entry.createdAt).toLocaleString()}</td>
                      <td>{entry.actor}</td>
                      <td>
                        <code>{entry.action}</code>
                      </td>
                      <td>
                        {entry.entity}
                        {entry.entityId ? ` ${entry.entityId}` : ''}
                      </td>
                      <td>{entry.reason ?? '—'}</td>
                      <td>
                        {entry.changes.length === 0 ? (
                          '—'
                        ) : (
                          <ul class="changes">
                            {entry.changes.map((change) => (
                              <li key={change.field}>
                                <code>{change.field}</code>:{' '}
                                <del>
                                  <span class="visually-hidden">before: </span>
                                  {shown(change.before)}
                                </del>{' '}
                                →{' '}
                                <ins>
                                  <span class="visually-hidden">after: </span>
                                  {shown(change.after)}
                                </ins>
                              </li>
                            ))}
                          </ul>
                        )}
                        {Object.keys(entry.details).length > 0 && (
                          <details class="entry-details">
                            <summary>Details</summary>
                            <pre>
                              <code>{JSON.stringify(entry.details, null, 1)}</code>
                            </pre>
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav class="pager" aria-label="Audit pages">
            <button type="button" onClick={() => setCursors(cursors.slice(0, -1))} disabled={busy || cursors.length === 1}>
              Newer
            </button>
            <button type="button" onClick={() => setCursors([...cursors, page.pageInfo.endCursor])} disabled={busy || !page.pageInfo.hasNextPage}>
              Older
            </button>
          </nav>
        </>
      )}
    </>
  );
}
