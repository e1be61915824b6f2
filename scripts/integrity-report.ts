/**
 * `npm run integrity:report [-- --json] [--checks orphan:,rule:] [--sample-limit 10] [--incremental]`
 * prints the integrity report: progress per check on stderr, the table on stdout (with
 * --json, only the report as JSON on stdout). Exits 0 when every check passed, 1 when
 * not, 2 when it could not run; so cron and CI can call it. The run is kept in the
 * history (integrityRuns, trigger CLI). --incremental reads only the rows written since
 * the latest run of every check (all of them when there is none). Uses DATABASE_URL, or the embedded PostgreSQL of
 * `npm start` when it is unset.
 */
import { runScript } from './run-script';
import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { createControlPool } from '../src/db/control-pool';
import { initOrm, openDatabaseServer } from '../src/db/database';
import { IntegrityRunTrigger } from '../src/entities/integrity-run.entity';
import { progressLine, reportTable } from '../src/integrity/report-table';
import { integrityAlerts } from '../src/jobs/integrity-alerts';
import { createIntegrityWatch } from '../src/jobs/integrity-watch';
import { createLogger } from '../src/logging/logger';
import { createAlerts } from '../src/services/alerts';

const USAGE = `usage: integrity:report [--json] [--checks name-or-prefix,...] [--sample-limit 0-100] [--incremental]`;

interface ReportArguments {
  json: boolean;
  incremental: boolean;
  checks: string[];
  sampleLimit: number | undefined;
}

function parseArguments(argv: string[]): ReportArguments {
  const args: ReportArguments = { json: false, incremental: false, checks: [], sampleLimit: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--json') args.json = true;
    else if (flag === '--incremental') args.incremental = true;
    else if (flag === '--checks') args.checks.push(...value().split(',').filter(Boolean));
    else if (flag === '--sample-limit') args.sampleLimit = Number(value());
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  // Logs go to stderr: stdout carries the table or the JSON only.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  // Beside a running `npm start`, its embedded PostgreSQL is shared, never stopped.
  const server = await openDatabaseServer(config, logger, { shareRunning: true });
  const orm = await initOrm(server.url, logger, { preferTs: true });
  // With CRITICAL_ERROR_ALERTS, what this run finds newly failing alerts as a scheduled run's would.
  const control = createControlPool(server.url, { timeoutMs: config.controlTimeoutMs });
  const alerts = createAlerts(control, config, logger);
  const watch = createIntegrityWatch({ url: server.url, config, logger, listeners: [integrityAlerts(alerts)] });
  try {
    const report = await watch.run({
      trigger: IntegrityRunTrigger.CLI,
      em: orm.em,
      checks: args.checks,
      sampleLimit: args.sampleLimit,
      incremental: args.incremental,
      onProgress: args.json
        ? undefined
        : (progress) => {
            if (!progress.result) return;
            process.stderr.write(`${progressLine(progress)}\n`);
            if (progress.cause) process.stderr.write(`          ${(progress.cause as Error).message ?? String(progress.cause)}\n`);
          },
    });
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : reportTable(report));
    return report.ok ? 0 : 1;
  } finally {
    await watch.close();
    await alerts.drain();
    await control.end();
    await orm.close();
    await server.stop();
  }
}

// 1 is the report's own "not sound"; a run that could not finish is 2.
runScript('integrity:report', main, 2);
