import type { Call } from '../api/graphql';
import type { IntegrityCheckResult, RepairIntegritySuccess } from '../api/types';
import { SampleIds } from '../components/sample-ids';
import { isRepairable, sampleTable } from './check-groups';
import { RepairPanel } from './repair-panel';

/** One failing check: what it found, where, what to do, and its repair when the API has one. */
export function CheckCard({ check, call, onRepaired }: { check: IntegrityCheckResult; call: Call; onRepaired: (repair: RepairIntegritySuccess) => void }) {
  const headingId = `check-${check.name.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <article class="check failing" aria-labelledby={headingId}>
      <header class="check-header">
        <h3 id={headingId}>
          <code>{check.name}</code>
        </h3>
        <span class={`badge severity-${check.severity.toLowerCase()}`}>{check.severity}</span>
        {check.newlyFailing && <span class="badge badge-new">newly failing</span>}
      </header>
      <p>{check.description}</p>
      <dl>
        <dt>Violations</dt>
        <dd class="violations">{check.violationCount}</dd>
        {check.sampleIds.length > 0 && (
          <>
            <dt>Sample ids</dt>
            <dd>
              <SampleIds ids={check.sampleIds} table={sampleTable(check)} linked />
            </dd>
          </>
        )}
        {check.error && (
          <>
            <dt>Could not run</dt>
            <dd>{check.error}</dd>
          </>
        )}
        {check.suggestedFix && (
          <>
            <dt>Suggested fix</dt>
            <dd>{check.suggestedFix}</dd>
          </>
        )}
      </dl>
      {isRepairable(check) && <RepairPanel check={check.name} call={call} onRepaired={onRepaired} />}
    </article>
  );
}
