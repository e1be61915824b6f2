import type { IntegrityCheckResult, IntegrityReport } from '../api/types';

/**
 * A long report runs in steps, one integrityReport(checks: [prefix]) each, so the page can
 * show how far it got. The kinds that read the catalog go first (fast); the fk_rule step
 * names every relation (`fk_rule:<table>.<column>`), and each relation also has an orphan
 * check, so the orphan checks (which read data) then run table by table; the business rules
 * last. Each step is a run of its own in the API's history (integrityRuns).
 */
const CATALOG_STEPS = ['fk_rule:', 'unindexed_fk:', 'not_valid:', 'check:', 'trigger:'] as const;
const RULE_STEP = 'rule:';
/** Stands for the orphan steps until the fk_rule step has named the tables. */
const ORPHAN_PLACEHOLDER = 'orphan:';

export interface ReportProgress {
  /** Steps finished. */
  done: number;
  /** Steps in the plan, as known so far (the orphan steps are counted once the tables are known). */
  total: number;
  /** The prefix running now. */
  current: string | null;
  checksRun: number;
}

/** The orphan steps for the relations the fk_rule checks named: one prefix per child table. */
export function orphanSteps(fkRuleChecks: readonly Pick<IntegrityCheckResult, 'name'>[]): string[] {
  const tables = new Set(fkRuleChecks.map((check) => check.name.slice('fk_rule:'.length).split('.')[0]));
  return [...tables].sort().map((table) => `orphan:${table}.`);
}

/** Runs every check, step by step; `runStep` asks the API for one prefix. Stops at the first step that fails. */
export async function runReportInSteps(
  runStep: (prefix: string) => Promise<IntegrityReport>,
  onProgress: (progress: ReportProgress) => void,
): Promise<IntegrityReport> {
  const plan: string[] = [...CATALOG_STEPS, ORPHAN_PLACEHOLDER, RULE_STEP];
  const checks: IntegrityCheckResult[] = [];
  let durationMs = 0;
  let last: IntegrityReport | undefined;
  for (let step = 0; step < plan.length; step++) {
    onProgress({ done: step, total: plan.length, current: plan[step], checksRun: checks.length });
    const report = await runStep(plan[step]);
    if (plan[step] === 'fk_rule:') plan.splice(plan.indexOf(ORPHAN_PLACEHOLDER), 1, ...orphanSteps(report.checks));
    checks.push(...report.checks);
    durationMs += report.durationMs;
    last = report;
  }
  onProgress({ done: plan.length, total: plan.length, current: null, checksRun: checks.length });
  return { runId: last!.runId, ok: checks.every((check) => check.passed), generatedAt: last!.generatedAt, durationMs, checks };
}
