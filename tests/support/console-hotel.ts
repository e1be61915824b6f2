import type pg from 'pg';
import type { Page } from 'playwright-core';
import { DEMO_STAFF_PASSWORD } from '../../src/demo/demo-seed';

/**
 * What the console's browser tests and its screenshots (scripts/console-screenshots.ts) see:
 * the demo hotel with damage a bulk load could leave, each piece failing one orphan check
 * that repairIntegrity can mend.
 */
export const DAMAGE = {
  /** Payments of bookings that do not exist: orphan:payments.booking_id, repaired by deleting them (CASCADE). */
  missingBookingIds: [999_999, 999_998],
  /** Housekeeping tasks assigned to a user who does not exist: orphan:housekeeping_tasks.assigned_to_id, repaired by clearing it (SET NULL). */
  missingUserId: 888_888,
  tasksOfMissingUser: 3,
} as const;

export const DAMAGED_CHECKS = ['orphan:housekeeping_tasks.assigned_to_id', 'orphan:payments.booking_id'] as const;

/**
 * Injects DAMAGE with the foreign keys' triggers off (session_replication_role = replica),
 * as asReplica in integrity-fixtures.ts does; written out here because the screenshot
 * script runs outside vitest, which that module needs.
 */
export async function damageDemoHotel(sql: pg.Client): Promise<void> {
  await sql.query(`set session_replication_role = replica`);
  try {
    for (const bookingId of DAMAGE.missingBookingIds) {
      await sql.query(`insert into payments (booking_id, amount, currency, method) values ($1, 25, 'EUR', 'CARD')`, [bookingId]);
    }
    await sql.query(`update housekeeping_tasks set assigned_to_id = $1 where id in (select id from housekeeping_tasks order by id limit $2)`, [
      DAMAGE.missingUserId,
      DAMAGE.tasksOfMissingUser,
    ]);
  } finally {
    await sql.query(`set session_replication_role = origin`);
  }
}

/** Signs in through the console's own form, as a person would, and waits for the navigation of the signed-in console. */
export async function signIn(page: Page, origin: string, email: string, path = ''): Promise<void> {
  await page.goto(`${origin}/console/${path}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
}
