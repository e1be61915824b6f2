import type { IntegrityCheckResult, Severity } from '../api/types';

export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** The checks of one kind and one severity. */
export interface CheckGroup {
  kind: string;
  severity: Severity;
  failing: IntegrityCheckResult[];
  passing: IntegrityCheckResult[];
}

const rank = (severity: Severity) => SEVERITIES.indexOf(severity);

/**
 * The report as a person reads it: groups by (kind, severity), those with failing checks
 * first (the most severe first, then the most violations), the failing checks of a group
 * by violations; the passing groups after, in the report's order of kinds.
 */
export function groupChecks(checks: readonly IntegrityCheckResult[]): CheckGroup[] {
  const kinds = [...new Set(checks.map((check) => check.kind))];
  const groups = new Map<string, CheckGroup>();
  for (const check of checks) {
    const key = `${check.kind}/${check.severity}`;
    const group = groups.get(key) ?? { kind: check.kind, severity: check.severity, failing: [], passing: [] };
    groups.set(key, group);
    (check.passed ? group.passing : group.failing).push(check);
  }
  const violations = (group: CheckGroup) => group.failing.reduce((sum, check) => sum + check.violationCount, 0);
  for (const group of groups.values()) group.failing.sort((a, b) => b.violationCount - a.violationCount || a.name.localeCompare(b.name));
  return [...groups.values()].sort((a, b) => {
    const failingFirst = Number(b.failing.length > 0) - Number(a.failing.length > 0);
    if (failingFirst) return failingFirst;
    if (a.failing.length) return rank(a.severity) - rank(b.severity) || violations(b) - violations(a) || kinds.indexOf(a.kind) - kinds.indexOf(b.kind);
    return kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || rank(a.severity) - rank(b.severity);
  });
}

/** Which table a check's sample ids are rows of, when it says: orphan checks by name, the others by "Ids are <table>." */
export function sampleTable(check: Pick<IntegrityCheckResult, 'name' | 'description'>): string | undefined {
  if (check.name.startsWith('orphan:')) return check.name.slice('orphan:'.length).split('.')[0];
  return /Ids are ([a-z_]+)[.,]/.exec(check.description)?.[1];
}

/** The kinds of check repairIntegrity mends. */
export function isRepairable(check: Pick<IntegrityCheckResult, 'kind' | 'passed'>): boolean {
  return !check.passed && (check.kind === 'ORPHAN' || check.kind === 'NOT_VALID');
}
