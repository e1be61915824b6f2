import { ErrorSeverity } from '../errors/error-code';
import type { CheckFinding, CheckProgress, IntegrityFindings } from './integrity-report';

/** What the table shows of a report, stored or not. */
type Tabled = Pick<IntegrityFindings, 'ok' | 'durationMs' | 'generatedAt'> & {
  checks: readonly Pick<CheckFinding, 'name' | 'passed' | 'severity' | 'violationCount' | 'sampleIds' | 'error' | 'description' | 'suggestedFix'>[];
};

/** Severities, worst first (the enum lists them mildest first), for sorting and summaries. */
const SEVERITY_ORDER: readonly ErrorSeverity[] = Object.values(ErrorSeverity).reverse();

const pad = (text: string, width: number) => text.padEnd(width);

/** One line per finished check, for stderr: `[ 12/182] FAIL orphan:payments.booking_id  3 violations  41 ms`. */
export function progressLine({ index, total, check, result }: CheckProgress): string {
  const position = `[${String(index + 1).padStart(String(total).length)}/${total}]`;
  if (!result) return `${position} ${check.name} …`;
  const outcome = result.error
    ? `FAIL ${result.error}`
    : result.passed
      ? 'ok'
      : `FAIL ${result.violationCount} violation${result.violationCount === 1 ? '' : 's'}`;
  return `${position} ${result.name}  ${outcome}  ${result.durationMs} ms`;
}

/**
 * The report as a table for people: every check on one line, then each failure with what
 * it found and what to do, then a summary line.
 */
export function reportTable(report: Tabled): string {
  const rows = report.checks.map((check) => [
    check.passed ? 'PASS' : 'FAIL',
    check.severity,
    String(check.violationCount),
    check.name,
    check.error ? 'did not run' : check.sampleIds.join(', '),
  ]);
  const header = ['result', 'severity', 'violations', 'check', 'sample ids'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : i === cells.length - 1 ? cell : pad(cell, widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];

  const failed = report.checks
    .filter((check) => !check.passed)
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.name.localeCompare(b.name));
  if (failed.length) {
    out.push('', 'Failures, worst first:');
    for (const check of failed) {
      out.push(
        '',
        `  ${check.name}  (${check.severity}, ${check.error ? 'did not run' : `${check.violationCount} violation${check.violationCount === 1 ? '' : 's'}`})`,
      );
      if (check.error) out.push(`    ${check.error}`);
      out.push(`    ${check.description}`);
      if (check.suggestedFix) out.push(`    Fix: ${check.suggestedFix}`);
    }
  }
  const bySeverity = SEVERITY_ORDER.map((severity) => [severity, failed.filter((check) => check.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  out.push(
    '',
    report.ok
      ? `OK: all ${report.checks.length} checks passed in ${report.durationMs} ms (snapshot of ${report.generatedAt.toISOString()}).`
      : `NOT OK: ${failed.length} of ${report.checks.length} checks failed (${bySeverity.join(', ')}) in ${report.durationMs} ms (snapshot of ${report.generatedAt.toISOString()}).`,
  );
  return `${out.join('\n')}\n`;
}
