import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { declaredConstraints } from '../../src/integrity/declared-constraints';
import { failing, oneOfEverything, repairOf, reportOf } from '../support/integrity-fixtures';
import { useTestDatabase } from '../support/test-database';

const ROOT = path.join(__dirname, '..', '..');

/** Runs one of the npm scripts' entry points as `npm run` would, against `databaseUrl`. */
function runScript(script: string, args: string[], databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './scripts/register-ts.cjs', script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

let ids: Record<string, number>;
const bad: Record<string, number> = {};

const h = useTestDatabase();
/**
 * A database as an older system would hand it over: the tables of the model, none of their
 * foreign keys or CHECKs, and data that breaks some of them.
 */
beforeAll(async () => {
  const constraints = await h.rows<{ table: string; name: string }>(`
    select conrelid::regclass::text as table, conname as name from pg_constraint
    where connamespace = current_schema()::regnamespace and contype in ('f', 'c') order by contype desc`);
  for (const c of constraints) await h.sql.query(`alter table "${c.table}" drop constraint "${c.name}"`);
  ids = await oneOfEverything(h.sql);
  const insert = async (statement: string, params: unknown[]) => (await h.sql.query(`${statement} returning id`, params)).rows[0].id as number;
  bad.orphanStay = await insert(
    `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values ($1, 2000000000, '2035-01-01', '2035-01-03', 1, 200)`,
    [ids.rooms],
  );
  bad.orphanStayPayment = await insert(`insert into payments (booking_id, amount, currency, method) values ($1, 40, 'EUR', 'CASH')`, [bad.orphanStay]);
  bad.zeroPayment = await insert(`insert into payments (booking_id, amount, currency, method, processed_by_id) values ($1, 0, 'EUR', 'CASH', 2000000001)`, [
    ids.bookings,
  ]);
  bad.cancelledSilently = await insert(
    `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, status, total_amount) values ($1, $2, '2035-02-01', '2035-02-03', 1, 'CANCELLED', 0)`,
    [ids.rooms, ids.customers],
  );
});

describe('npm run integrity:adopt on a database loaded without its constraints', () => {
  it('adds every declared foreign key and CHECK NOT VALID, prints the report of the old data and the next steps', async () => {
    const { code, stdout, stderr } = await runScript('scripts/integrity-adopt.ts', [], h.url);
    expect({ code, stderr: stderr.split('\n').filter((line) => !line.startsWith('[')) }).toEqual({ code: 0, stderr: [''] });
    const declared = declaredConstraints(h.orm.em.fork());
    expect(stdout).toContain(`Added ${declared.foreignKeys.length} foreign keys and ${declared.checks.length} CHECKs NOT VALID: `);
    expect(stdout).toMatch(/FAIL +HIGH +1 {2}orphan:bookings\.customer_id +\d+/);
    expect(stdout).toMatch(/NOT OK: \d+ of \d+ checks failed/);
    expect(stdout).toContain('Next steps:');
    expect(stderr).toMatch(/^\[ *1\/\d+\] fk_rule:api_tokens\.user_id {2}ok {2}\d+ ms$/m);

    const live = await h.rows<{ name: string; validated: boolean }>(`
      select conname as name, convalidated as validated from pg_constraint
      where connamespace = current_schema()::regnamespace and contype in ('f', 'c') order by conname`);
    expect(live).toEqual(
      [...declared.foreignKeys, ...declared.checks].map((c) => ({ name: c.name, validated: false })).sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it('the report then finds the bad rows, exactly', async () => {
    const report = await reportOf(h);
    const notValid = report.checks.filter((check) => check.kind === 'NOT_VALID').map((check) => check.name);
    expect(failing(report).sort()).toEqual(
      [...notValid, 'orphan:bookings.customer_id', 'orphan:payments.processed_by_id', 'check:payments_amount_check', 'rule:cancelled_without_time'].sort(),
    );
    const found = Object.fromEntries(
      report.checks.filter((check) => check.violationCount > 0).map((check) => [check.name, `${check.violationCount}: ${check.sampleIds.join(',')}`]),
    );
    expect(found).toEqual({
      'not_valid:bookings_customer_id_foreign': `1: ${bad.orphanStay}`,
      'not_valid:payments_processed_by_id_foreign': `1: ${bad.zeroPayment}`,
      'not_valid:payments_amount_check': `1: ${bad.zeroPayment}`,
      'check:payments_amount_check': `1: ${bad.zeroPayment}`,
      'orphan:bookings.customer_id': `1: ${bad.orphanStay}`,
      'orphan:payments.processed_by_id': `1: ${bad.zeroPayment}`,
      'rule:cancelled_without_time': `1: ${bad.cancelledSilently}`,
    });

    const json = await runScript('scripts/integrity-report.ts', ['--json', '--checks', 'orphan:,rule:cancelled_without_time'], h.url);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe('');
    const parsed = JSON.parse(json.stdout);
    expect(parsed.ok).toBe(false);
    expect(parsed.checks.filter((check: { passed: boolean }) => !check.passed).map((check: { name: string }) => check.name)).toEqual([
      'orphan:bookings.customer_id',
      'orphan:payments.processed_by_id',
      'rule:cancelled_without_time',
    ]);
  });

  it('repairs, corrections and validation lead to a clean report, and integrity:report exits 0', async () => {
    const cascade = await repairOf(h, { check: 'orphan:bookings.customer_id', dryRun: false });
    expect(cascade.actions.map(({ kind, table, count }) => `${kind} ${table} ${count}`)).toEqual(['DELETE bookings 1', 'DELETE payments 1']);
    // The orphan's row also breaks a CHECK, which PostgreSQL checks again on any update of it: corrected first.
    await expect(repairOf(h, { check: 'orphan:payments.processed_by_id', dryRun: false })).rejects.toMatchObject({
      rule: 'repair_blocked_by_check',
      message:
        'The repair would change rows of payments that break the CHECK payments_amount_check, not yet validated, and PostgreSQL checks every row it changes: correct those rows first (check:payments_amount_check), then repair again.',
    });
    await h.sql.query(`update payments set amount = 10 where id = $1`, [bad.zeroPayment]);
    await repairOf(h, { check: 'orphan:payments.processed_by_id', dryRun: false });
    await h.sql.query(`update bookings set cancelled_at = updated_at where id = $1`, [bad.cancelledSilently]);
    for (const check of (await reportOf(h, { checks: ['not_valid:'] })).checks) {
      expect((await repairOf(h, { check: check.name, dryRun: false })).actions).toMatchObject([{ kind: 'VALIDATE', count: 1 }]);
    }
    expect(failing(await reportOf(h))).toEqual([]);

    const { code, stdout, stderr } = await runScript('scripts/integrity-report.ts', [], h.url);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^result +severity +violations +check +sample ids\n/);
    expect(stdout).toMatch(/\nOK: all (\d+) checks passed in \d+ ms/);
    expect(stderr.trim().split('\n')).toHaveLength(Number(/OK: all (\d+) checks/.exec(stdout)![1]));
  });
});
