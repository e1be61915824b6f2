import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IntegrityRunOutcome, IntegrityRunTrigger } from '../../src/entities/integrity-run.entity';
import { ErrorSeverity } from '../../src/errors/error-code';
import { useTestApi } from '../support/test-api';

const RULES = readFileSync(path.join(__dirname, '..', '..', 'ops', 'prometheus', 'alerts.yml'), 'utf8');

let exposition: string;
const t = useTestApi({ config: { integritySchedule: { kind: 'every', intervalMs: 900_000 } } });
beforeAll(async () => {
  // A run and an error, so that every labelled series has a value to show.
  await t.graphql('{ integrityReport(checks: ["rule:"]) { ok } }');
  await t.graphql('{ rooms(first: 500) { totalCount } }');
  await t.api.errorMonitor.flush();
  exposition = await (await fetch(t.url.replace(/\/graphql$/, '/metrics'))).text();
});

describe('ops/prometheus/alerts.yml', () => {
  it('names only metrics /metrics exports, each with series to alert on', () => {
    const named = [...new Set(RULES.match(/\bhotel_[a-z_]+\b/g))].sort();
    expect(named).toEqual([
      'hotel_database_up',
      'hotel_error_frequency_threshold',
      'hotel_errors_in_window',
      'hotel_integrity_check_failing',
      'hotel_integrity_last_run_timestamp_seconds',
      'hotel_integrity_runs_total',
      'hotel_integrity_schedule_interval_seconds',
    ]);
    for (const name of named) {
      expect({ name, typed: exposition.includes(`# TYPE ${name} `) }).toEqual({ name, typed: true });
      expect({ name, series: new RegExp(`^${name}(\\{[^}]*\\})? `, 'm').test(exposition) }).toEqual({ name, series: true });
    }
  });

  it('matches label values as the code spells them', () => {
    const values = (label: string) => [...new Set([...RULES.matchAll(new RegExp(`\\b${label}="([^"]+)"`, 'g'))].map((match) => match[1]))];
    expect(values('severity').every((value) => Object.values(ErrorSeverity).includes(value as ErrorSeverity))).toBe(true);
    expect(values('trigger').every((value) => Object.values(IntegrityRunTrigger).includes(value as IntegrityRunTrigger))).toBe(true);
    expect(values('outcome').every((value) => Object.values(IntegrityRunOutcome).includes(value as IntegrityRunOutcome))).toBe(true);
    expect([...values('severity'), ...values('trigger'), ...values('outcome')].sort()).toEqual(['ABORTED', 'CRITICAL', 'SCHEDULE']);
  });
});
