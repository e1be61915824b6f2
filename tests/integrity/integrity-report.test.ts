import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleGraphOf } from '../../src/deletion/rule-graph';
import { seedDemoHotel } from '../../src/demo/demo-seed';
import { RequestError } from '../../src/errors/request-error';
import { BUSINESS_RULES } from '../../src/integrity/business-rules';
import { IntegrityCheckKind } from '../../src/integrity/checks/integrity-check';
import { asReplica, byName, failing, reportOf, withHotel } from '../support/integrity-fixtures';
import { type TestDatabase, useTestDatabase } from '../support/test-database';

/** Every business rule's check, in the report's order (by name). */
const RULE_CHECKS = BUSINESS_RULES.map((rule) => `rule:${rule.name}`).sort();

/** An id no row has: what an orphan points at. */
const MISSING = 2_000_000_000;

const names = (h: TestDatabase, prefix: string) =>
  ruleGraphOf(h.orm.getMetadata())
    .edges.map((edge) => `${prefix}:${edge.childTable}.${edge.column}`)
    .sort();

describe('on sound data', () => {
  const demo = useTestDatabase();
  beforeAll(async () => {
    await seedDemoHotel(demo.orm.em.fork(), 'EUR');
  });

  it('the demo hotel passes every check, of every kind, each derived from the model and the catalog', async () => {
    const report = await reportOf(demo);
    expect(failing(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const kinds = new Set(report.checks.map((check) => check.kind));
    expect([...kinds].sort()).toEqual(Object.values(IntegrityCheckKind).sort());
    const constraints = await demo.rows<{ name: string; type: string }>(
      `select conname as name, contype as type from pg_constraint where connamespace = current_schema()::regnamespace and contype in ('f', 'c') and conrelid <> 'mikro_orm_migrations'::regclass`,
    );
    const checkNames = report.checks.map((check) => check.name);
    expect(checkNames.filter((name) => name.startsWith('orphan:')).sort()).toEqual(names(demo, 'orphan'));
    expect(checkNames.filter((name) => name.startsWith('fk_rule:')).sort()).toEqual(names(demo, 'fk_rule'));
    expect(checkNames.filter((name) => name.startsWith('unindexed_fk:')).sort()).toEqual(names(demo, 'unindexed_fk'));
    expect(checkNames.filter((name) => name.startsWith('not_valid:')).sort()).toEqual(constraints.map((c) => `not_valid:${c.name}`).sort());
    expect(checkNames.filter((name) => name.startsWith('check:')).sort()).toEqual(
      constraints
        .filter((c) => c.type === 'c')
        .map((c) => `check:${c.name}`)
        .sort(),
    );
    expect(checkNames.filter((name) => name.startsWith('rule:')).sort()).toEqual(RULE_CHECKS);
    expect(
      report.checks.every((check) => check.violationCount === 0 && check.sampleIds.length === 0 && check.suggestedFix === null && check.error === null),
    ).toBe(true);
  });

  it('selects checks by name, by prefix, by kind; refuses unknown names listing what exists', async () => {
    const pick = async (checks: string[]) => (await reportOf(demo, { checks })).checks.map((check) => check.name);
    expect(await pick(['rule:loyalty_balance'])).toEqual(['rule:loyalty_balance']);
    expect(await pick(['orphan:payments.'])).toEqual(['orphan:payments.booking_id', 'orphan:payments.processed_by_id']);
    expect(await pick(['orphan:'])).toEqual(names(demo, 'orphan'));
    expect(await pick(['rule', 'fk_rule:rooms.room_type_id'])).toEqual(['fk_rule:rooms.room_type_id', ...RULE_CHECKS]);
    const refused = reportOf(demo, { checks: ['orphan:payments.booking_id', 'orphan:nowhere.x', 'bogus'] });
    await expect(refused).rejects.toBeInstanceOf(RequestError);
    await expect(refused).rejects.toThrow(
      /Unknown integrity checks "orphan:nowhere.x", "bogus"\. .*orphan:, fk_rule:.* The checks are: fk_rule:api_tokens\.user_id, /,
    );
  });

  it('bounds sampleLimit like `first`: 0 to 100, default 10', async () => {
    await expect(reportOf(demo, { sampleLimit: 101 })).rejects.toThrow('sampleLimit must be between 0 and 100, got 101');
    await expect(reportOf(demo, { sampleLimit: -1 })).rejects.toThrow('sampleLimit must be between 0 and 100, got -1');
  });
});

describe('every check, against data made to violate it', () => {
  it('orphan: one per foreign key of the model, finding the rows whose parent is missing (triggers bypassed by replica role)', async () => {
    await withHotel(async (h, ids) => {
      expect(failing(await reportOf(h))).toEqual([]);
      await asReplica(h.sql, async () => {
        for (const edge of ruleGraphOf(h.orm.getMetadata()).edges) {
          expect({ table: edge.childTable, fixture: ids[edge.childTable] }).toEqual({ table: edge.childTable, fixture: expect.any(Number) });
          await h.sql.query(`update "${edge.childTable}" set "${edge.column}" = $1 where id = $2`, [MISSING, ids[edge.childTable]]);
        }
      });
      const report = await reportOf(h);
      // The loyalty transaction that left its customer no longer explains the customer's balance;
      // the room that left its room type leaves the type's stay of 2031-02-01 sold beyond its rooms.
      expect(failing(report).sort()).toEqual([...names(h, 'orphan'), 'rule:loyalty_balance', 'rule:room_type_oversold']);
      for (const edge of ruleGraphOf(h.orm.getMetadata()).edges) {
        expect(byName(report, `orphan:${edge.childTable}.${edge.column}`)).toMatchObject({
          kind: 'ORPHAN',
          severity: 'HIGH',
          passed: false,
          violationCount: 1,
          sampleIds: [String(ids[edge.childTable])],
          description: expect.stringContaining(`ON DELETE ${edge.rule.name}`),
          suggestedFix: expect.any(String),
        });
      }
      expect(byName(report, 'orphan:bookings.room_id').suggestedFix).toMatch(/RESTRICT means .* nothing is repaired automatically/);
    });
  });

  it('fk_rule: a foreign key dropped, or with another ON DELETE than the entity declares', async () => {
    await withHotel(async (h) => {
      const live = await h.rows<{ table: string; column: string; name: string }>(`
        select c.conrelid::regclass::text as table, a.attname as column, c.conname as name from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1] where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`);
      const altered: string[] = [];
      for (const [i, edge] of ruleGraphOf(h.orm.getMetadata()).edges.entries()) {
        const fk = live.find((candidate) => candidate.table === edge.childTable && candidate.column === edge.column)!;
        await h.sql.query(`alter table "${edge.childTable}" drop constraint "${fk.name}"`);
        if (i % 2 === 0) {
          await h.sql.query(
            `alter table "${edge.childTable}" add constraint "${fk.name}" foreign key ("${edge.column}") references "${edge.parentTable}" on delete no action`,
          );
          altered.push(fk.name);
        }
      }
      const report = await reportOf(h);
      expect(failing(report).sort()).toEqual(names(h, 'fk_rule'));
      for (const [i, edge] of ruleGraphOf(h.orm.getMetadata()).edges.entries()) {
        const result = byName(report, `fk_rule:${edge.childTable}.${edge.column}`);
        expect(result).toMatchObject({ kind: 'FK_RULE', severity: 'CRITICAL', violationCount: 1, sampleIds: [] });
        expect(result.description).toContain(
          i % 2 === 0 ? `The live foreign key ${altered[i / 2]} has ON DELETE NO ACTION.` : 'The live database has no such foreign key.',
        );
      }
    });
  });

  it('unindexed_fk: a foreign key column whose only index is gone, partial, or led by another column', async () => {
    await withHotel(async (h) => {
      const indexes = await h.rows<{ table: string; index: string; owner: string | null }>(`
        select t.relname as table, i.relname as index, c.conname as owner
        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
        left join pg_constraint c on c.conindid = x.indexrelid and c.contype in ('u', 'x')
        where t.relnamespace = current_schema()::regnamespace and not x.indisprimary and x.indpred is null
          and exists (select 1 from pg_constraint f where f.contype = 'f' and f.conrelid = x.indrelid and f.conkey[1] = x.indkey[0])`);
      for (const index of indexes) {
        await h.sql.query(index.owner ? `alter table "${index.table}" drop constraint "${index.owner}"` : `drop index "${index.index}"`);
      }
      await h.sql.query(`create index payments_booking_id_partial on payments (booking_id) where amount > 100`);
      await h.sql.query(`create index folio_items_description_booking_id on folio_items (description, booking_id)`);
      const report = await reportOf(h);
      expect(failing(report).sort()).toEqual(names(h, 'unindexed_fk'));
      expect(byName(report, 'unindexed_fk:payments.booking_id')).toMatchObject({
        kind: 'UNINDEXED_FK',
        severity: 'LOW',
        violationCount: 1,
        suggestedFix: expect.stringContaining('create index concurrently "payments_booking_id_index" on "payments" ("booking_id")'),
      });
    });
  });

  it('not_valid: every foreign key and CHECK added NOT VALID, counting the rows that keep each from validating', async () => {
    await withHotel(async (h, ids) => {
      const constraints = await h.rows<{ table: string; name: string; def: string }>(`
        select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
        where connamespace = current_schema()::regnamespace and contype in ('f', 'c') and conrelid <> 'mikro_orm_migrations'::regclass`);
      await asReplica(h.sql, () => h.sql.query(`update payments set booking_id = $1 where id = $2`, [MISSING, ids.payments]));
      await h.sql.query(`alter table payments drop constraint payments_amount_check`);
      await h.sql.query(`update payments set amount = 0 where id = $1`, [ids.payments]);
      for (const c of constraints) {
        await h.sql.query(`alter table "${c.table}" drop constraint if exists "${c.name}", add constraint "${c.name}" ${c.def} not valid`);
      }
      const report = await reportOf(h);
      expect(failing(report).sort()).toEqual(
        [...constraints.map((c) => `not_valid:${c.name}`), 'orphan:payments.booking_id', 'check:payments_amount_check'].sort(),
      );
      for (const c of constraints) {
        const bad = ['payments_booking_id_foreign', 'payments_amount_check'].includes(c.name);
        expect(byName(report, `not_valid:${c.name}`)).toMatchObject({
          kind: 'NOT_VALID',
          severity: 'MEDIUM',
          violationCount: bad ? 1 : 0,
          sampleIds: bad ? [String(ids.payments)] : [],
          description: expect.stringContaining('PostgreSQL has not validated it'),
        });
      }
    });
  });

  it('check: rows breaking a CHECK added NOT VALID, evaluated from its own expression; a declared CHECK dropped is reported with its rows', async () => {
    await withHotel(async (h, ids) => {
      // Dropped, broken, added back NOT VALID: all at once, since a NOT VALID CHECK still holds for every row updated.
      const broken = [
        ['bookings', 'bookings_dates_check', `update bookings set check_out = check_in where id = ${ids.bookings}`],
        ['bookings', 'bookings_status_check', `update bookings set status = 'LOST' where id = ${ids.bookings}`],
        ['notifications', 'notifications_recipient_check', `update notifications set user_id = null, customer_id = null where id = ${ids.notifications}`],
      ];
      const definitions = await h.rows<{ name: string; def: string }>(
        `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conname = any($1)`,
        [broken.map(([, name]) => name)],
      );
      for (const [table, name] of broken) await h.sql.query(`alter table "${table}" drop constraint "${name}"`);
      for (const [, , update] of broken) await h.sql.query(update);
      for (const [table, name] of broken) {
        await h.sql.query(`alter table "${table}" add constraint "${name}" ${definitions.find((d) => d.name === name)!.def} not valid`);
      }
      await h.sql.query(`alter table customers drop constraint customers_loyalty_points_check`);
      await h.sql.query(`update customers set loyalty_points = -5 where id = ${ids.customers}`);
      await h.sql.query(`insert into loyalty_transactions (customer_id, points, reason) values (${ids.customers}, -10, 'spent')`);

      const report = await reportOf(h, { checks: ['check:'] });
      expect(failing(report).sort()).toEqual([
        'check:bookings_dates_check',
        'check:bookings_status_check',
        'check:customers_loyalty_points_check',
        'check:notifications_recipient_check',
      ]);
      expect(byName(report, 'check:bookings_dates_check')).toMatchObject({
        kind: 'CHECK',
        severity: 'HIGH',
        violationCount: 1,
        sampleIds: [String(ids.bookings)],
        description: 'Rows of bookings for which the CHECK bookings_dates_check, (check_in < check_out), is false. Ids are bookings.',
      });
      expect(byName(report, 'check:bookings_status_check')).toMatchObject({ violationCount: 1, sampleIds: [String(ids.bookings)] });
      expect(byName(report, 'check:notifications_recipient_check')).toMatchObject({ violationCount: 1, sampleIds: [String(ids.notifications)] });
      expect(byName(report, 'check:customers_loyalty_points_check')).toMatchObject({
        violationCount: 1,
        sampleIds: [String(ids.customers)],
        description: expect.stringContaining('The entity declares this CHECK, but the database does not have it.'),
        suggestedFix: expect.stringContaining('npm run integrity:adopt'),
      });
    });
  });

  it('rule: each business rule finds exactly the rows that break it, and only those', async () => {
    await withHotel(async (h, ids) => {
      const { rows: rooms } = await h.sql.query(
        `insert into rooms (number, floor, room_type_id) select n, 2, $1 from unnest(array['201', '202', '203']) n returning id`,
        [ids.room_types],
      );
      const [r1, r2, r3] = rooms.map((row) => row.id as number);
      const booking = async (room: number, checkIn: string, checkOut: string, status: string, total = 200, cancelledAt: string | null = null) =>
        (
          await h.sql.query(
            `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, status, total_amount, cancelled_at)
             values ($1, $2, $3, $4, 1, $5, $6, $7) returning id`,
            [room, ids.customers, checkIn, checkOut, status, total, cancelledAt],
          )
        ).rows[0].id as number;
      const pay = (bookingId: number, amount: number, refunded = 0) =>
        h.sql.query(`insert into payments (booking_id, amount, refunded_amount, currency, method) values ($1, $2, $3, 'EUR', 'CARD')`, [
          bookingId,
          amount,
          refunded,
        ]);
      const charge = (bookingId: number, amount: number) =>
        h.sql.query(`insert into folio_items (booking_id, description, amount) values ($1, 'Spa', $2)`, [bookingId, amount]);

      // Overlaps in room 201: a [1,5) with b [2,3) and c [4,6); d [6,8) only touches c; a cancelled stay overlapping all is released.
      await h.sql.query(`alter table bookings drop constraint bookings_no_overlap`);
      const a = await booking(r1, '2033-01-01', '2033-01-05', 'CONFIRMED');
      const b = await booking(r1, '2033-01-02', '2033-01-03', 'CHECKED_IN');
      const c = await booking(r1, '2033-01-04', '2033-01-06', 'CONFIRMED');
      await booking(r1, '2033-01-06', '2033-01-08', 'CONFIRMED');
      const released = await booking(r1, '2033-01-01', '2033-01-09', 'CANCELLED', 200, '2032-12-01');
      await booking(r1, '2033-01-01', '2033-01-09', 'NO_SHOW', 0);
      // Money: overpaid (240 net against 230 billed), settled to the cent, checked out owing 50, confirmed owing (allowed).
      const overpaid = await booking(r2, '2033-02-01', '2033-02-03', 'CHECKED_OUT');
      await charge(overpaid, 30);
      await pay(overpaid, 150);
      await pay(overpaid, 100, 10);
      const settled = await booking(r2, '2033-02-03', '2033-02-05', 'CHECKED_OUT');
      await charge(settled, -20);
      await pay(settled, 180);
      const owing = await booking(r2, '2033-02-05', '2033-02-07', 'CHECKED_OUT');
      await pay(owing, 150);
      await booking(r2, '2033-02-07', '2033-02-09', 'CONFIRMED');
      const noTime = await booking(r2, '2033-03-01', '2033-03-02', 'CANCELLED', 0);
      // A bill past numeric(12,2), which booking_bill_within_bound refuses unless bypassed.
      const unreadable = await booking(r2, '2033-04-01', '2033-04-02', 'CONFIRMED', 9_999_999_999);
      await asReplica(h.sql, () => charge(unreadable, 1));
      // All three rooms out of order: 201 and 203 with a guest checked in, 202 without one.
      await booking(r3, '2033-01-01', '2033-01-04', 'CHECKED_IN');
      await h.sql.query(`update rooms set status = 'OUT_OF_ORDER' where id = any($1)`, [[r1, r2, r3]]);
      // Inventory: with three of the four Double rooms out of order, January's first four nights hold more stays than rooms;
      // and a row no booking made, with units the rooms do not have.
      await h.sql.query(`insert into room_type_nights (room_type_id, night, available, sold) values ($1, '2034-06-01', 5, 0)`, [ids.room_types]);
      // Loyalty: a second guest whose balance disagrees with the ledger.
      const { rows: guests } = await h.sql.query(
        `insert into customers (first_name, last_name, email, loyalty_points) values ('Guest', 'Two', 'two@guest.test', 12) returning id`,
      );
      await h.sql.query(`insert into loyalty_transactions (customer_id, points, reason) values ($1, 10, 'stay')`, [guests[0].id]);

      // Receivables: one left owing at check-out and still open (its receivable covers the balance, so it is no unsettled folio), one on a booking not checked out.
      const receivable = async (bookingId: number, amount: number) =>
        (await h.sql.query(`insert into receivables (booking_id, amount, reason) values ($1, $2, 'Company pays') returning id`, [bookingId, amount])).rows[0]
          .id as number;
      const leftOwing = await booking(r2, '2033-05-01', '2033-05-03', 'CHECKED_OUT');
      await pay(leftOwing, 50);
      await receivable(leftOwing, 150);
      const notCheckedOut = await receivable(await booking(r2, '2033-05-03', '2033-05-05', 'CONFIRMED'), 10);

      // Erasure: a guest marked erased whose row still names them, past the CHECK that refuses it; one erased as eraseCustomer leaves it is sound.
      await h.sql.query(`alter table customers drop constraint customers_erased_check`);
      const { rows: stillNamed } = await h.sql.query(
        `insert into customers (first_name, last_name, email, erased_at) values ('Still', 'Named', 'still@guest.test', now()) returning id`,
      );
      const { rows: gone } = await h.sql.query(`insert into customers (first_name, last_name, email) values ('Gone', 'Guest', 'gone@guest.test') returning id`);
      await h.sql.query(
        `update customers set first_name = 'Erased', last_name = 'Erased', email = 'erased-' || id || '@erased.invalid', erased_at = now() where id = $1`,
        [gone[0].id],
      );

      const report = await reportOf(h, { checks: ['rule:'] });
      expect(failing(report)).toEqual(RULE_CHECKS);
      const sample = (name: string) => {
        const { violationCount, sampleIds, severity } = byName(report, name);
        return { violationCount, sampleIds, severity };
      };
      expect(sample('rule:room_double_booked')).toEqual({ violationCount: 3, sampleIds: [a, b, c].map(String), severity: 'CRITICAL' });
      expect(sample('rule:booking_bill_bound')).toEqual({ violationCount: 1, sampleIds: [String(unreadable)], severity: 'HIGH' });
      expect(sample('rule:booking_overpaid')).toEqual({ violationCount: 1, sampleIds: [String(overpaid)], severity: 'HIGH' });
      expect(sample('rule:checked_out_unsettled')).toEqual({ violationCount: 1, sampleIds: [String(owing)], severity: 'HIGH' });
      expect(sample('rule:cancelled_without_time')).toEqual({ violationCount: 1, sampleIds: [String(noTime)], severity: 'LOW' });
      expect(sample('rule:out_of_order_occupied')).toEqual({ violationCount: 2, sampleIds: [r1, r3].map(String), severity: 'HIGH' });
      expect(sample('rule:loyalty_balance')).toEqual({ violationCount: 1, sampleIds: [String(guests[0].id)], severity: 'MEDIUM' });
      expect(sample('rule:open_receivable')).toEqual({ violationCount: 1, sampleIds: [String(leftOwing)], severity: 'LOW' });
      expect(sample('rule:receivable_not_checked_out')).toEqual({ violationCount: 1, sampleIds: [String(notCheckedOut)], severity: 'HIGH' });
      // A released stay still billing its room; the no-show and the cancellation without a time bill nothing.
      expect(sample('rule:room_type_oversold')).toEqual({
        violationCount: 4,
        sampleIds: ['01', '02', '03', '04'].map((d) => `${ids.room_types}@2033-01-${d}`),
        severity: 'HIGH',
      });
      expect(sample('rule:room_type_inventory')).toEqual({ violationCount: 1, sampleIds: [`${ids.room_types}@2034-06-01`], severity: 'CRITICAL' });
      expect(sample('rule:released_room_billed')).toEqual({ violationCount: 1, sampleIds: [String(released)], severity: 'MEDIUM' });
      expect(sample('rule:erased_customer_personal_data')).toEqual({ violationCount: 1, sampleIds: [String(stillNamed[0].id)], severity: 'HIGH' });

      const limited = await reportOf(h, { checks: ['rule:room_double_booked', 'rule:out_of_order_occupied'], sampleLimit: 1 });
      expect(limited.checks.map(({ violationCount, sampleIds }) => ({ violationCount, sampleIds }))).toEqual([
        { violationCount: 2, sampleIds: [String(r1)] },
        { violationCount: 3, sampleIds: [String(a)] },
      ]);
      expect((await reportOf(h, { checks: ['rule:room_double_booked'], sampleLimit: 0 })).checks[0]).toMatchObject({ violationCount: 3, sampleIds: [] });
    });
  });
});

describe('how the report runs', () => {
  it('reads one snapshot: a row committed while the report runs is not seen by a later check', async () => {
    await withHotel(async (h, ids) => {
      const other = new pg.Client({ connectionString: h.url });
      await other.connect();
      try {
        const report = await reportOf(h, {
          checks: ['orphan:bookings.customer_id', 'orphan:payments.booking_id'],
          onProgress: async ({ index, result }) => {
            if (index === 0 && result) {
              await asReplica(other, () =>
                other.query(`insert into payments (booking_id, amount, currency, method) values ($1, 10, 'EUR', 'CARD')`, [MISSING]),
              );
            }
          },
        });
        expect(report.checks.map((check) => [check.name, check.violationCount])).toEqual([
          ['orphan:bookings.customer_id', 0],
          ['orphan:payments.booking_id', 0],
        ]);
        expect(byName(await reportOf(h, { checks: ['orphan:payments.booking_id'] }), 'orphan:payments.booking_id').violationCount).toBe(1);
        expect(ids.payments).toBeGreaterThan(0);
      } finally {
        await other.end();
      }
    });
  });

  it('a check that times out or fails is reported failed with its reason, and the others still run', async () => {
    await withHotel(async (h) => {
      // Evaluating this CHECK divides by zero on the fixture's one-guest booking.
      await h.sql.query(`alter table bookings add constraint bookings_fragile_check check (num_guests / (num_guests - 1) >= 0) not valid`);
      const locker = new pg.Client({ connectionString: h.url });
      await locker.connect();
      try {
        await locker.query('begin');
        await locker.query('lock table payments in access exclusive mode');
        const report = await reportOf(h, {
          checks: ['orphan:payments.booking_id', 'check:bookings_fragile_check', 'orphan:folio_items.booking_id'],
          statementTimeoutMs: 300,
        });
        expect(report.ok).toBe(false);
        expect(report.checks.map(({ name, passed, error }) => ({ name, passed, error }))).toEqual([
          {
            name: 'check:bookings_fragile_check',
            passed: false,
            error: 'Could not run: PostgreSQL refused the statement with error 22012; the log has the details.',
          },
          { name: 'orphan:folio_items.booking_id', passed: true, error: null },
          {
            name: 'orphan:payments.booking_id',
            passed: false,
            error: 'Did not finish within its statement timeout of 300 ms (INTEGRITY_STATEMENT_TIMEOUT_MS).',
          },
        ]);
        expect(byName(report, 'orphan:payments.booking_id').suggestedFix).toMatch(/^Run it alone \(checks: \["orphan:payments.booking_id"\]\)/);
      } finally {
        await locker.query('rollback');
        await locker.end();
      }
    });
  });
});
