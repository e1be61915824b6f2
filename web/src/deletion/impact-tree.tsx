import type { DeleteImpact, ImpactEntry } from '../api/types';
import { SampleIds } from '../components/sample-ids';
import { type DeletableEntity, tableOf } from './entities';

const rows = (count: number) => `${count} ${count === 1 ? 'row' : 'rows'}`;
const sum = (entries: readonly { count: number }[]) => entries.reduce((total, entry) => total + entry.count, 0);

/** The record's own table first, the rest as the API lists them. */
function rootFirst(entries: readonly ImpactEntry[], rootTable: string): ImpactEntry[] {
  return [...entries].sort((a, b) => Number(b.table === rootTable) - Number(a.table === rootTable));
}

/** deleteImpact as a tree: what the delete removes per table, the references it clears, what blocks it. */
export function ImpactTree({ impact, linkBlockers }: { impact: DeleteImpact; linkBlockers: boolean }) {
  const deleted = sum(impact.deletes);
  return (
    <section class="impact" aria-labelledby="impact-heading">
      <h2 id="impact-heading">
        Deleting {impact.entity} {impact.id}
      </h2>
      <p class={`impact-verdict ${impact.allowed ? 'allowed' : 'blocked'}`}>
        {impact.allowed
          ? `Allowed: ${rows(deleted)} in ${impact.deletes.length} ${impact.deletes.length === 1 ? 'table' : 'tables'} would be deleted.`
          : `Blocked: ${rows(sum(impact.blockers))} still depend on it (ON DELETE RESTRICT); nothing can be deleted until they are dealt with.`}
      </p>
      <ul class="tree">
        <li>
          <span class="branch">Deletes · {rows(deleted)}</span>
          <ul>
            {rootFirst(impact.deletes, tableOf(impact.entity as DeletableEntity)).map((entry) => (
              <li key={entry.table}>
                <code>{entry.table}</code>: {rows(entry.count)}
              </li>
            ))}
          </ul>
        </li>
        <li>
          <span class="branch">Clears references (SET NULL) · {rows(sum(impact.nullifies))}</span>
          <ul>
            {impact.nullifies.length === 0 && <li class="none">none</li>}
            {impact.nullifies.map((entry) => (
              <li key={`${entry.table}.${entry.column}`}>
                <code>
                  {entry.table}.{entry.column}
                </code>
                : {rows(entry.count)}
              </li>
            ))}
          </ul>
        </li>
        <li>
          <span class="branch">Blocked by (RESTRICT) · {rows(sum(impact.blockers))}</span>
          <ul>
            {impact.blockers.length === 0 && <li class="none">none</li>}
            {impact.blockers.map((blocker) => (
              <li key={`${blocker.table}.${blocker.column}`}>
                <code>
                  {blocker.table}.{blocker.column}
                </code>
                : {rows(blocker.count)}, among them
                <SampleIds ids={blocker.sampleIds} table={blocker.table} linked={linkBlockers} />
              </li>
            ))}
          </ul>
        </li>
      </ul>
      <p class="token">
        Impact token <code>{impact.token}</code>
      </p>
    </section>
  );
}
