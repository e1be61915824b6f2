import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { DEMO_LOGINS, DEMO_STAFF_PASSWORD, seedDemoHotel } from '../../src/demo/demo-seed';
import { launchBrowser } from '../support/browser';
import { ensureConsoleBuilt } from '../support/console-build';
import { DAMAGE, DAMAGED_CHECKS, damageDemoHotel, signIn } from '../support/console-hotel';
import { useTestApi } from '../support/test-api';

/**
 * The integrity console in Debian's Chromium against a live API on the demo hotel, damaged
 * by SQL (tests/support/console-hotel.ts). The tests follow one another on that one hotel,
 * as an administrator's session would: the report finds the damage, the repairs mend it,
 * two guests are deleted, and the audit trail shows all of it. Each test opens a browser
 * context of its own and signs in anew.
 */

const [ADMIN, FRONT_DESK] = DEMO_LOGINS;

let browser: Browser;
let origin: string;

beforeAll(async () => {
  await ensureConsoleBuilt();
});
const t = useTestApi({ config: { errorStatsFlushMs: 20 } });
beforeAll(async () => {
  await seedDemoHotel(t.em(), t.config.currency);
  await damageDemoHotel(t.database.sql);
  origin = new URL(t.url).origin;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page of a fresh browser context, and everything its console reported as an error or a CSP violation. */
async function open(viewport = { width: 1280, height: 800 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return { page, problems };
}

/** The text of each match as it is rendered (block elements apart), spaces collapsed. */
const text = async (page: Page, selector: string) => (await page.locator(selector).allInnerTexts()).map((value) => value.replace(/\s+/g, ' ').trim());

/** Waits until `selector`'s text is `expected`, and fails with what it was otherwise. */
async function untilText(page: Page, selector: string, expected: string | RegExp): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          (await page
            .locator(selector)
            .first()
            .textContent({ timeout: 1000 })
            .catch(() => null)) ?? ''
        )
          .replace(/\s+/g, ' ')
          .trim(),
      {
        timeout: 20_000,
      },
    )
    .toMatch(typeof expected === 'string' ? new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : expected);
}

/**
 * What a person relying on assistive technology or on contrast would miss: a control
 * without an accessible name (from the page's accessibility tree, as a screen reader gets
 * it), and text whose contrast with its background is under WCAG AA (4.5:1, 3:1 large).
 */
async function accessibilityProblems(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  const unnamed = tree
    .split('\n')
    .filter((line) => /^\s*- (textbox|combobox|button|link|checkbox|spinbutton|searchbox|radio|slider)\b(?!\s+")/.test(line))
    .map((line) => `no accessible name: ${line.trim()}`);
  const unlabelled = (await page.evaluate(`[...document.querySelectorAll('input, select, textarea')]
      .filter((field) => field.labels.length === 0 && !field.getAttribute('aria-label'))
      .map((field) => 'no label: ' + field.outerHTML)`)) as string[];
  const lowContrast = (await page.evaluate(`(() => {
    const parse = (colour) => {
      const parts = (colour.match(/rgba?\\(([^)]+)\\)/) || [, '0 0 0 0'])[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
      return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
    };
    const luminance = ({ r, g, b }) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const backgroundOf = (element) => {
      for (let at = element; at; at = at.parentElement) {
        const colour = parse(getComputedStyle(at).backgroundColor);
        if (colour.a > 0.5) return colour;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const problems = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = node.textContent.trim();
      const element = node.parentElement;
      if (!words || !element || element.closest('.visually-hidden')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || box.bottom < 0 || style.visibility === 'hidden') continue;
      const inSvg = element.closest('svg');
      const fg = luminance(parse(inSvg ? style.fill : style.color));
      const bg = luminance(backgroundOf(inSvg || element));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push('contrast ' + ratio.toFixed(2) + ': ' + words.slice(0, 60));
    }
    return problems;
  })()`)) as string[];
  return [...unnamed, ...unlabelled, ...lowContrast];
}

async function integrityChecks(): Promise<{ name: string; kind: string; severity: string; passed: boolean }[]> {
  const { data, errors } = await t.graphql(`{ integrityReport(sampleLimit: 0) { checks { name kind severity passed } } }`, {}, { constraintNames: true });
  expect(errors).toBeUndefined();
  return data!.integrityReport.checks;
}

async function auditIdOf(action: string, entityId: string): Promise<string> {
  const [{ id }] = await t.database.rows(`select id::text from audit_entries where action = $1 and entity_id = $2 order by id desc limit 1`, [
    action,
    entityId,
  ]);
  return id;
}

/** A free room for `nights` from `checkIn`, and a booking of it for the guest. */
async function book(customerId: string, checkIn: string, nights = 2): Promise<string> {
  const checkOut = addDays(checkIn, nights);
  const rooms = await t.graphql(`query ($in: Date!, $out: Date!) { availableRooms(checkIn: $in, checkOut: $out, numGuests: 1) { id } }`, {
    in: checkIn,
    out: checkOut,
  });
  const { data } = await t.graphql(
    `mutation ($input: CreateBookingInput!) { createBooking(input: $input) { __typename ... on CreateBookingSuccess { booking { id } } } }`,
    { input: { roomId: rooms.data!.availableRooms[0].id, customerId, checkIn, checkOut, numGuests: 1 } },
  );
  expect(data!.createBooking.__typename).toBe('CreateBookingSuccess');
  return data!.createBooking.booking.id;
}

/**
 * A guest who can be deleted (every demo guest has a past stay, whose invoice RESTRICTs the
 * delete): made through the API, with a stay to come and its deposit.
 */
async function guestWithStay(lastName: string): Promise<string> {
  const { data } = await t.graphql(
    `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { __typename ... on CreateCustomerSuccess { customer { id } } } }`,
    { input: { firstName: 'Console', lastName, email: `${lastName.toLowerCase()}@guest.example` } },
  );
  const customerId = data!.createCustomer.customer.id;
  const bookingId = await book(customerId, addDays(today(), 100));
  const paid = await t.graphql(`mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { __typename } }`, {
    input: { bookingId, amount: '50.00', method: 'CARD' },
  });
  expect(paid.data!.recordPayment.__typename).toBe('RecordPaymentSuccess');
  return customerId;
}

describe('signing in', () => {
  it('works with the keyboard alone: Tab from the top reaches the skip link, email, password and the button, each with a visible focus ring', async () => {
    const { page, problems } = await open();
    await page.goto(`${origin}/console/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const focused = () =>
      page.evaluate(`(() => { const e = document.activeElement; const s = getComputedStyle(e);
      return { id: e.id || e.textContent.trim(), outline: s.outlineStyle + ' ' + s.outlineWidth }; })()`);

    const trail: unknown[] = [];
    await page.keyboard.press('Tab');
    trail.push(await focused());
    await page.keyboard.press('Tab');
    trail.push(await focused());
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    trail.push(await focused());
    await page.keyboard.type(DEMO_STAFF_PASSWORD);
    await page.keyboard.press('Tab');
    trail.push(await focused());
    expect(trail).toEqual([
      { id: 'Skip to content', outline: 'solid 3px' },
      { id: 'sign-in-email', outline: 'solid 3px' },
      { id: 'sign-in-password', outline: 'solid 3px' },
      { id: 'Sign in', outline: 'solid 3px' },
    ]);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');

    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/integrity');
    expect(await text(page, 'nav[aria-label="Console"] a')).toEqual(['Integrity', 'Delete preview', 'Errors', 'Audit trail']);
    expect(await text(page, '.who span')).toEqual([`${ADMIN.name} (ADMIN)`]);
    expect(await page.title()).toBe('Integrity · Hotel integrity console');
    // The session lives in this tab's sessionStorage, and in PostgreSQL as a SESSION token of the admin's.
    const kept = JSON.parse((await page.evaluate(`sessionStorage.getItem('hotel-console-session')`)) as string);
    const [token] = await t.database.rows(`select t.kind, u.email, t.revoked_at from api_tokens t join users u on u.id = t.user_id where t.id = $1`, [
      kept.tokenId,
    ]);
    expect(token).toEqual({ kind: 'SESSION', email: ADMIN.email, revoked_at: null });
    expect(problems).toEqual([]);
  });

  it('shows a wrong password with the API’s message and code, and signs nobody in', async () => {
    const { page } = await open();
    await page.goto(`${origin}/console/`);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await untilText(page, '[role=alert] .error-code', 'Code INVALID_CREDENTIALS');
    expect(await text(page, '[role=alert] .error-message')).toEqual(['The email address or password is not correct.']);
    expect(await page.evaluate(`sessionStorage.getItem('hotel-console-session')`)).toBeNull();
  });
});

describe('the integrity view', () => {
  it('runs the report step by step with its progress shown, and puts the damaged checks first', async () => {
    const expected = await integrityChecks();
    const relations = new Set(expected.filter((check) => check.kind === 'FK_RULE').map((check) => check.name.slice('fk_rule:'.length).split('.')[0]));
    const steps = 5 + relations.size + 1;
    const ruleChecks = expected.filter((check) => check.kind === 'RULE').length;
    const orphanHigh = expected.filter((check) => check.kind === 'ORPHAN' && check.severity === 'HIGH').length;

    const { page, problems } = await open();
    await signIn(page, origin, ADMIN.email, 'integrity');
    // The last step (the business rules) is held back until the page has shown how far it got.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('"checks":["rule:"]')) await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Run the report' }).click();
    await untilText(page, '.progress label', `Step ${steps} of ${steps}: rule: · ${expected.length - ruleChecks} checks run`);
    expect(await page.evaluate(`[document.querySelector('progress').value, document.querySelector('progress').max]`)).toEqual([steps - 1, steps]);
    release();

    await untilText(page, '.summary', new RegExp(`^2 of ${expected.length} checks fail\\. Ran in \\d+ ms`));
    const headings = await text(page, '.check-group h2');
    expect(headings[0]).toBe('ORPHAN · HIGH');
    const counts = await text(page, '.check-group .group-counts');
    expect(counts[0]).toBe(`2 failing · ${orphanHigh - 2} passing`);
    expect(counts.slice(1).every((count) => count.startsWith('0 failing · '))).toBe(true);
    expect(await page.locator('.check-group.has-failing').count()).toBe(1);
    expect(await text(page, 'article.check h3')).toEqual([...DAMAGED_CHECKS]);
    expect(await text(page, 'article.check .violations')).toEqual([String(DAMAGE.tasksOfMissingUser), String(DAMAGE.missingBookingIds.length)]);
    expect(await text(page, 'article.check .badge:not(.badge-new)')).toEqual(['HIGH', 'HIGH']);

    // Sample ids link to each row's own view in the console: its delete preview.
    const payments = await t.database.rows<{ id: string }>(`select id::text from payments where booking_id = any($1) order by id`, [DAMAGE.missingBookingIds]);
    const paymentCard = page.locator('article.check', { has: page.getByRole('heading', { name: 'orphan:payments.booking_id' }) });
    expect(await paymentCard.locator('.sample-ids a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(
      payments.map(({ id }) => `/console/delete?entity=PAYMENT&id=${id}`),
    );
    expect(await paymentCard.locator('dd').nth(2).textContent()).toBe(
      'repairIntegrity(input: {check: "orphan:payments.booking_id", dryRun: false}) removes these rows and what hangs from them by CASCADE, as deleting their bookings row would have; run it with dryRun: true first to see the counts.',
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('dry-runs a repair showing exactly what it would change, confirms it, and the report passes once both are repaired', async () => {
    const total = (await integrityChecks()).length;
    const { page, problems } = await open();
    await signIn(page, origin, ADMIN.email, 'integrity');
    await page.getByRole('button', { name: 'Run the report' }).click();
    await untilText(page, '.summary', new RegExp(`^2 of ${total} checks fail\\.`));

    const tasks = page.locator('article.check', { has: page.getByRole('heading', { name: 'orphan:housekeeping_tasks.assigned_to_id' }) });
    await tasks.getByRole('button', { name: 'Dry run repair' }).click();
    await tasks.locator('.repair-preview tbody tr').waitFor();
    expect(await tasks.locator('.repair-preview tbody tr td').allTextContents()).toEqual([
      'Clear housekeeping_tasks.assigned_to_id on 3 rows whose users row is missing.',
      'housekeeping_tasks',
      'assigned_to_id',
      '3',
    ]);
    const orphanedTasks = `select count(*)::int as n from housekeeping_tasks where assigned_to_id = ${DAMAGE.missingUserId}`;
    expect(await t.database.rows(orphanedTasks)).toEqual([{ n: 3 }]);
    await tasks.getByLabel('Reason, for the audit trail (optional)').fill('Tasks of an account removed by a bulk load');
    await tasks.getByRole('button', { name: 'Confirm repair' }).click();
    await untilText(page, '.summary', new RegExp(`^1 of ${total} checks fail\\.`));
    const taskRepair = await auditIdOf('REPAIR', 'orphan:housekeeping_tasks.assigned_to_id');
    expect(await text(page, '.notice-success')).toEqual([
      `Repaired orphan:housekeeping_tasks.assigned_to_id: Clear housekeeping_tasks.assigned_to_id on 3 rows whose users row is missing. Audit entry ${taskRepair}. The report runs again.`,
    ]);
    expect(await t.database.rows(orphanedTasks)).toEqual([{ n: 0 }]);
    expect(
      await t.database.rows(
        `select count(*)::int as n from (select assigned_to_id from housekeeping_tasks order by id limit ${DAMAGE.tasksOfMissingUser}) damaged where assigned_to_id is null`,
      ),
    ).toEqual([{ n: 3 }]);

    const paymentCard = page.locator('article.check', { has: page.getByRole('heading', { name: 'orphan:payments.booking_id' }) });
    await paymentCard.getByRole('button', { name: 'Dry run repair' }).click();
    await paymentCard.locator('.repair-preview tbody tr').waitFor();
    expect(await paymentCard.locator('.repair-preview tbody tr td').allTextContents()).toEqual([
      'Delete 2 rows of payments: the orphans of payments.booking_id (and any of their own that cascade).',
      'payments',
      '—',
      '2',
    ]);
    const orphanedPayments = `select count(*)::int as n from payments where booking_id = any('{${DAMAGE.missingBookingIds.join(',')}}')`;
    expect(await t.database.rows(orphanedPayments)).toEqual([{ n: 2 }]);
    await paymentCard.getByRole('button', { name: 'Confirm repair' }).click();
    await untilText(page, '.summary', new RegExp(`^All ${total} checks pass\\.`));
    expect(await t.database.rows(orphanedPayments)).toEqual([{ n: 0 }]);
    expect(await page.locator('article.check').count()).toBe(0);
    expect(await text(page, '.check-group .group-counts')).toEqual(expect.arrayContaining([expect.stringMatching(/^0 failing · \d+ passing$/)]));
    expect(problems).toEqual([]);
  });
});

describe('the delete view', () => {
  let customers: string[];
  beforeAll(async () => {
    customers = [await guestWithStay('Duplicate'), await guestWithStay('Forgotten')];
  });

  it('previews a customer’s delete as a tree and deletes it only with a reason', async () => {
    const id = customers[0];
    const { data } = await t.graphql(
      `query ($id: ID!) { deleteImpact(entity: CUSTOMER, id: $id) { deletes { table count } nullifies { table column count } blockers { table } } }`,
      { id },
    );
    const impact = data!.deleteImpact;
    const rows = (count: number) => `${count} ${count === 1 ? 'row' : 'rows'}`;
    const deleted = impact.deletes.reduce((sum: number, entry: { count: number }) => sum + entry.count, 0);
    const cleared = impact.nullifies.reduce((sum: number, entry: { count: number }) => sum + entry.count, 0);
    const bookings = impact.deletes.find((entry: { table: string }) => entry.table === 'bookings').count;
    expect(bookings).toBeGreaterThan(0);
    expect(impact.blockers).toEqual([]);

    const { page, problems } = await open();
    await signIn(page, origin, ADMIN.email, `delete?entity=CUSTOMER&id=${id}`);
    await page.locator('.impact').waitFor();
    expect(await text(page, '.impact h2')).toEqual([`Deleting CUSTOMER ${id}`]);
    expect(await text(page, '.impact-verdict')).toEqual([`Allowed: ${rows(deleted)} in ${impact.deletes.length} tables would be deleted.`]);
    expect(await text(page, '.tree .branch')).toEqual([
      `Deletes · ${rows(deleted)}`,
      `Clears references (SET NULL) · ${rows(cleared)}`,
      'Blocked by (RESTRICT) · 0 rows',
    ]);
    const customersFirst = [...impact.deletes].sort((a, b) => Number(b.table === 'customers') - Number(a.table === 'customers'));
    expect(await text(page, '.tree > li:nth-child(1) li')).toEqual(
      customersFirst.map((entry: { table: string; count: number }) => `${entry.table}: ${rows(entry.count)}`),
    );
    expect(await text(page, '.tree > li:nth-child(3) li')).toEqual(['none']);
    expect(await accessibilityProblems(page)).toEqual([]);

    // No reason: nothing is sent, and the form says why.
    await page.getByRole('button', { name: `Delete CUSTOMER ${id}` }).click();
    expect(await text(page, '#delete-reason-error')).toEqual(['Give the reason for this delete: it is kept in the audit trail.']);
    expect(await page.evaluate(`[document.activeElement.id, document.activeElement.getAttribute('aria-invalid')]`)).toEqual(['delete-reason', 'true']);
    expect(await t.database.rows(`select count(*)::int as n from customers where id = $1`, [id])).toEqual([{ n: 1 }]);

    await page.getByLabel('Reason (required; kept in the audit trail)').fill('Duplicate guest record');
    await page.getByRole('button', { name: `Delete CUSTOMER ${id}` }).click();
    await page.locator('.notice-success').waitFor();
    const entry = await auditIdOf('DELETE', id);
    expect(await text(page, '.notice-success')).toEqual([
      `Deleted CUSTOMER ${id}: ${deleted} rows removed, ${cleared} ${cleared === 1 ? 'reference' : 'references'} cleared. Audit entry ${entry}.`,
    ]);
    expect(
      await t.database.rows(
        `select (select count(*)::int from customers where id = $1) as customers, (select count(*)::int from bookings where customer_id = $1) as bookings`,
        [id],
      ),
    ).toEqual([{ customers: 0, bookings: 0 }]);
    expect(await t.database.rows(`select entity, reason from audit_entries where id = $1`, [entry])).toEqual([
      { entity: 'CUSTOMER', reason: 'Duplicate guest record' },
    ]);
    expect(problems).toEqual([]);
  });

  it('shows the new impact when it changed between preview and confirm, and deletes on the second confirm', async () => {
    const id = customers[1];
    const { page, problems } = await open();
    await signIn(page, origin, ADMIN.email, 'delete');
    await page.getByLabel('Kind of record').selectOption('CUSTOMER');
    await page.getByLabel('Record id').fill(id);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.impact').waitFor();
    const bookingsLine = async () => (await text(page, '.tree > li:nth-child(1) li')).find((line) => line.startsWith('bookings: '));
    const before = await bookingsLine();
    const firstToken = await page.locator('.token code').textContent();

    // Meanwhile the guest books another stay: the delete would now take one booking more.
    const secondStay = await book(id, addDays(today(), 200));

    await page.getByLabel('Reason (required; kept in the audit trail)').fill('Guest asked to be forgotten before arrival');
    await page.getByRole('button', { name: `Delete CUSTOMER ${id}` }).click();
    await page.locator('[role=alert]').waitFor();
    expect(await text(page, '[role=alert]')).toEqual([
      'The impact changed since the preview: this is the new one. Confirm again to delete it. What this delete would remove has changed since the preview; review the new impact. Code IMPACT_CHANGED',
    ]);
    const count = (line: string | undefined) => Number(/^bookings: (\d+) rows?$/.exec(line ?? '')![1]);
    expect(count(await bookingsLine())).toBe(count(before) + 1);
    expect(await page.locator('.token code').textContent()).not.toBe(firstToken);
    expect(await t.database.rows(`select count(*)::int as n from customers where id = $1`, [id])).toEqual([{ n: 1 }]);

    await page.getByRole('button', { name: `Delete CUSTOMER ${id}` }).click();
    await page.locator('.notice-success').waitFor();
    expect(await t.database.rows(`select count(*)::int as n from customers where id = $1`, [id])).toEqual([{ n: 0 }]);
    expect(await t.database.rows(`select count(*)::int as n from bookings where id = $1`, [secondStay])).toEqual([{ n: 0 }]);
    expect(problems).toEqual([]);
  });

  it('shows a record that does not exist as the API’s NOT_FOUND, and a blocked delete with its blockers and no confirm', async () => {
    const { page } = await open();
    await signIn(page, origin, ADMIN.email, 'delete?entity=CUSTOMER&id=987654');
    await untilText(page, '[role=alert] .error-code', /^Code NOT_FOUND · error id [0-9a-f-]+$/);
    const [{ id: blocked }] = await t.database.rows(
      `select b.customer_id::text as id from invoices i join bookings b on b.id = i.booking_id order by b.customer_id limit 1`,
    );
    const { data } = await t.graphql(`query ($id: ID!) { deleteImpact(entity: CUSTOMER, id: $id) { blockers { table column count sampleIds } } }`, {
      id: blocked,
    });
    await page.getByLabel('Record id').fill(blocked);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.impact').waitFor();
    const [blocker] = data!.deleteImpact.blockers;
    expect(await text(page, '.impact-verdict')).toEqual([
      `Blocked: ${blocker.count} rows still depend on it (ON DELETE RESTRICT); nothing can be deleted until they are dealt with.`,
    ]);
    expect(await text(page, '.tree > li:nth-child(3) > ul > li')).toEqual([
      `${blocker.table}.${blocker.column}: ${blocker.count} rows, among them ${blocker.sampleIds.join(' ')}`,
    ]);
    expect(await page.getByRole('button', { name: /^Delete CUSTOMER/ }).count()).toBe(0);
  });
});

describe('the audit view', () => {
  it('finds the repairs and the deletes, filtered and paginated, with the before and after of changed fields', async () => {
    // 25 rate changes: more than a page, each with its before and after.
    const [{ id: roomType, base_rate }] = await t.database.rows(`select id::text, base_rate::text from room_types order by id limit 1`);
    let rate = Number(base_rate);
    for (let change = 0; change < 25; change++) {
      const next = (rate + 1).toFixed(2);
      const { data } = await t.graphql(`mutation ($input: UpdateRoomTypeInput!) { updateRoomType(input: $input) { __typename } }`, {
        input: { id: roomType, baseRate: next },
      });
      expect(data!.updateRoomType.__typename).toBe('UpdateRoomTypeSuccess');
      rate += 1;
    }
    const [{ n: all }] = await t.database.rows(`select count(*)::int as n from audit_entries`);

    const { page, problems } = await open();
    await signIn(page, origin, ADMIN.email, 'audit');
    await untilText(page, '.summary', `Entries 1–20 of ${all}, newest first.`);
    expect(await text(page, 'table.audit tbody tr:first-child td:nth-child(6) li')).toEqual([
      `baseRate: before: ${(rate - 1).toFixed(2)} → after: ${rate.toFixed(2)}`,
    ]);
    await page.getByRole('button', { name: 'Older' }).click();
    await untilText(page, '.summary', `Entries 21–${Math.min(40, all)} of ${all}, newest first.`);
    await page.getByRole('button', { name: 'Newer' }).click();
    await untilText(page, '.summary', `Entries 1–20 of ${all}, newest first.`);

    await page.getByLabel('Action').fill('REPAIR');
    await page.getByRole('button', { name: 'Filter' }).click();
    await untilText(page, '.summary', 'Entries 1–2 of 2, newest first.');
    expect(await text(page, 'table.audit tbody td:nth-child(3)')).toEqual(['REPAIR', 'REPAIR']);
    const row = (n: number) => text(page, `table.audit tbody tr:nth-child(${n}) td:not(:first-child)`);
    // Each test signed in anew: each entry names the session that made it.
    const entries = (action: string) =>
      t.database.rows<{ actor: string; entity_id: string }>(`select actor, entity_id from audit_entries where action = $1 order by id desc`, [action]);
    const repairs = await entries('REPAIR');
    expect((await row(1)).slice(0, 4)).toEqual([repairs[0].actor, 'REPAIR', 'INTEGRITY orphan:payments.booking_id', '—']);
    expect((await row(2)).slice(0, 4)).toEqual([
      repairs[1].actor,
      'REPAIR',
      'INTEGRITY orphan:housekeeping_tasks.assigned_to_id',
      'Tasks of an account removed by a bulk load',
    ]);

    await page.getByLabel('Action').fill('DELETE');
    await page.getByLabel('Entity').fill('CUSTOMER');
    await page.getByRole('button', { name: 'Filter' }).click();
    await untilText(page, 'table.audit tbody tr:first-child td:nth-child(3)', 'DELETE');
    expect(await text(page, '.summary')).toEqual(['Entries 1–2 of 2, newest first.']);
    const deletes = await entries('DELETE');
    expect((await row(1)).slice(0, 4)).toEqual([deletes[0].actor, 'DELETE', `CUSTOMER ${deletes[0].entity_id}`, 'Guest asked to be forgotten before arrival']);
    expect((await row(2)).slice(0, 4)).toEqual([deletes[1].actor, 'DELETE', `CUSTOMER ${deletes[1].entity_id}`, 'Duplicate guest record']);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('the errors view', () => {
  it('charts each kind of error against the alert threshold, and refreshes while open', async () => {
    const missing = () => t.graphql(`mutation { deleteRecord(input: { entity: BOOKING, id: "987654", reason: "x" }) { __typename } }`);
    const series = async () => {
      const { data } = await t.graphql(`{ errorHistory { series { category code total } } }`);
      return data!.errorHistory.series as { category: string; code: string; total: number }[];
    };
    const notFoundTotal = async () => (await series()).find((kind) => kind.code === 'NOT_FOUND')?.total ?? 0;
    const before = await notFoundTotal();
    for (let n = 0; n < 3; n++) expect((await missing()).data!.deleteRecord.__typename).toBe('NotFoundError');
    await expect.poll(notFoundTotal).toBe(before + 3);

    const { page, problems } = await open();
    await page.clock.install();
    await signIn(page, origin, ADMIN.email, 'errors');
    await page.locator('figure.error-series').first().waitFor();
    const expected = await series();
    expect(await text(page, 'figure.error-series figcaption')).toEqual(
      expected.map((kind) => `${kind.category} · ${kind.code} — ${kind.total} in the last 60 minutes`),
    );
    const notFound = page.locator('figure.error-series', { hasText: 'VALIDATION · NOT_FOUND' });
    expect(await notFound.locator('.series-total').textContent()).toBe(String(before + 3));
    expect(await notFound.locator('.threshold-label').textContent()).toBe(
      `alert threshold ${t.config.errorFrequencyThreshold} per ${t.config.errorFrequencyWindowMs / 1000} s`,
    );
    expect(await notFound.locator('svg').getAttribute('aria-label')).toMatch(
      new RegExp(`^NOT_FOUND: ${before + 3} in the range; at most \\d+ within 60 s, against an alert threshold of ${t.config.errorFrequencyThreshold}\\.$`),
    );

    for (let n = 0; n < 2; n++) await missing();
    await expect.poll(notFoundTotal).toBe(before + 5);
    await page.clock.runFor(15_000);
    await expect.poll(() => notFound.locator('.series-total').textContent()).toBe(String(before + 5));
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('a STAFF login', () => {
  it('sees only the delete preview; a direct URL to an admin view says it needs ADMIN; a preview offers no delete', async () => {
    const { page, problems } = await open();
    await signIn(page, origin, FRONT_DESK.email);
    expect(new URL(page.url()).pathname).toBe('/console/delete');
    expect(await text(page, 'nav[aria-label="Console"] a')).toEqual(['Delete preview']);
    for (const [path, title] of [
      ['integrity', 'Integrity'],
      ['errors', 'Errors'],
      ['audit', 'Audit trail'],
    ]) {
      await page.goto(`${origin}/console/${path}`);
      await untilText(page, '[role=alert]', `The ${title} view needs the ADMIN role; you are signed in as ${FRONT_DESK.name} (STAFF).`);
      expect(await page.locator('main button').count()).toBe(0);
    }
    const [{ id }] = await t.database.rows(`select id::text from customers order by id limit 1`);
    await page.goto(`${origin}/console/delete?entity=CUSTOMER&id=${id}`);
    await page.locator('.impact').waitFor();
    expect(await text(page, 'main > .notice')).toEqual([
      'Deleting needs the ADMIN role; you are signed in as STAFF. This preview is what an administrator would confirm.',
    ]);
    expect(await page.locator('form.confirm').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('the session', () => {
  it('signs out by revoking the session in the API', async () => {
    const { page, problems } = await open();
    await signIn(page, origin, ADMIN.email);
    const kept = JSON.parse((await page.evaluate(`sessionStorage.getItem('hotel-console-session')`)) as string);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await untilText(page, 'main [role=status]', 'Signed out: the session is revoked.');
    expect(await page.evaluate(`sessionStorage.getItem('hotel-console-session')`)).toBeNull();
    const [{ revoked }] = await t.database.rows(`select revoked_at is not null as revoked from api_tokens where id = $1`, [kept.tokenId]);
    expect(revoked).toBe(true);
    const after = await t.graphql(`{ me { role } }`, {}, { token: kept.token });
    expect([after.status, after.errors?.[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(problems).toEqual([]);
  });

  it('ends visibly, with the API’s message and code, when the session is revoked elsewhere', async () => {
    const { page, problems } = await open();
    await signIn(page, origin, ADMIN.email, 'audit');
    await page.locator('.summary').waitFor();
    const kept = JSON.parse((await page.evaluate(`sessionStorage.getItem('hotel-console-session')`)) as string);
    await t.database.sql.query(`update api_tokens set revoked_at = now() where id = $1`, [kept.tokenId]);
    t.api.callers.forgetAll();
    await page.getByRole('button', { name: 'Filter' }).click();
    await untilText(page, '[role=alert] .notice-title', 'Your session has ended; sign in again.');
    expect(await text(page, '[role=alert] .error-code')).toEqual([expect.stringMatching(/^Code UNAUTHENTICATED · error id [0-9a-f-]{36}$/)]);
    expect(await page.getByLabel('Email address').count()).toBe(1);
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  });
});

describe('on a tablet', () => {
  it('fits 768 px without sideways scrolling, with every input labelled', async () => {
    const { page, problems } = await open({ width: 768, height: 1024 });
    await page.goto(`${origin}/console/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await signIn(page, origin, ADMIN.email, 'integrity');
    await page.getByRole('button', { name: 'Run the report' }).click();
    await page.locator('.summary').waitFor();
    const overflow = `document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth`;
    expect(await page.evaluate(overflow)).toBe(0);
    const [{ id: guest }] = await t.database.rows(`select id::text from customers order by id limit 1`);
    for (const path of [`delete?entity=CUSTOMER&id=${guest}`, 'audit', 'errors']) {
      await page.goto(`${origin}/console/${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      expect([path, await page.evaluate(overflow)]).toEqual([path, 0]);
      expect(await accessibilityProblems(page)).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
});
