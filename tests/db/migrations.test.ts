import type { MikroORM } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleGraphOf } from '../../src/deletion/rule-graph';
import { CONSTRAINT_RULES } from '../../src/errors/constraint-rules';
import { fixtures } from '../support/fixtures';
import { useTestDatabase } from '../support/test-database';

let orm: MikroORM;

const database = useTestDatabase();
beforeAll(async () => {
  orm = database.orm;
});

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.getConnection().execute(sql, params);
}

/** Runs one statement in its own transaction and returns how PostgreSQL refused it. */
async function refusal(sql: string, params: unknown[] = []): Promise<{ code?: string; constraint?: string } | undefined> {
  try {
    await orm.em.fork().transactional((em) => em.getConnection().execute(sql, params, 'run', em.getTransactionContext()));
    return undefined;
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    return { code, constraint };
  }
}

const sqlState = async (sql: string, params: unknown[] = []) => (await refusal(sql, params))?.code;

describe('migrations', () => {
  it('leave nothing for MikroORM to change: the migrated schema equals the metadata', async () => {
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('give every foreign key the ON DELETE action its entity declares', async () => {
    const graph = ruleGraphOf(orm.getMetadata());
    const live = await rows<{ table: string; column: string; action: string }>(`
      select c.conrelid::regclass::text as table, a.attname as column, c.confdeltype as action
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`);
    const liveByColumn = new Map(live.map((fk) => [`${fk.table}.${fk.column}`, fk.action]));
    expect(live).toHaveLength(graph.edges.length);
    for (const edge of graph.edges) {
      expect({ fk: `${edge.childTable}.${edge.column}`, action: liveByColumn.get(`${edge.childTable}.${edge.column}`) }).toEqual({
        fk: `${edge.childTable}.${edge.column}`,
        action: edge.rule.confdeltype,
      });
    }
  });

  it('carry the rule table of the design document', () => {
    const rules = Object.fromEntries(ruleGraphOf(orm.getMetadata()).edges.map((edge) => [`${edge.childTable}.${edge.column}`, edge.rule.name]));
    expect(rules).toMatchObject({
      'customers.user_id': 'CASCADE',
      'notifications.user_id': 'CASCADE',
      'bookings.cancelled_by_id': 'SET NULL',
      'payments.processed_by_id': 'SET NULL',
      'housekeeping_tasks.assigned_to_id': 'SET NULL',
      'maintenance_requests.reported_by_id': 'SET NULL',
      'maintenance_requests.assigned_to_id': 'SET NULL',
      'booking_logs.actor_id': 'SET NULL',
      'bookings.customer_id': 'CASCADE',
      'loyalty_transactions.customer_id': 'CASCADE',
      'waitlist_entries.customer_id': 'CASCADE',
      'bookings.room_id': 'RESTRICT',
      'housekeeping_tasks.room_id': 'CASCADE',
      'maintenance_requests.room_id': 'CASCADE',
      'rooms.room_type_id': 'RESTRICT',
      'waitlist_entries.room_type_id': 'CASCADE',
      'payments.booking_id': 'CASCADE',
      'booking_logs.booking_id': 'CASCADE',
      'folio_items.booking_id': 'CASCADE',
      'loyalty_transactions.booking_id': 'SET NULL',
    });
  });

  it('index every foreign key column with an index that leads with it', async () => {
    const unindexed = await rows<{ fk: string }>(`
      select c.conrelid::regclass::text || '.' || a.attname as fk
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`);
    expect(unindexed).toEqual([]);
  });

  it('name a client-facing meaning for every constraint of the schema', async () => {
    const constraints = await rows<{ name: string }>(`
      select conname as name from pg_constraint
      where connamespace = 'public'::regnamespace and contype in ('c', 'f', 'u', 'x')`);
    const unmapped = constraints.map((c) => c.name).filter((name) => !(name in CONSTRAINT_RULES));
    expect(unmapped).toEqual([]);
  });
});

describe('constraints', () => {
  let roomId: number;
  let customerId: number;

  beforeAll(async () => {
    const f = fixtures(orm.em.fork());
    const type = await f.roomType({ capacity: 2 });
    const room = await f.room(type);
    const customer = await f.customer();
    roomId = room.id;
    customerId = customer.id;
  });

  const insertBooking = (checkIn: string, checkOut: string, status = 'CONFIRMED', guests = 1) =>
    sqlState(`insert into bookings (room_id, customer_id, check_in, check_out, num_guests, status, total_amount) values (?, ?, ?, ?, ?, ?, 100)`, [
      roomId,
      customerId,
      checkIn,
      checkOut,
      guests,
      status,
    ]);

  it('forbid two active bookings of one room over overlapping nights (23P01)', async () => {
    expect(await insertBooking('2030-01-10', '2030-01-15')).toBeUndefined();
    expect(await insertBooking('2030-01-14', '2030-01-16')).toBe('23P01');
    expect(await insertBooking('2030-01-05', '2030-01-20')).toBe('23P01');
  });

  it('let a stay begin on the day the previous one ends: the range is half-open', async () => {
    expect(await insertBooking('2030-01-15', '2030-01-17')).toBeUndefined();
    expect(await insertBooking('2030-01-09', '2030-01-10')).toBeUndefined();
  });

  it('ignore cancelled and no-show bookings when checking overlap', async () => {
    expect(await insertBooking('2030-01-11', '2030-01-12', 'CANCELLED')).toBeUndefined();
    expect(await insertBooking('2030-01-11', '2030-01-12', 'NO_SHOW')).toBeUndefined();
  });

  it.each([
    ['check-in before check-out', ['2031-01-02', '2031-01-02', 1, 0], 'bookings_dates_check'],
    ['guests > 0', ['2031-02-01', '2031-02-02', 0, 0], 'bookings_num_guests_check'],
    ['total >= 0', ['2031-03-01', '2031-03-02', 1, -1], 'bookings_total_amount_check'],
  ])('enforce %s as a CHECK', async (_rule, values, constraint) => {
    const failure = await refusal('insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values (?, ?, ?, ?, ?, ?)', [
      roomId,
      customerId,
      ...values,
    ]);
    expect(failure).toEqual({ code: '23514', constraint });
  });

  it('enforce payment amount > 0, refund within amount, capacity > 0', async () => {
    expect(await sqlState(`insert into room_types (name, capacity, base_rate) values ('Broom cupboard', 0, 10)`)).toBe('23514');
    const [{ id: bookingId }] = await rows<{ id: number }>(
      `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values (?, ?, '2032-01-01', '2032-01-02', 1, 100) returning id`,
      [roomId, customerId],
    );
    expect(await sqlState(`insert into payments (booking_id, amount, currency, method) values (?, 0, 'EUR', 'CARD')`, [bookingId])).toBe('23514');
    expect(await sqlState(`insert into payments (booking_id, amount, currency, method) values (?, -5, 'EUR', 'CARD')`, [bookingId])).toBe('23514');
    expect(await sqlState(`insert into payments (booking_id, amount, refunded_amount, currency, method) values (?, 10, 11, 'EUR', 'CARD')`, [bookingId])).toBe(
      '23514',
    );
    expect(await sqlState(`insert into payments (booking_id, amount, currency, method) values (?, 10, 'EUR', 'CARD')`, [bookingId])).toBeUndefined();
  });

  it('keep money exact: numeric(12,2) rounds no cent away', async () => {
    const [{ sum }] = await rows<{ sum: string }>(`select sum(amount)::text as sum from (values (0.10::numeric(12,2)), (0.20::numeric(12,2))) v(amount)`);
    expect(sum).toBe('0.30');
    const [column] = await rows<{ type: string }>(
      `select format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = 'payments'::regclass and attname = 'amount'`,
    );
    expect(column.type).toBe('numeric(12,2)');
  });

  it('store stay dates as date and instants as timestamptz', async () => {
    const types = await rows<{ column: string; type: string }>(`
      select attname as column, format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = 'bookings'::regclass and attname in ('check_in', 'check_out', 'cancelled_at', 'created_at') order by attname`);
    expect(types).toEqual([
      { column: 'cancelled_at', type: 'timestamp with time zone' },
      { column: 'check_in', type: 'date' },
      { column: 'check_out', type: 'date' },
      { column: 'created_at', type: 'timestamp with time zone' },
    ]);
  });
});
