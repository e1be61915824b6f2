import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { BusinessRuleError } from '../../src/errors/business-rule-error';
import type { ClassifiedError } from '../../src/errors/classified-error';
import { classifyPgError } from '../../src/errors/classify-pg-error';
import { ConflictError } from '../../src/errors/conflict-error';
import { ValidationError } from '../../src/errors/validation-error';
import { fixtures } from '../support/fixtures';
import { useTestDatabase } from '../support/test-database';

let orm: MikroORM;
let roomId: number;
let customerId: number;
let roomTypeId: number;

const database = useTestDatabase();
beforeAll(async () => {
  orm = database.orm;
  const f = fixtures(orm.em.fork());
  const type = await f.roomType({ name: 'Twin', capacity: 2 });
  const room = await f.room(type, { number: '501' });
  const customer = await f.customer();
  await f.booking(room, customer, 10, 3);
  roomId = room.id;
  customerId = customer.id;
  roomTypeId = type.id;
});

/** The error PostgreSQL raises for `sql`, through the ORM, in a transaction of its own. */
async function raised(sql: string, params: unknown[] = []): Promise<unknown> {
  try {
    await orm.em.fork().transactional((em) => em.execute(sql, params));
  } catch (error) {
    return error;
  }
  throw new Error(`expected PostgreSQL to refuse: ${sql}`);
}

function summary(error: ClassifiedError | undefined) {
  if (!error) return undefined;
  return {
    code: error.code,
    category: error.category,
    severity: error.severity,
    retryable: error.retryable,
    ...(error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {}),
  };
}

describe('classifyPgError, on errors raised by a real PostgreSQL', () => {
  it('23505 unique: the field that must be unique', async () => {
    const error = await raised(`insert into rooms (number, floor, room_type_id) values ('501', 1, ?)`, [roomTypeId]);
    expect((error as { code: string }).code).toBe('23505');
    expect(summary(classifyPgError(error))).toEqual({
      code: 'VALIDATION_FAILED',
      category: 'VALIDATION',
      severity: 'LOW',
      retryable: false,
      fieldErrors: [{ path: ['input', 'number'], message: 'A room with this number already exists.' }],
    });
  });

  it('23505 unique without a field of its own: ConflictError naming, once rolled back, the row that holds the key', async () => {
    const [booking] = await orm.em.execute<{ id: number }[]>('select id from bookings where room_id = ?', [roomId]);
    const [{ id: held }] = await orm.em.execute<{ id: number }[]>(
      `insert into invoices (booking_id, number, amount, currency) values (?, 'INV-HELD', 10, 'EUR') returning id`,
      [booking.id],
    );
    const other = await orm.em.execute<{ id: number }[]>(
      `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values (?, ?, '2032-01-01', '2032-01-02', 1, 0) returning id`,
      [roomId, customerId],
    );
    const clash = await raised(`insert into invoices (booking_id, number, amount, currency) values (?, 'INV-HELD', 10, 'EUR')`, [other[0].id]);
    expect((clash as { code: string }).code).toBe('23505');
    const classified = classifyPgError(clash);
    expect(classified).toBeInstanceOf(ConflictError);
    expect(summary(classified)).toEqual({ code: 'CONFLICT', category: 'DATABASE', severity: 'MEDIUM', retryable: false });
    expect(classified?.readsAfterRollback).toBe(true);
    await classified!.completeAfterRollback(orm.em.fork());
    expect((classified as ConflictError).conflictingIds).toEqual([String(held)]);
  });

  it('23514 check stating a rule of the hotel: BusinessRuleError named as the services name it', async () => {
    const [booking] = await orm.em.execute<{ id: number }[]>('select id from bookings where room_id = ?', [roomId]);
    const error = await raised(`insert into payments (booking_id, amount, refunded_amount, currency, method) values (?, 10, 20, 'EUR', 'CARD')`, [booking.id]);
    expect((error as { code: string }).code).toBe('23514');
    const classified = classifyPgError(error);
    expect(classified).toBeInstanceOf(BusinessRuleError);
    expect(classified).toMatchObject({
      code: 'BUSINESS_RULE_VIOLATION',
      category: 'BUSINESS_LOGIC',
      rule: 'refund_within_payment',
      message: 'A refund cannot exceed what was paid.',
    });
  });

  it('23503 on insert: the reference that does not exist', async () => {
    const error = await raised(`insert into rooms (number, floor, room_type_id) values ('999', 1, 424242)`);
    expect((error as { code: string }).code).toBe('23503');
    expect(summary(classifyPgError(error))).toEqual({
      code: 'REFERENCE_NOT_FOUND',
      category: 'DATABASE',
      severity: 'LOW',
      retryable: false,
      fieldErrors: [{ path: ['input', 'roomTypeId'], message: 'No room type with this id.' }],
    });
  });

  it('RESTRICT on delete (23503 on PostgreSQL 15–17, 23001 on 18): DELETE_RESTRICTED', async () => {
    const error = await raised('delete from rooms where id = ?', [roomId]);
    expect(['23503', '23001']).toContain((error as { code: string }).code);
    expect((error as { constraint: string }).constraint).toBe('bookings_room_id_foreign');
    expect(summary(classifyPgError(error))).toEqual({ code: 'DELETE_RESTRICTED', category: 'DATABASE', severity: 'MEDIUM', retryable: false });
  });

  it('23514 check: the date order becomes a field error at input.checkOut', async () => {
    const error = await raised(
      `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values (?, ?, '2031-05-02', '2031-05-01', 1, 0)`,
      [roomId, customerId],
    );
    expect((error as { code: string }).code).toBe('23514');
    expect(summary(classifyPgError(error))).toEqual({
      code: 'VALIDATION_FAILED',
      category: 'VALIDATION',
      severity: 'LOW',
      retryable: false,
      fieldErrors: [{ path: ['input', 'checkOut'], message: 'Check-out must be after check-in.' }],
    });
  });

  it('23P01 exclusion on the booking overlap constraint: ROOM_UNAVAILABLE', async () => {
    const [{ check_in, check_out }] = await orm.em.execute<{ check_in: string; check_out: string }[]>(
      'select check_in, check_out from bookings where room_id = ?',
      [roomId],
    );
    const error = await raised(`insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values (?, ?, ?, ?, 1, 0)`, [
      roomId,
      customerId,
      check_in,
      check_out,
    ]);
    expect((error as { code: string }).code).toBe('23P01');
    expect(summary(classifyPgError(error))).toEqual({ code: 'ROOM_UNAVAILABLE', category: 'BUSINESS_LOGIC', severity: 'LOW', retryable: false });
  });

  it('23502 not null: a required value is missing', async () => {
    const error = await raised(`insert into customers (first_name, last_name, email) values ('A', null, 'a@b.test')`);
    expect((error as { code: string }).code).toBe('23502');
    expect(summary(classifyPgError(error))).toMatchObject({ code: 'VALIDATION_FAILED', category: 'VALIDATION', retryable: false });
  });

  it('22xxx bad data: INVALID_DATA', async () => {
    const overflow = await raised(`update room_types set base_rate = 12345678901234 where id = ?`, [roomTypeId]);
    expect((overflow as { code: string }).code).toBe('22003');
    expect(summary(classifyPgError(overflow))).toEqual({ code: 'INVALID_DATA', category: 'DATABASE', severity: 'LOW', retryable: false, fieldErrors: [] });
    const badText = await raised(`select 'not-a-date'::date`);
    expect((badText as { code: string }).code).toBe('22007');
    expect(classifyPgError(badText)?.code).toBe('INVALID_DATA');
  });

  it('40001 serialization failure: retryable', async () => {
    const url = database.url;
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await a.connect();
    await b.connect();
    try {
      await a.query('begin isolation level serializable');
      await b.query('begin isolation level serializable');
      await a.query('select sum(capacity) from room_types');
      await b.query('select sum(capacity) from room_types');
      await a.query(`insert into room_types (name, capacity, base_rate) values ('A', 1, 1)`);
      await b.query(`insert into room_types (name, capacity, base_rate) values ('B', 1, 1)`);
      await a.query('commit');
      const error = await b.query('commit').then(
        () => undefined,
        (e) => e,
      );
      expect(error?.code).toBe('40001');
      expect(summary(classifyPgError(error))).toEqual({ code: 'SERIALIZATION_FAILURE', category: 'DATABASE', severity: 'MEDIUM', retryable: true });
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('40P01 deadlock: retryable', async () => {
    const a = new pg.Client({ connectionString: database.url });
    const b = new pg.Client({ connectionString: database.url });
    await a.connect();
    await b.connect();
    try {
      await a.query('begin');
      await b.query('begin');
      await a.query(`update rooms set floor = floor where id = ${roomId}`);
      await b.query(`update customers set phone = phone where id = ${customerId}`);
      const first = a.query(`update customers set phone = phone where id = ${customerId}`).then(
        () => undefined,
        (e) => e,
      );
      const second = b.query(`update rooms set floor = floor where id = ${roomId}`).then(
        () => undefined,
        (e) => e,
      );
      const error = (await first) ?? (await second);
      expect(error?.code).toBe('40P01');
      expect(summary(classifyPgError(error))).toEqual({ code: 'DEADLOCK_DETECTED', category: 'DATABASE', severity: 'MEDIUM', retryable: true });
    } finally {
      await a.query('rollback').catch(() => undefined);
      await b.query('rollback').catch(() => undefined);
      await a.end();
      await b.end();
    }
  });

  it('57014 statement timeout: retryable, HIGH', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('set statement_timeout = 50');
      const error = await client.query('select pg_sleep(2)').catch((e) => e);
      expect(error.code).toBe('57014');
      expect(summary(classifyPgError(error))).toEqual({ code: 'STATEMENT_TIMEOUT', category: 'DATABASE', severity: 'HIGH', retryable: true });
    } finally {
      await client.end();
    }
  });

  it('57P01 terminated by an administrator, and a dropped socket: CONNECTION_LOST', async () => {
    const victim = new pg.Client({ connectionString: database.url });
    victim.on('error', () => undefined);
    await victim.connect();
    const { rows } = await victim.query('select pg_backend_pid() as pid');
    const killer = new pg.Client({ connectionString: database.url });
    await killer.connect();
    const pending = victim.query('select pg_sleep(5)').catch((e) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await killer.query('select pg_terminate_backend($1)', [rows[0].pid]);
    await killer.end();
    const error = await pending;
    expect(['57P01', undefined]).toContain(error.code);
    expect(summary(classifyPgError(error))).toEqual({ code: 'CONNECTION_LOST', category: 'DATABASE', severity: 'HIGH', retryable: true });
    const after = await victim.query('select 1').catch((e) => e);
    expect(classifyPgError(after)?.code).toBe('CONNECTION_LOST');
  });

  it('53300 too many connections: RESOURCES_EXHAUSTED, CRITICAL', async () => {
    await orm.em.execute(
      `do $$ begin if not exists (select 1 from pg_roles where rolname = 'hotel_no_connections') then create role hotel_no_connections login password 'x' connection limit 0; end if; end $$`,
    );
    const url = new URL(database.url);
    url.username = 'hotel_no_connections';
    url.password = 'x';
    const client = new pg.Client({ connectionString: url.toString() });
    const error = await client.connect().catch((e) => e);
    expect(error.code).toBe('53300');
    expect(summary(classifyPgError(error))).toEqual({ code: 'RESOURCES_EXHAUSTED', category: 'DATABASE', severity: 'CRITICAL', retryable: true });
  });

  it('08xxx and refused sockets: CONNECTION_LOST', async () => {
    const client = new pg.Client({ connectionString: 'postgresql://nobody:x@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    const error = await client.connect().catch((e) => e);
    expect(error.code).toBe('ECONNREFUSED');
    expect(classifyPgError(error)?.code).toBe('CONNECTION_LOST');
  });

  it('leaves what is not a database error unclassified', () => {
    expect(classifyPgError(new TypeError('x is undefined'))).toBeUndefined();
    expect(classifyPgError('boom')).toBeUndefined();
  });
});
