/**
 * `npm run console:screenshots` writes the README's pictures of the integrity console,
 * 1280×800 PNGs in docs/console/: the integrity view after a report of the damaged demo
 * hotel, and the delete preview of a booking. The same browser (Debian's Chromium through
 * playwright-core), the same demo hotel and the same damage as the console's browser tests
 * (tests/support/console-hotel.ts), on a throwaway embedded PostgreSQL; the console is built
 * first when web/ changed since its last build.
 */
import { runScript } from './run-script';
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { initOrm, migrate, requestPoolOptions } from '../src/db/database';
import { DEMO_LOGINS, seedDemoHotel } from '../src/demo/demo-seed';
import { startEmbeddedPostgres } from '../src/dev/embedded-postgres';
import { startApi } from '../src/http/server';
import { createLogger } from '../src/logging/logger';
import { launchBrowser } from '../tests/support/browser';
import { ensureConsoleBuilt } from '../tests/support/console-build';
import { damageDemoHotel, signIn } from '../tests/support/console-hotel';

const OUT = path.resolve(__dirname, '..', 'docs', 'console');
const VIEWPORT = { width: 1280, height: 800 };

async function main(): Promise<number> {
  await ensureConsoleBuilt();
  const logger = createLogger('warn');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hotel-console-shots-'));
  // As root, PostgreSQL runs as "postgres", who must reach the data directory.
  await fs.chmod(dir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), durable: false });
  const cleanups: (() => Promise<unknown>)[] = [() => fs.rm(dir, { recursive: true, force: true }), () => postgres.stop()];
  try {
    const admin = new pg.Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    await admin.query(`create database hotel_console_shots`);
    await admin.end();
    const url = postgres.urlFor('hotel_console_shots');
    const config = { ...loadConfig({}), port: 0, host: '127.0.0.1' };
    const orm = await initOrm(url, logger, { preferTs: true, ...requestPoolOptions(config) });
    cleanups.push(() => orm.close(true));
    await migrate(orm, url);
    const demo = await seedDemoHotel(orm.em.fork(), config.currency);
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    cleanups.push(() => sql.end());
    await damageDemoHotel(sql);
    // A stay still to come, paid in part: its delete takes payments and logs along, and nothing blocks it.
    const [{ id: booking }] = (
      await sql.query<{ id: string }>(
        `select b.id::text from bookings b where b.status = 'CONFIRMED' and exists (select 1 from payments p where p.booking_id = b.id) order by b.id limit 1`,
      )
    ).rows;

    const api = await startApi({ orm, config, logger });
    cleanups.push(() => api.close());
    const origin = new URL(api.url).origin;
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await fs.mkdir(OUT, { recursive: true });

    await signIn(page, origin, DEMO_LOGINS[0].email, 'integrity');
    await page.getByRole('button', { name: 'Run the report' }).click();
    await page.locator('.summary').waitFor();
    await page.locator('article.check').first().getByRole('button', { name: 'Dry run repair' }).click();
    await page.locator('.repair-preview').waitFor();
    await page.screenshot({ path: path.join(OUT, 'integrity.png') });

    await page.goto(`${origin}/console/delete?entity=BOOKING&id=${booking}`);
    await page.locator('.impact').waitFor();
    await page.getByLabel('Reason (required; kept in the audit trail)').fill('Booked twice by the channel; the guest keeps the other booking');
    await page.screenshot({ path: path.join(OUT, 'delete-preview.png') });
    process.stdout.write(`wrote ${path.join(OUT, 'integrity.png')} and ${path.join(OUT, 'delete-preview.png')} (demo hotel of ${demo.bookings} bookings)\n`);
    return 0;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

runScript('console:screenshots', main);
