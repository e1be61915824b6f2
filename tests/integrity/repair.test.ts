import { describe, expect, it } from 'vitest';
import { ruleGraphOf } from '../../src/deletion/rule-graph';
import { BusinessRuleError } from '../../src/errors/business-rule-error';
import { NotFoundError } from '../../src/errors/not-found-error';
import { asReplica, byName, repairOf, reportOf, withHotel } from '../support/integrity-fixtures';
import type { TestDatabase } from '../support/test-database';

const MISSING = 2_000_000_000;

/** Row counts of every table the model has, to compare before and after. */
async function census(h: TestDatabase): Promise<Record<string, number>> {
  const tables = [...new Set(ruleGraphOf(h.orm.getMetadata()).edges.flatMap((edge) => [edge.childTable, edge.parentTable])), 'audit_entries'].sort();
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await h.rows(`select count(*) as n from "${table}"`))[0].n);
  return counts;
}

/**
 * Two bookings whose customer is gone (loaded with the triggers off), with payments, a
 * charge and log lines of their own, and a loyalty transaction of another guest that
 * points at one of them.
 */
async function orphanedStays(h: TestDatabase, ids: Record<string, number>) {
  const insert = async (statement: string, params: unknown[]) => (await h.sql.query(`${statement} returning id`, params)).rows[0].id as number;
  return asReplica(h.sql, async () => {
    const stays: number[] = [];
    for (const [day, payments] of [
      ['2034-01-01', 2],
      ['2034-02-01', 1],
    ] as const) {
      const stay = await insert(
        // Replica role fires no trigger, so the room type a booking takes from its room is written out.
        `insert into bookings (room_id, room_type_id, customer_id, check_in, check_out, num_guests, total_amount, nightly_rate) values ($1, $2, $3, $4::date, $4::date + 2, 1, 200, 100)`,
        [ids.rooms, ids.room_types, MISSING, day],
      );
      for (let i = 0; i < payments; i++) await insert(`insert into payments (booking_id, amount, currency, method) values ($1, 20, 'EUR', 'CASH')`, [stay]);
      await insert(`insert into booking_logs (booking_id, action) values ($1, 'IMPORTED')`, [stay]);
      stays.push(stay);
    }
    await insert(`insert into folio_items (booking_id, description, amount) values ($1, 'Minibar', 12)`, [stays[0]]);
    const points = await insert(`insert into loyalty_transactions (customer_id, booking_id, points, reason) values ($1, $2, 7, 'stay')`, [
      ids.customers,
      stays[1],
    ]);
    await h.sql.query(`update customers set loyalty_points = loyalty_points + 7 where id = $1`, [ids.customers]);
    return { stays, points };
  });
}

describe('repairIntegrity of orphans, by the rule of their relation', () => {
  it('CASCADE: a dry run counts exactly what the repair then does; the orphans’ own children go with them; one audit entry', async () => {
    await withHotel(async (h, ids) => {
      const { stays, points } = await orphanedStays(h, ids);
      expect(byName(await reportOf(h, { checks: ['orphan:bookings.customer_id'] }), 'orphan:bookings.customer_id')).toMatchObject({
        violationCount: 2,
        sampleIds: stays.map(String),
      });
      const before = await census(h);
      const expected = [
        { kind: 'DELETE', table: 'booking_logs', column: null, count: 2 },
        { kind: 'DELETE', table: 'bookings', column: null, count: 2 },
        { kind: 'DELETE', table: 'folio_items', column: null, count: 1 },
        { kind: 'DELETE', table: 'payments', column: null, count: 3 },
        { kind: 'SET_NULL', table: 'loyalty_transactions', column: 'booking_id', count: 1 },
      ];

      const preview = await repairOf(h, { check: 'orphan:bookings.customer_id' });
      expect(preview).toMatchObject({ check: 'orphan:bookings.customer_id', dryRun: true, audit: null });
      expect(preview.actions.map(({ kind, table, column, count }) => ({ kind, table, column, count }))).toEqual(expected);
      expect(await census(h)).toEqual(before);

      const done = await repairOf(h, { check: 'orphan:bookings.customer_id', dryRun: false, reason: 'Legacy import' });
      expect(done.actions).toEqual(preview.actions);
      const after = await census(h);
      const removed = Object.fromEntries(Object.keys(before).map((table) => [table, before[table] - after[table]]));
      expect(removed).toMatchObject({ booking_logs: 2, bookings: 2, folio_items: 1, payments: 3, loyalty_transactions: 0, customers: 0, audit_entries: -1 });
      expect(await h.rows(`select booking_id from loyalty_transactions where id = $1`, [points])).toEqual([{ booking_id: null }]);

      const [audit] = await h.rows(`select actor, action, entity, entity_id, reason, details from audit_entries`);
      expect(audit).toEqual({
        actor: 'token:1 (test admin)',
        action: 'REPAIR',
        entity: 'INTEGRITY',
        entity_id: 'orphan:bookings.customer_id',
        reason: 'Legacy import',
        details: { check: 'orphan:bookings.customer_id', kind: 'ORPHAN', actions: expected.map((action) => ({ ...action, constraint: null })) },
      });
      const report = await reportOf(h, { checks: ['orphan:'] });
      expect(report.ok).toBe(true);
    });
  });

  it('CASCADE through a NOT VALID foreign key: it fires like any other, so the children still go', async () => {
    await withHotel(async (h, ids) => {
      await orphanedStays(h, ids);
      await h.sql.query(
        `alter table payments drop constraint payments_booking_id_foreign, add constraint payments_booking_id_foreign foreign key (booking_id) references bookings on update cascade on delete cascade not valid`,
      );
      const done = await repairOf(h, { check: 'orphan:bookings.customer_id', dryRun: false });
      expect(done.actions.find((action) => action.table === 'payments')).toMatchObject({ kind: 'DELETE', count: 3 });
      expect(await h.rows(`select count(*)::int as n from payments p where not exists (select 1 from bookings b where b.id = p.booking_id)`)).toEqual([
        { n: 0 },
      ]);
    });
  });

  it('CASCADE with a foreign key below dropped: refused, since PostgreSQL would stop there and leave new orphans', async () => {
    await withHotel(async (h, ids) => {
      await orphanedStays(h, ids);
      await h.sql.query(`alter table payments drop constraint payments_booking_id_foreign`);
      const before = await census(h);
      for (const dryRun of [true, false]) {
        await expect(repairOf(h, { check: 'orphan:bookings.customer_id', dryRun })).rejects.toMatchObject({
          constructor: BusinessRuleError,
          rule: 'repair_needs_foreign_keys',
          message: expect.stringContaining('fk_rule:payments.booking_id fails: restore those foreign keys as declared first (npm run integrity:adopt'),
        });
      }
      expect(await census(h)).toEqual(before);
    });
  });

  it('CASCADE reaching a row that RESTRICTs (an invoice): refused, naming the blockers', async () => {
    await withHotel(async (h, ids) => {
      const { stays } = await orphanedStays(h, ids);
      const { rows } = await h.sql.query(`insert into invoices (booking_id, number, amount, currency) values ($1, 'INV-9', 200, 'EUR') returning id`, [
        stays[1],
      ]);
      await expect(repairOf(h, { check: 'orphan:bookings.customer_id', dryRun: false })).rejects.toMatchObject({
        rule: 'orphan_cascade_restricted',
        message: `Removing the orphans of bookings.customer_id would remove rows that others still RESTRICT: 1 row of invoices (booking_id; ids ${rows[0].id}). Delete or reassign those rows first, then repair again.`,
      });
    });
  });

  it('SET NULL: the dangling reference is cleared, the row kept', async () => {
    await withHotel(async (h, ids) => {
      await asReplica(h.sql, () => h.sql.query(`update payments set processed_by_id = $1 where id = $2`, [MISSING, ids.payments]));
      const preview = await repairOf(h, { check: 'orphan:payments.processed_by_id' });
      expect(preview.actions).toEqual([
        {
          kind: 'SET_NULL',
          table: 'payments',
          column: 'processed_by_id',
          constraint: null,
          count: 1,
          description: 'Clear payments.processed_by_id on 1 row whose users row is missing.',
        },
      ]);
      expect(await h.rows(`select processed_by_id from payments where id = $1`, [ids.payments])).toEqual([{ processed_by_id: MISSING }]);
      expect((await repairOf(h, { check: 'orphan:payments.processed_by_id', dryRun: false })).actions).toEqual(preview.actions);
      expect(await h.rows(`select processed_by_id from payments where id = $1`, [ids.payments])).toEqual([{ processed_by_id: null }]);
    });
  });

  it('RESTRICT: refused, dry run or not, with what to do instead; nothing changes, no audit entry', async () => {
    await withHotel(async (h, ids) => {
      await asReplica(h.sql, () => h.sql.query(`update bookings set room_id = $1 where id = $2`, [MISSING, ids.bookings]));
      const before = await census(h);
      for (const dryRun of [true, false]) {
        await expect(repairOf(h, { check: 'orphan:bookings.room_id', dryRun })).rejects.toMatchObject({
          constructor: BusinessRuleError,
          rule: 'orphan_not_repairable',
          message: expect.stringMatching(
            /^1 row of bookings points at missing rooms rows through bookings.room_id, ON DELETE RESTRICT\. .*re-create the missing rooms rows, or point these rows at existing ones/,
          ),
        });
      }
      expect(await census(h)).toEqual(before);
    });
  });
});

describe('repairIntegrity of NOT VALID constraints', () => {
  it('validates only once nothing violates it: refused while orphans remain, then a dry run, then VALIDATE CONSTRAINT', async () => {
    await withHotel(async (h, ids) => {
      const { stays } = await orphanedStays(h, ids);
      await h.sql.query(
        `alter table bookings drop constraint bookings_customer_id_foreign, add constraint bookings_customer_id_foreign foreign key (customer_id) references customers on update cascade on delete cascade not valid`,
      );
      const validated = async () => (await h.rows(`select convalidated from pg_constraint where conname = 'bookings_customer_id_foreign'`))[0].convalidated;
      await expect(repairOf(h, { check: 'not_valid:bookings_customer_id_foreign', dryRun: false })).rejects.toMatchObject({
        rule: 'constraint_violated',
        message: `2 rows of bookings (ids ${stays.join(', ')}) break bookings_customer_id_foreign, so it cannot be validated yet: repair the orphan:bookings.customer_id check, then validate again.`,
      });
      await repairOf(h, { check: 'orphan:bookings.customer_id', dryRun: false });
      const preview = await repairOf(h, { check: 'not_valid:bookings_customer_id_foreign' });
      expect(preview.actions).toEqual([
        {
          kind: 'VALIDATE',
          table: 'bookings',
          column: null,
          constraint: 'bookings_customer_id_foreign',
          count: 1,
          description: 'Validate bookings_customer_id_foreign of bookings: no row violates it.',
        },
      ]);
      expect(await validated()).toBe(false);
      expect((await repairOf(h, { check: 'not_valid:bookings_customer_id_foreign', dryRun: false })).actions).toEqual(preview.actions);
      expect(await validated()).toBe(true);
      expect((await reportOf(h, { checks: ['not_valid:', 'orphan:'] })).ok).toBe(true);
      expect((await repairOf(h, { check: 'not_valid:bookings_customer_id_foreign', dryRun: false })).actions).toEqual([]);
    });
  });

  it('a NOT VALID CHECK: refused while a row breaks it, validated once the row is corrected', async () => {
    await withHotel(async (h, ids) => {
      await h.sql.query(`alter table payments drop constraint payments_amount_check`);
      await h.sql.query(`update payments set amount = 0 where id = $1`, [ids.payments]);
      await h.sql.query(`alter table payments add constraint payments_amount_check check (amount > 0) not valid`);
      await expect(repairOf(h, { check: 'not_valid:payments_amount_check', dryRun: false })).rejects.toMatchObject({
        rule: 'constraint_violated',
        message: `1 row of payments (ids ${ids.payments}) breaks payments_amount_check, so it cannot be validated yet: correct those rows, then validate again.`,
      });
      await h.sql.query(`update payments set amount = 50 where id = $1`, [ids.payments]);
      await repairOf(h, { check: 'not_valid:payments_amount_check', dryRun: false });
      expect((await reportOf(h)).ok).toBe(true);
    });
  });
});

describe('repairIntegrity refuses', () => {
  it('an unknown check (NotFound) and a check with no automatic repair (BusinessRuleError)', async () => {
    await withHotel(async (h) => {
      await expect(repairOf(h, { check: 'orphan:nowhere.nothing' })).rejects.toMatchObject({
        constructor: NotFoundError,
        message: 'No integrity check is named orphan:nowhere.nothing; integrityReport lists them all.',
      });
      await expect(repairOf(h, { check: 'rule:room_double_booked', dryRun: false })).rejects.toMatchObject({
        constructor: BusinessRuleError,
        rule: 'integrity_repairable',
        message: expect.stringMatching(
          /^rule:room_double_booked has no automatic repair \(only orphan:, not_valid: and derived rule: checks do\)\. Move or cancel/,
        ),
      });
    });
  });
});
