/**
 * npm run bench:integrity — the full integrity report at 100,000 and at 1,000,000
 * bookings (BENCH_BOOKINGS), with 2 payments and 1 folio item per booking, a customer
 * per 10 bookings, 10,000 rooms and a loyalty transaction per settled stay, generated
 * with generate_series. Prints the generation time, then per check and in total the
 * report's time beside the floor: the same statements sent raw through node-postgres in
 * the same run, without savepoints, timeouts or the ORM.
 * Then, at each size, the incremental run after 1,000 rows written since a stored full run
 * (payments and charges posted, bookings and guests updated, payments deleted), beside the
 * full report on the same data, and whether the two found the same.
 * Targets: the full report under 10 s at 1,000,000 bookings; time close to linear in the rows;
 * the incremental run's time following the changes, not the data.
 */
import 'reflect-metadata';
import pg from 'pg';
import { initOrm } from '../src/db/database';
import { holdsItsRoom } from '../src/entities/booking.entity';
import { IntegrityRunMode, IntegrityRunTrigger } from '../src/entities/integrity-run.entity';
import { planIntegrityChecks } from '../src/integrity/checks/plan';
import { DEFAULT_SAMPLE_LIMIT, type IntegrityFindings, runIntegrityReport } from '../src/integrity/integrity-report';
import { incrementalBase, recordIntegrityRun } from '../src/integrity/integrity-runs';
import { createLogger } from '../src/logging/logger';
import { openBenchDatabase } from './support/bench-database';

const FULL = Number(process.env.BENCH_BOOKINGS ?? 1_000_000);
const SIZES = [FULL / 10, FULL];
const ROOMS = 10_000;
const logger = createLogger('warn');

/**
 * Bookings [from, to) of a sound hotel, with their payments, charges and loyalty points.
 * Stays follow each other in each room (three days apart, two nights each); a settled
 * stay (CHECKED_OUT) is paid to the cent, others carry a deposit; rooms out of order have
 * no guest checked in. The foreign keys' triggers are off while loading (replica role),
 * as a bulk load would run; the report then proves what they would have.
 */
export async function generate(client: pg.Client, from: number, to: number): Promise<void> {
  const customers = to / 10;
  await client.query('set session_replication_role = replica');
  try {
    if (from === 0) {
      // The business date the API sets at its first start: the inventory is kept from it on, and the generated stays all lie before it.
      await client.query(`insert into hotel_calendar (id, business_date) values (1, current_date) on conflict (id) do nothing`);
      await client.query(`insert into room_types (name, capacity, base_rate) select 'Type ' || g, 1 + g % 4, 150 from generate_series(1, 5) g`);
      await client.query(
        `insert into rooms (number, floor, room_type_id, status)
         select 'R' || lpad(g::text, 6, '0'), 1 + g / 100 % 100, 1 + g % 5, case when g % 100 = 0 then 'OUT_OF_ORDER' else 'IN_SERVICE' end
         from generate_series(0, $1 - 1) g`,
        [ROOMS],
      );
    }
    await client.query(
      `insert into customers (first_name, last_name, email)
       select 'Guest', 'Number' || g, 'guest' || g || '@bench.test' from generate_series((select count(*) from customers) + 1, $1) g`,
      [customers],
    );
    // Status by a hash of g: 55% settled, 5% cancelled, 2% no-show, 1% checked in (never in a room out of order), the rest confirmed.
    await client.query(
      `insert into bookings (id, room_id, room_type_id, customer_id, check_in, check_out, num_guests, status, total_amount, nightly_rate, cancelled_at)
       select g + 1, 1 + g % $3, 1 + g % $3 % 5, 1 + (g * 7) % $4, d, d + 2, 1, s, case when ${holdsItsRoom('s')} then 300 else 0 end, 150,
              case when s = 'CANCELLED' then d - 1 end
       from generate_series($1::int, $2::int - 1) g,
            lateral (select date '2020-01-01' + (g / $3) * 3 as d, (g::bigint * 7919) % 100 as h) x,
            lateral (select case when h < 55 then 'CHECKED_OUT' when h < 60 then 'CANCELLED' when h < 62 then 'NO_SHOW'
                                 when h < 63 and g % $3 % 100 <> 0 then 'CHECKED_IN' else 'CONFIRMED' end as s) y`,
      [from, to, ROOMS, customers],
    );
    await client.query(`select setval(pg_get_serial_sequence('bookings', 'id'), $1)`, [to]);
    await client.query(
      `insert into folio_items (booking_id, description, amount) select g + 1, 'Minibar', 12.50 from generate_series($1::int, $2::int - 1) g`,
      [from, to],
    );
    await client.query(
      `insert into payments (booking_id, amount, currency, method)
       select b.id, case when b.status = 'CHECKED_OUT' then 156.25 when not ${holdsItsRoom('b.status')} then 6.25 else 30 - 10 * k end, 'EUR', 'CARD'
       from bookings b, generate_series(0, 1) k where b.id > $1 and b.id <= $2`,
      [from, to],
    );
    await client.query(
      `insert into loyalty_transactions (customer_id, booking_id, points, reason)
       select customer_id, id, 312, 'stay' from bookings where id > $1 and id <= $2 and status = 'CHECKED_OUT'`,
      [from, to],
    );
    await client.query(`update customers c set loyalty_points = t.points
      from (select customer_id, sum(points) as points from loyalty_transactions group by customer_id) t where t.customer_id = c.id`);
  } finally {
    await client.query('set session_replication_role = origin');
  }
  // As autovacuum would have by the time anyone runs a report.
  await client.query('vacuum analyze');
}

async function rowCounts(client: pg.Client): Promise<string> {
  const { rows } = await client.query(
    `select (select count(*) from bookings) b, (select count(*) from payments) p, (select count(*) from folio_items) f, (select count(*) from customers) c, (select count(*) from loyalty_transactions) l`,
  );
  const [r] = rows;
  const n = (value: string) => Number(value).toLocaleString('en');
  return `${n(r.b)} bookings, ${n(r.p)} payments, ${n(r.f)} folio items, ${n(r.c)} customers, ${n(r.l)} loyalty transactions`;
}

interface Measured {
  report: IntegrityFindings;
  /** Check name → ms of the same statement sent raw. */
  floor: Map<string, number>;
}

async function measure(url: string, client: pg.Client): Promise<Measured> {
  const orm = await initOrm(url, logger, { preferTs: true });
  try {
    await runIntegrityReport(orm.em, { statementTimeoutMs: 600_000 }); // warm the caches and the plans
    const report = await runIntegrityReport(orm.em, { statementTimeoutMs: 600_000 });
    const floor = new Map<string, number>();
    await client.query('begin isolation level repeatable read read only');
    await client.query('set local max_parallel_workers_per_gather = 0');
    for (const check of await planIntegrityChecks(orm.em.fork())) {
      const statement = (await check.prepare(orm.em.fork())).statement(DEFAULT_SAMPLE_LIMIT);
      const started = performance.now();
      await client.query(statement);
      floor.set(check.name, performance.now() - started);
    }
    await client.query('commit');
    return { report, floor };
  } finally {
    await orm.close(true);
  }
}

const ms = (value: number) => value.toFixed(0).padStart(7);

/** The changes the incremental run follows: 1,000 rows written through the constraints and triggers, as the API would. */
const CHANGES = [
  // 300 payments and 300 charges on confirmed stays (deposits, never settled), 100 of those deposits taken back.
  `insert into payments (booking_id, amount, currency, method) select id, 1, 'EUR', 'CARD' from bookings where status = 'CONFIRMED' order by id limit 300`,
  `insert into folio_items (booking_id, description, amount) select id, 'Late check-out', 20 from bookings where status = 'CONFIRMED' order by id desc limit 300`,
  `delete from payments where id in (select p.id from payments p join bookings b on b.id = p.booking_id where b.status = 'CONFIRMED' and p.amount = 1 order by p.id limit 100)`,
  // 200 stays and 100 guests changed.
  `update bookings set num_guests = 1 + num_guests % 2 where id in (select id from bookings where status = 'CONFIRMED' order by id limit 200)`,
  `update customers set phone = '+39 06 1234' where id in (select id from customers order by id desc limit 100)`,
];

interface IncrementalMeasured {
  full: number;
  incremental: number;
  onChanges: number;
  checks: number;
  agree: boolean;
}

/** A stored full run, the 1,000 changes, then the incremental run beside the full report on the same data. */
async function measureIncremental(url: string, client: pg.Client): Promise<IncrementalMeasured> {
  const orm = await initOrm(url, logger, { preferTs: true });
  try {
    const request = { trigger: IntegrityRunTrigger.CLI, mode: IntegrityRunMode.FULL, caller: null, selection: null };
    await recordIntegrityRun(orm.em, request, await runIntegrityReport(orm.em, { statementTimeoutMs: 600_000 }));
    for (const statement of CHANGES) await client.query(statement);
    await client.query('analyze integrity_changes');
    const since = (tx: Parameters<typeof incrementalBase>[0]) => incrementalBase(tx, 86_400_000);
    await runIntegrityReport(orm.em, { statementTimeoutMs: 600_000, since }); // warm the plans
    const incremental = await runIntegrityReport(orm.em, { statementTimeoutMs: 600_000, since });
    const full = await runIntegrityReport(orm.em, { statementTimeoutMs: 600_000 });
    const found = (report: IntegrityFindings) =>
      JSON.stringify(report.checks.map((check) => [check.name, check.passed, check.violationCount, check.sampleIds]));
    return {
      full: full.durationMs,
      incremental: incremental.durationMs,
      onChanges: incremental.checks.filter((check) => check.onChanges).length,
      checks: incremental.checks.length,
      agree: found(incremental) === found(full),
    };
  } finally {
    await orm.close(true);
  }
}

function printComparison(small: Measured, large: Measured): void {
  const names = large.report.checks.map((check) => check.name);
  const time = (m: Measured, name: string) => m.report.checks.find((check) => check.name === name)!.durationMs;
  const heavy = names.filter((name) => time(large, name) >= 20);
  const light = names.filter((name) => !heavy.includes(name));
  const sizes = SIZES.map((size) => size.toLocaleString('en'));
  console.log(
    `\n${'check'.padEnd(40)} ${`${sizes[0]}: report`.padStart(18)} ${'floor'.padStart(7)}   ${`${sizes[1]}: report`.padStart(20)} ${'floor'.padStart(7)}   ${'× rows → × time'.padStart(15)}`,
  );
  for (const name of heavy) {
    const ratio = time(large, name) / Math.max(1, time(small, name));
    console.log(
      `${name.padEnd(40)} ${ms(time(small, name)).padStart(18)} ${ms(small.floor.get(name)!)}   ${ms(time(large, name)).padStart(20)} ${ms(large.floor.get(name)!)}   ${`×10 → ×${ratio.toFixed(1)}`.padStart(15)}`,
    );
  }
  const sum = (m: Measured, list: string[], floor = false) => list.reduce((total, name) => total + (floor ? m.floor.get(name)! : time(m, name)), 0);
  console.log(
    `${`the other ${light.length} checks`.padEnd(40)} ${ms(sum(small, light)).padStart(18)} ${ms(sum(small, light, true))}   ${ms(sum(large, light)).padStart(20)} ${ms(sum(large, light, true))}`,
  );
  const total = (m: Measured) => m.report.durationMs;
  console.log(
    `${`full report (${names.length} checks)`.padEnd(40)} ${ms(total(small)).padStart(18)} ${ms(sum(small, names, true))}   ${ms(total(large)).padStart(20)} ${ms(sum(large, names, true))}   ${`×10 → ×${(total(large) / total(small)).toFixed(1)}`.padStart(15)}`,
  );
  const failing = (m: Measured) => m.report.checks.filter((check) => !check.passed).map((check) => check.name);
  console.log(
    `\nok: ${small.report.ok} at ${sizes[0]}, ${large.report.ok} at ${sizes[1]} (the generated hotel is sound: every check must pass)${[...new Set([...failing(small), ...failing(large)])].map((name) => `\n  failing: ${name}`).join('')}`,
  );
  console.log(`target: full report < 10000 ms at 1,000,000 bookings, time close to linear in the rows; measured ${total(large)} ms at ${sizes[1]}`);
}

async function main() {
  console.log(`bench:integrity — the full integrity report at ${SIZES.map((size) => size.toLocaleString('en')).join(' and ')} bookings`);
  const database = await openBenchDatabase('hotel_bench_integrity');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const measured: Measured[] = [];
    const incremental: IncrementalMeasured[] = [];
    let generated = 0;
    for (const size of SIZES) {
      const started = performance.now();
      await generate(client, generated, size);
      generated = size;
      console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s: ${await rowCounts(client)}`);
      measured.push(await measure(database.url, client));
      console.log(`report at ${size.toLocaleString('en')} bookings: ${measured.at(-1)!.report.durationMs} ms`);
      incremental.push(await measureIncremental(database.url, client));
    }
    printComparison(measured[0], measured[1]);
    console.log('\nafter 1,000 rows written since a stored full run:');
    for (const [i, size] of SIZES.entries()) {
      const m = incremental[i];
      console.log(
        `  ${size.toLocaleString('en').padStart(9)} bookings: incremental ${ms(m.incremental)} ms (${m.onChanges} of ${m.checks} checks on the changes)   full ${ms(m.full)} ms   ×${(m.full / Math.max(1, m.incremental)).toFixed(1)}   same findings: ${m.agree}`,
      );
    }
  } finally {
    await client.end();
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
