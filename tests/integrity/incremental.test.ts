import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { IntegrityRunTrigger } from '../../src/entities/integrity-run.entity';
import { capturedTables, captureTriggerName } from '../../src/integrity/changes';
import type { IntegrityFindings, IntegrityReport } from '../../src/integrity/integrity-report';
import { createIntegrityWatch, type IntegrityWatch } from '../../src/jobs/integrity-watch';
import { createLogger } from '../../src/logging/logger';
import { asReplica, reportOf } from '../support/integrity-fixtures';
import { generateRandomHotel, seededRandom } from '../support/random-hotel';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

const config = { ...loadConfig({}), integrityStatementTimeoutMs: 20_000 };
const logger = createLogger('silent');
const MISSING = 2_000_000_000;

/** What a check found, as both kinds of run must find it. */
const found = (report: IntegrityFindings | IntegrityReport) =>
  Object.fromEntries(
    report.checks.map((check) => [check.name, { passed: check.passed, violationCount: check.violationCount, sampleIds: check.sampleIds, error: check.error }]),
  );
const failingOf = (report: IntegrityFindings | IntegrityReport) => report.checks.filter((check) => !check.passed).map((check) => check.name);

type Random = ReturnType<typeof seededRandom>;

/** One random write the constraints would refuse or that breaks a rule, or mends one; under replica role, as a bulk load writes. */
async function damage(sql: pg.Client, r: Random): Promise<string> {
  const ids = async (table: string) => (await sql.query<{ id: number }>(`select id from ${table} order by id`)).rows.map((row) => row.id);
  const one = async (table: string) => {
    const all = await ids(table);
    return all.length ? r.pick(all) : undefined;
  };
  const writes: [string, () => Promise<unknown>][] = [
    ['delete a booking under its rows', async () => sql.query('delete from bookings where id = $1', [await one('bookings')])],
    ['delete a customer', async () => sql.query('delete from customers where id = $1', [await one('customers')])],
    ['delete a room', async () => sql.query('delete from rooms where id = $1', [await one('rooms')])],
    ['delete a user', async () => sql.query('delete from users where id = $1', [await one('users')])],
    ['point a payment nowhere', async () => sql.query('update payments set booking_id = $2 where id = $1', [await one('payments'), MISSING])],
    ['point a folio item nowhere', async () => sql.query('update folio_items set booking_id = $2 where id = $1', [await one('folio_items'), MISSING])],
    ['point a log at no user', async () => sql.query('update booking_logs set actor_id = $2 where id = $1', [await one('booking_logs'), MISSING])],
    [
      'overpay a booking',
      async () => sql.query(`insert into payments (booking_id, amount, currency, method) values ($1, 5000, 'EUR', 'CASH')`, [await one('bookings')]),
    ],
    ['refund nothing paid', async () => sql.query('delete from payments where id = $1', [await one('payments')])],
    ['charge a folio', async () => sql.query(`insert into folio_items (booking_id, description, amount) values ($1, 'Spa', 80)`, [await one('bookings')])],
    ['cancel without a time', async () => sql.query(`update bookings set status = 'CANCELLED', cancelled_at = null where id = $1`, [await one('bookings')])],
    ['check out owing', async () => sql.query(`update bookings set status = 'CHECKED_OUT' where id = $1`, [await one('bookings')])],
    [
      'leave a receivable on a stay in house',
      async () => {
        const booking = await one('bookings');
        await sql.query(`insert into receivables (booking_id, amount, reason) values ($1, 10, 'Later') on conflict do nothing`, [booking]);
        return sql.query(`update bookings set status = 'CHECKED_IN' where id = $1`, [booking]);
      },
    ],
    ['take a room out of order under a guest', async () => sql.query(`update rooms set status = 'OUT_OF_ORDER' where id = $1`, [await one('rooms')])],
    [
      'give loyalty points out of thin air',
      async () => sql.query('update customers set loyalty_points = loyalty_points + 3 where id = $1', [await one('customers')]),
    ],
    [
      'book a room twice',
      async () =>
        sql.query(
          `insert into bookings (room_id, room_type_id, customer_id, check_in, check_out, num_guests, status, total_amount, nightly_rate)
         select room_id, room_type_id, customer_id, check_in, check_out, 1, 'CONFIRMED', 0, nightly_rate from bookings where id = $1 and room_id is not null`,
          [await one('bookings')],
        ),
    ],
    [
      'move a booking into another’s room',
      async () => sql.query('update bookings set room_id = $2 where id = $1', [await one('bookings'), await one('rooms')]),
    ],
    ['pay a negative amount (its CHECK dropped)', async () => sql.query(`update payments set amount = -5 where id = $1`, [await one('payments')])],
    ['mend an orphaned payment', async () => sql.query(`delete from payments where booking_id not in (select id from bookings)`)],
    [
      'mend a ledger',
      async () =>
        sql.query(
          `update customers c set loyalty_points = coalesce((select sum(points) from loyalty_transactions t where t.customer_id = c.id), 0) where c.id = $1`,
          [await one('customers')],
        ),
    ],
  ];
  const [what, write] = r.pick(writes);
  await asReplica(sql, write);
  return what;
}

describe('the incremental integrity run', () => {
  let watch: IntegrityWatch;
  const databases: TestDatabase[] = [];
  beforeAll(() => {
    watch = createIntegrityWatch({ url: 'postgres://unused', config, logger });
  });
  afterAll(async () => {
    await watch.close();
    for (const db of databases) await db.close();
  });

  it('records the keys of every row version written, by every table of the hotel’s records, replica sessions included', async () => {
    const db = await openTestDatabase();
    databases.push(db);
    const firing = await db.rows<{ table: string; n: number }>(
      `select c.relname as table, count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where t.tgname like '%\\_integrity\\_capture\\_%' and t.tgenabled = 'A' group by c.relname order by c.relname`,
    );
    expect(firing).toEqual(capturedTables(db.orm.em).map((table) => ({ table, n: 4 })));
    await asReplica(db.sql, async () => {
      await db.sql.query(`insert into customers (id, first_name, last_name, email, user_id) values (77, 'K', 'Eys', 'k@keys.test', 5)`);
      await db.sql.query(`update customers set user_id = 6, loyalty_points = 1 where id = 77`);
      await db.sql.query(`update customers set loyalty_points = 2 where id = 77`);
      await db.sql.query(`delete from customers where id = 77`);
    });
    expect(await db.rows(`select table_name, version, keys from integrity_changes order by id`)).toEqual([
      { table_name: 'customers', version: 'NEW', keys: { id: 77, user_id: 5 } },
      { table_name: 'customers', version: 'NEW', keys: { id: 77, user_id: 6 } },
      { table_name: 'customers', version: 'OLD', keys: { id: 77, user_id: 5 } },
      // Keys unchanged: the new version alone.
      { table_name: 'customers', version: 'NEW', keys: { id: 77, user_id: 6 } },
      { table_name: 'customers', version: 'OLD', keys: { id: 77, user_id: 6 } },
    ]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'finds exactly what a full run finds on the same data, after random damage and repairs (seed %i)',
    async (seed) => {
      const db = await openTestDatabase();
      databases.push(db);
      const r = seededRandom(seed);
      await generateRandomHotel(db.orm.em.fork(), seed);
      // Guarded by a trigger or an exclusion constraint the replica role does not switch off: gone, so their rules can break.
      await db.sql.query(`alter table payments drop constraint payments_amount_check, drop constraint payments_refunded_amount_check`);
      await db.sql.query(`alter table bookings drop constraint bookings_no_overlap`);
      const history: string[] = [];
      // Some damage before the base too: its violations are carried into the next run.
      for (let i = r.int(0, 3); i > 0; i--) history.push(await damage(db.sql, r));
      const base = await watch.run({ trigger: IntegrityRunTrigger.CLI, em: db.orm.em, incremental: true, sampleLimit: 100 });
      const [{ mode: baseMode }] = await db.rows(`select mode from integrity_runs where id = $1`, [base.runId]);
      expect(baseMode).toBe('FULL');
      for (let round = 0; round < 3; round++) {
        for (let i = r.int(1, 6); i > 0; i--) history.push(await damage(db.sql, r));
        const incremental = await watch.run({ trigger: IntegrityRunTrigger.CLI, em: db.orm.em, incremental: true, sampleLimit: 100 });
        const full = await reportOf(db, { sampleLimit: 100 });
        expect({ seed, round, history, found: found(incremental) }).toEqual({ seed, round, history, found: found(full) });
        const [{ mode }] = await db.rows(`select mode from integrity_runs where id = $1`, [incremental.runId]);
        expect(mode).toBe('INCREMENTAL');
      }
    },
    60_000,
  );

  it('finds a violation injected after the base, one written before the base’s snapshot and committed after it, and reads only the changes for them', async () => {
    const db = await openTestDatabase();
    databases.push(db);
    await generateRandomHotel(db.orm.em.fork(), 42);
    const [{ id: paymentId }] = await db.rows<{ id: number }>(
      `insert into payments (booking_id, amount, currency, method) select min(id), 1, 'EUR', 'CASH' from bookings returning id`,
    );
    const [{ id: itemId }] = await db.rows<{ id: number }>(
      `insert into folio_items (booking_id, description, amount) select min(id), 'Tea', 1 from bookings returning id`,
    );
    // A transaction under way while the base takes its snapshot, committing after it.
    const late = new (await import('pg')).default.Client({ connectionString: db.url });
    await late.connect();
    await late.query('begin');
    await late.query('set local session_replication_role = replica');
    await late.query('update folio_items set booking_id = $2 where id = $1', [itemId, MISSING]);
    const base = await watch.run({ trigger: IntegrityRunTrigger.CLI, em: db.orm.em, incremental: true });
    expect(failingOf(base)).not.toContain('orphan:folio_items.booking_id');
    await late.query('commit');
    await late.end();
    await asReplica(db.sql, () => db.sql.query('update payments set booking_id = $2 where id = $1', [paymentId, MISSING]));
    const incremental = await watch.run({ trigger: IntegrityRunTrigger.CLI, em: db.orm.em, incremental: true });
    expect(failingOf(incremental)).toEqual(expect.arrayContaining(['orphan:folio_items.booking_id', 'orphan:payments.booking_id']));
    expect(incremental.checks.find((check) => check.name === 'orphan:payments.booking_id')).toMatchObject({
      violationCount: 1,
      sampleIds: [String(paymentId)],
    });
    expect(incremental.checks.find((check) => check.name === 'orphan:folio_items.booking_id')).toMatchObject({
      violationCount: 1,
      sampleIds: [String(itemId)],
    });
    expect(found(incremental)).toEqual(found(await reportOf(db)));
    const onChanges = (incremental as unknown as IntegrityFindings).checks.filter((check) => check.onChanges).map((check) => check.name);
    expect(onChanges).toEqual(
      expect.arrayContaining(['orphan:payments.booking_id', 'orphan:folio_items.booking_id', 'rule:booking_overpaid', 'rule:loyalty_balance']),
    );
    // Catalog checks and the inventory's rules run in full every time.
    expect(onChanges.some((name) => name.startsWith('fk_rule:') || name === 'rule:room_type_inventory')).toBe(false);
  });

  it('reads a table in full when one of its capture triggers is disabled or fires only outside replica sessions, or it was truncated', async () => {
    const db = await openTestDatabase();
    databases.push(db);
    await generateRandomHotel(db.orm.em.fork(), 7);
    await watch.run({ trigger: IntegrityRunTrigger.CLI, em: db.orm.em, incremental: true });
    const scopedOf = async () =>
      Object.fromEntries(
        ((await watch.run({ trigger: IntegrityRunTrigger.CLI, em: db.orm.em, incremental: true })) as unknown as IntegrityFindings).checks
          .filter((check) => ['orphan:payments.booking_id', 'orphan:folio_items.booking_id', 'rule:loyalty_balance'].includes(check.name))
          .map((check) => [check.name, check.onChanges]),
      );
    expect(await scopedOf()).toEqual({ 'orphan:folio_items.booking_id': true, 'orphan:payments.booking_id': true, 'rule:loyalty_balance': true });
    // Fires in origin sessions only: a replica session's writes would go unrecorded.
    await db.sql.query(`alter table payments enable trigger ${captureTriggerName('payments', 'update')}`);
    expect(await scopedOf()).toEqual({ 'orphan:folio_items.booking_id': true, 'orphan:payments.booking_id': false, 'rule:loyalty_balance': true });
    await db.sql.query(`alter table payments enable always trigger ${captureTriggerName('payments', 'update')}`);
    await db.sql.query(`alter table folio_items disable trigger ${captureTriggerName('folio_items', 'insert')}`);
    expect(await scopedOf()).toEqual({ 'orphan:folio_items.booking_id': false, 'orphan:payments.booking_id': true, 'rule:loyalty_balance': true });
    await db.sql.query(`alter table folio_items enable always trigger ${captureTriggerName('folio_items', 'insert')}`);
    await db.sql.query('truncate loyalty_transactions');
    expect(await scopedOf()).toEqual({ 'orphan:folio_items.booking_id': true, 'orphan:payments.booking_id': true, 'rule:loyalty_balance': false });
    // The next base is past the truncate.
    expect(await scopedOf()).toEqual({ 'orphan:folio_items.booking_id': true, 'orphan:payments.booking_id': true, 'rule:loyalty_balance': true });
  });
});
