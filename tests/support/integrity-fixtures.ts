import type pg from 'pg';
import { inTransaction } from '../../src/db/transaction';
import { type IntegrityFindings, type IntegrityReportOptions, runIntegrityReport } from '../../src/integrity/integrity-report';
import { type RepairCommand, type RepairOutcome, repairIntegrity } from '../../src/integrity/repair';
import { createLogger } from '../../src/logging/logger';
import { operationContext } from './operation-context';
import { openTestDatabase, type TestDatabase } from './test-database';

const logger = createLogger('silent');

/** The integrity report of a test database, with a short statement timeout. */
export function reportOf(db: TestDatabase, options: Partial<IntegrityReportOptions> = {}): Promise<IntegrityFindings> {
  return runIntegrityReport(db.orm.em, { statementTimeoutMs: 10_000, ...options });
}

/** repairIntegrity in one transaction, as the mutation boundary runs it, as an ADMIN. */
export function repairOf(db: TestDatabase, command: RepairCommand): Promise<RepairOutcome> {
  return inTransaction(db.orm.em, (em) => repairIntegrity(operationContext(em), command), { attempts: 1, backoffMs: 1, logger });
}

/**
 * Runs `work` with the foreign keys' triggers off (session_replication_role = replica), as a
 * bulk load might: the way orphans get in despite the constraints. CHECKs still hold.
 */
export async function asReplica<T>(sql: pg.Client, work: () => Promise<T>): Promise<T> {
  await sql.query(`set session_replication_role = replica`);
  try {
    return await work();
  } finally {
    await sql.query(`set session_replication_role = origin`);
  }
}

/** Runs `work` on a database of its own holding one of everything (oneOfEverything), dropped after. */
export async function withHotel(work: (h: TestDatabase, ids: Record<string, number>) => Promise<void>): Promise<void> {
  const hotel = await openTestDatabase();
  try {
    await work(hotel, await oneOfEverything(hotel.sql));
  } finally {
    await hotel.close();
  }
}

/**
 * One row in every table, each foreign key column set: a small hotel that passes every
 * check and uses every relation of the model. Returns the id of the row of each table.
 */
export async function oneOfEverything(sql: pg.Client): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  const insert = async (table: string, statement: string, params: unknown[]) => {
    ids[table] = (await sql.query(`${statement} returning id`, params)).rows[0].id;
  };
  await insert('users', `insert into users (email, name, role, password_hash) values ('one@hotel.test', 'One', 'STAFF', 'x')`, []);
  await insert('customers', `insert into customers (first_name, last_name, email, user_id, loyalty_points) values ('Guest', 'One', 'one@guest.test', $1, 5)`, [
    ids.users,
  ]);
  await insert('room_types', `insert into room_types (name, capacity, base_rate) values ('Double', 2, 100)`, []);
  await insert('rooms', `insert into rooms (number, floor, room_type_id) values ('101', 1, $1)`, [ids.room_types]);
  await insert(
    'bookings',
    `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, status, total_amount, cancelled_by_id, cancelled_at)
     values ($1, $2, '2031-01-01', '2031-01-03', 1, 'CANCELLED', 0, $3, now())`,
    [ids.rooms, ids.customers, ids.users],
  );
  await insert('payments', `insert into payments (booking_id, amount, currency, method, processed_by_id) values ($1, 50, 'EUR', 'CARD', $2)`, [
    ids.bookings,
    ids.users,
  ]);
  // The cancelled stay's bill is its fee, 10 of it still owed.
  await insert('folio_items', `insert into folio_items (booking_id, kind, description, amount, posted_by_id) values ($1, 'CANCELLATION_FEE', 'Fee', 60, $2)`, [
    ids.bookings,
    ids.users,
  ]);
  await insert('invoices', `insert into invoices (booking_id, number, amount, currency) values ($1, 'INV-1', 200, 'EUR')`, [ids.bookings]);
  await insert('booking_logs', `insert into booking_logs (booking_id, actor_id, action) values ($1, $2, 'CREATED')`, [ids.bookings, ids.users]);
  await insert('notifications', `insert into notifications (user_id, customer_id, kind, message) values ($1, $2, 'X', 'm')`, [ids.users, ids.customers]);
  await insert('loyalty_transactions', `insert into loyalty_transactions (customer_id, booking_id, points, reason) values ($1, $2, 5, 'stay')`, [
    ids.customers,
    ids.bookings,
  ]);
  await insert('housekeeping_tasks', `insert into housekeeping_tasks (room_id, kind, assigned_to_id) values ($1, 'CLEANING', $2)`, [ids.rooms, ids.users]);
  await insert(
    'maintenance_requests',
    `insert into maintenance_requests (room_id, description, severity, reported_by_id, assigned_to_id) values ($1, 'Tap drips', 'LOW', $2, $2)`,
    [ids.rooms, ids.users],
  );
  // Fulfilled by the booking made from its offer (cancelled since).
  await insert(
    'waitlist_entries',
    `insert into waitlist_entries (customer_id, room_type_id, check_in, check_out, num_guests, status, booking_id, closed_at)
     values ($1, $2, '2031-01-01', '2031-01-03', 1, 'FULFILLED', $3, now())`,
    [ids.customers, ids.room_types, ids.bookings],
  );
  await insert('api_tokens', `insert into api_tokens (name, role, secret_hash, user_id) values ('t', 'STAFF', repeat('0', 64), $1)`, [ids.users]);
  await insert('cost_budget_windows', `insert into cost_budget_windows (token_id, window_started_at, spent) values ($1, now(), 10)`, [ids.api_tokens]);
  await insert(
    'cancellation_policies',
    `insert into cancellation_policies (room_type_id, free_until_days, cancellation_fee_kind, no_show_fee_kind) values ($1, 2, 'FIRST_NIGHT', 'NONE')`,
    [ids.room_types],
  );
  // A stay checked out owing 100, let go by an administrator, and paid since: its receivable is settled.
  const { rows: left } = await sql.query(
    `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, status, total_amount) values ($1, $2, '2031-02-01', '2031-02-02', 1, 'CHECKED_OUT', 100) returning id`,
    [ids.rooms, ids.customers],
  );
  await sql.query(`insert into payments (booking_id, amount, currency, method) values ($1, 100, 'EUR', 'CASH')`, [left[0].id]);
  await insert('receivables', `insert into receivables (booking_id, amount, reason, created_by_id) values ($1, 100, 'Company pays by transfer', $2)`, [
    left[0].id,
    ids.users,
  ]);
  await insert(
    'rate_seasons',
    `insert into rate_seasons (room_type_id, name, first_night, last_night, nightly_rate, min_stay) values ($1, 'Summer', '2031-07-01', '2031-08-31', 140, 2)`,
    [ids.room_types],
  );
  // A night no booking touched yet, counted as the triggers would: the one room in service, none sold.
  await insert('room_type_nights', `insert into room_type_nights (room_type_id, night, available, sold) values ($1, '2035-01-01', 1, 0)`, [ids.room_types]);
  await insert('night_audits', `insert into night_audits (business_date, closed_by_id) values ('2031-01-01', $1)`, [ids.users]);
  // Registered last, so no change above fanned out to it: its one delivery is the feed's latest event, already delivered.
  await insert(
    'webhook_endpoints',
    `insert into webhook_endpoints (url, events, channel, secret) values ('https://hooks.partner.test/hotel', '{BOOKING_CREATED}', 'partner-a', 'whsec_x')`,
    [],
  );
  await insert(
    'webhook_deliveries',
    `insert into webhook_deliveries (endpoint_id, event_id, status, attempts, delivered_at) select $1, max(id), 'DELIVERED', 1, now() from change_events`,
    [ids.webhook_endpoints],
  );
  await insert(
    'integrity_runs',
    `insert into integrity_runs (trigger, mode, outcome, started_at, finished_at, duration_ms, checks_run) values ('SCHEDULE', 'FULL', 'PASSED', now(), now(), 5, 1)`,
    [],
  );
  await insert(
    'integrity_run_checks',
    `insert into integrity_run_checks (run_id, name, kind, severity, passed, violation_count, sample_ids, newly_failing, duration_ms)
     values ($1, 'rule:loyalty_balance', 'RULE', 'MEDIUM', true, 0, '{}', false, 1)`,
    [ids.integrity_runs],
  );
  await sql.query(`insert into integrity_run_totals (outcome, total) values ('PASSED', 1)`);
  return ids;
}

/** The names of the checks that failed. */
export const failing = (report: IntegrityFindings) => report.checks.filter((check) => !check.passed).map((check) => check.name);

export const byName = (report: IntegrityFindings, name: string) => {
  const check = report.checks.find((candidate) => candidate.name === name);
  if (!check) throw new Error(`no check ${name} in the report`);
  return check;
};
