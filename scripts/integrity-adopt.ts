/**
 * `npm run integrity:adopt [-- --dry-run]` takes a database whose tables exist without
 * their constraints (data loaded from an older system), adds the model's foreign keys and
 * CHECKs as NOT VALID (enforced on new rows from now on, old rows not yet proven), prints
 * the integrity report of what the old data breaks, and the next steps. --dry-run prints
 * the statements without running them. Exits 0 once the constraints are in place, 2 when
 * it could not run. Uses DATABASE_URL, or the embedded PostgreSQL of `npm start`.
 */
import { runScript } from './run-script';
import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { initOrm, openDatabaseServer } from '../src/db/database';
import { adoptConstraints, planAdoption } from '../src/integrity/adopt';
import { runIntegrityReport } from '../src/integrity/integrity-report';
import { progressLine, reportTable } from '../src/integrity/report-table';
import { createLogger } from '../src/logging/logger';

const NEXT_STEPS = `Next steps:
  1. Repair orphans by the rule of their relation (ADMIN token; dryRun: true previews with counts):
       mutation { repairIntegrity(input: {check: "orphan:<table>.<column>", dryRun: false}) { __typename } }
     CASCADE deletes the orphans and what hangs from them, SET NULL clears the reference;
     RESTRICT orphans need a person: re-create the missing parent or fix the rows by hand.
  2. Correct the rows that break a check: or rule: result; each result's Fix line says how.
  3. Validate each constraint once nothing breaks it:
       mutation { repairIntegrity(input: {check: "not_valid:<constraint>", dryRun: false}) { __typename } }
  4. Run npm run integrity:report until it exits 0 (it can then run from cron or CI).`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const unknown = argv.filter((arg) => arg !== '--dry-run');
  if (unknown.length) throw new Error(`unknown argument ${unknown[0]}\nusage: integrity:adopt [--dry-run]`);
  const dryRun = argv.includes('--dry-run');
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  // Beside a running `npm start`, its embedded PostgreSQL is shared, never stopped.
  const server = await openDatabaseServer(config, logger, { shareRunning: true });
  const orm = await initOrm(server.url, logger, { preferTs: true });
  try {
    const steps = dryRun ? await planAdoption(orm.em.fork()) : await adoptConstraints(orm.em);
    const count = (kind: string) => steps.filter((step) => step.kind === kind).length;
    if (dryRun) {
      console.log(steps.length ? steps.map((step) => `${step.statement};`).join('\n') : '-- nothing to add: every declared constraint exists');
      return 0;
    }
    console.log(
      steps.length
        ? `Added ${count('FOREIGN KEY')} foreign keys and ${count('CHECK')} CHECKs NOT VALID: ${steps.map((step) => step.constraint).join(', ')}.`
        : 'Nothing to add: every foreign key and CHECK the model declares exists.',
    );
    console.log('\nThe integrity report of the data as it is:\n');
    const report = await runIntegrityReport(orm.em, {
      statementTimeoutMs: config.integrityStatementTimeoutMs,
      parallelWorkers: config.integrityParallelWorkers,
      onProgress: (progress) => {
        if (progress.result) process.stderr.write(`${progressLine(progress)}\n`);
      },
    });
    process.stdout.write(reportTable(report));
    console.log(`\n${report.ok ? 'The data already satisfies everything; nothing more to do.' : NEXT_STEPS}`);
    return 0;
  } finally {
    await orm.close();
    await server.stop();
  }
}

// 1 is the report's own "not sound"; a run that could not finish is 2.
runScript('integrity:adopt', main, 2);
