/**
 * npm run bench:delete — deleteImpact and deleteRecord of a customer with BENCH_SIZES
 * bookings (10,000 and 100,000), three payments and three folio items each, and of a user
 * at the top of such a graph (user → customer → bookings → ...): time and number of SQL
 * statements of each, its time per thousand affected rows, beside the floor —
 * PostgreSQL's own cascade (one raw DELETE) on an identical graph, measured in the same run.
 * Targets: statement counts equal at every size, time linear in the rows affected.
 */
import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { initOrm } from '../src/db/database';
import { inTransaction } from '../src/db/transaction';
import { deleteGuardFor } from '../src/deletion/delete-guard';
import { Role } from '../src/entities/role';
import { deleteRecord } from '../src/integrity/delete-record';
import { createLogger } from '../src/logging/logger';
import { openBenchDatabase } from './support/bench-database';

const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_BOOKINGS ?? '10000,100000').split(',').map(Number);
const logger = createLogger('warn');
let graphs = 0;

/** One user who is a customer with `bookings` stays (100 rooms, consecutive nights), 3 payments and 3 charges each. */
async function guestGraph(client: pg.Client, bookings: number): Promise<{ userId: number; customerId: number }> {
  const n = ++graphs;
  const {
    rows: [user],
  } = await client.query(`insert into users (email, name, role, password_hash) values ($1, 'Bench', 'STAFF', 'x') returning id`, [`bench${n}@hotel.test`]);
  const {
    rows: [customer],
  } = await client.query(`insert into customers (first_name, last_name, email, user_id) values ('Bench', 'Guest', $1, $2) returning id`, [
    `bench${n}@guest.test`,
    user.id,
  ]);
  const {
    rows: [type],
  } = await client.query(`insert into room_types (name, capacity, base_rate) values ($1, 2, 100) returning id`, [`Bench ${n}`]);
  await client.query(`insert into rooms (number, floor, room_type_id) select 'B${n}-' || g, 1, $1 from generate_series(1, 100) g`, [type.id]);
  await client.query(
    `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount)
     select r.ids[1 + g % 100], $2, date '2030-01-01' + (g / 100) * 2, date '2030-01-01' + (g / 100) * 2 + 1, 1, 100
     from generate_series(0, $1 - 1) g, (select array_agg(id order by id) ids from rooms where room_type_id = $3) r`,
    [bookings, customer.id, type.id],
  );
  await client.query(
    `insert into payments (booking_id, amount, currency, method, processed_by_id) select b.id, 10, 'EUR', 'CARD', $2 from bookings b, generate_series(1, 3) where b.customer_id = $1`,
    [customer.id, user.id],
  );
  await client.query(
    `insert into folio_items (booking_id, description, amount, posted_by_id) select b.id, 'Bar', 5, $2 from bookings b, generate_series(1, 3) where b.customer_id = $1`,
    [customer.id, user.id],
  );
  await client.query('analyze');
  return { userId: user.id, customerId: customer.id };
}

async function measure<T>(statements: string[], work: () => Promise<T>): Promise<{ ms: number; statements: number; result: T }> {
  statements.length = 0;
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, statements: statements.length, result };
}

async function main() {
  console.log(`bench:delete — customers and users with ${SIZES.join(' and ')} bookings, 3 payments and 3 folio items per booking`);
  const database = await openBenchDatabase('hotel_bench_delete');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const statements: string[] = [];
  const orm: MikroORM = await initOrm(database.url, logger, {
    preferTs: true,
    debug: ['query'],
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colours MikroORM adds
    logger: (message: string) => (message.replace(/\x1b\[[0-9;]*m/g, '').startsWith('[query]') ? statements.push(message) : undefined),
  });
  const ctx = (em: typeof orm.em) => ({
    em,
    caller: { tokenId: 0, tokenName: 'bench', role: Role.ADMIN, userId: null, channel: null },
    config: loadConfig({}),
    logger,
  });
  const rows: string[] = [];
  try {
    for (const size of SIZES) {
      for (const entity of ['CUSTOMER', 'USER'] as const) {
        const target = await guestGraph(client, size);
        const floorTarget = await guestGraph(client, size);
        const id = entity === 'CUSTOMER' ? target.customerId : target.userId;
        const em = orm.em.fork();
        await deleteGuardFor(em).impactOf(em, entity, id); // warm the plan and the caches
        const preview = await measure(statements, () => deleteGuardFor(em).impactOf(em, entity, id));
        const removed = await measure(statements, () =>
          inTransaction(orm.em, (tx) => deleteRecord(ctx(tx), { entity, id: String(id), reason: 'bench' }), { attempts: 1, backoffMs: 1, logger }),
        );
        const floorId = entity === 'CUSTOMER' ? floorTarget.customerId : floorTarget.userId;
        const started = performance.now();
        await client.query(`delete from ${entity === 'CUSTOMER' ? 'customers' : 'users'} where id = $1`, [floorId]);
        const floorMs = performance.now() - started;
        const deleted = removed.result.impact.deletes.reduce((sum, entry) => sum + entry.count, 0);
        const perThousand = (ms: number) => ((ms * 1000) / deleted).toFixed(2).padStart(6);
        rows.push(
          `${entity.padEnd(8)} ${String(size).padStart(6)} bookings  ${String(deleted).padStart(7)} rows   deleteImpact ${preview.ms.toFixed(1).padStart(7)} ms ${String(preview.statements).padStart(2)} stmt (${perThousand(preview.ms)} ms/1k rows)   deleteRecord ${removed.ms.toFixed(1).padStart(8)} ms ${String(removed.statements).padStart(2)} stmt (${perThousand(removed.ms)} ms/1k rows)   floor (raw DELETE) ${floorMs.toFixed(1).padStart(8)} ms (${perThousand(floorMs)} ms/1k rows)`,
        );
        console.log(rows.at(-1));
      }
    }
    console.log('targets: statement counts equal at every size; ms per 1k rows about the same at every size (linear in the rows affected)');
  } finally {
    await orm.close(true);
    await client.end();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
