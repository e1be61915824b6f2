/**
 * npm run bench:chaos — the operator's run: writes and reads under load while the
 * database's connections are terminated, PostgreSQL is restarted and then killed, and
 * finally the API gets SIGTERM; then every write a client was not told succeeded is resent,
 * with its key where it had one, to a second API process. Prints requests by outcome,
 * how long each fault took to recover from, and the invariants, each expected 0:
 *   lost           a write a client was told succeeded, absent from the database;
 *   phantom        a write present although its client was told it failed;
 *   double-booked  two active bookings of one room sharing a night;
 *   overpaid       a booking whose net payments exceed its bill;
 *   partial        a change without its log line (each is one transaction with it);
 *   duplicated     a keyed write applied twice after being resent.
 * Exits 1 when any is not 0.
 *
 * BENCH_CONNECTIONS (16) clients, BENCH_SECONDS (4) between faults. PostgreSQL is an
 * embedded one run durably by this process, which restarts it on the same port as npm
 * start's supervisor does; the API is src/main.ts, as npm start runs it.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { addDays, today } from '../src/dates';
import { initOrm, migrate } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/dev/embedded-postgres';
import { BUSINESS_RULES } from '../src/integrity/business-rules';
import { createLogger } from '../src/logging/logger';
import { type Answer, keepAliveClient } from '../tests/support/keep-alive-client';
import { type SpawnedApi, spawnApi } from '../tests/support/spawn-api';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PHASE_MS = Number(process.env.BENCH_SECONDS ?? 4) * 1000;
const TOKEN = 'chaos-bench-admin-token-0123456789abcdef';
const BOOKINGS = 40;
const CONTENTION_ROOMS = 4;
const CUSTOMERS = 100_000;

type Kind = 'charge' | 'payment' | 'booking' | 'read';
/** How a client saw its request end. */
type Outcome = 'ok' | 'refused' | 'retryable' | 'unknown' | 'reset' | 'refusedConnection' | 'internal';
const OUTCOMES: Outcome[] = ['ok', 'refused', 'retryable', 'unknown', 'reset', 'refusedConnection', 'internal'];

interface Sent {
  kind: Kind;
  n: number;
  key?: string;
  variables: Record<string, unknown>;
  outcome: Outcome;
  /** The code a refusal or failure carried, or the socket error. */
  code?: string;
  /** The answer itself, kept for the ones that should never happen. */
  body?: unknown;
  sentAt: number;
  at: number;
}

const DOCUMENTS: Record<Exclude<Kind, 'read'>, string> = {
  charge: `mutation ($input: AddFolioItemInput!) { addFolioItem(input: $input) { __typename ... on ClassifiedError { code retryable } } }`,
  payment: `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { __typename ... on ClassifiedError { code retryable } } }`,
  booking: `mutation ($input: CreateBookingInput!) { createBooking(input: $input) { __typename ... on CreateBookingSuccess { booking { id } } ... on ClassifiedError { code retryable } } }`,
};
const READ = '{ bookings(first: 20) { totalCount nodes { id balance payments { amount } folioItems { amount } } } }';

/** The code behind an outcome that is not success. */
function codeOf(answer: Answer): string | undefined {
  if (answer.error) return answer.error;
  const result = Object.values(answer.body?.data ?? {})[0] as { code?: string } | undefined;
  return result?.code ?? answer.body?.errors?.[0]?.extensions?.code;
}

/** The one field of a mutation's answer, or the read's data. */
function outcomeOf(kind: Kind, answer: Answer): Outcome {
  if (answer.error) return answer.error === 'ECONNREFUSED' ? 'refusedConnection' : 'reset';
  const body = answer.body;
  const codes: string[] = (body?.errors ?? []).map((error: any) => error.extensions?.code);
  if (codes.includes('INTERNAL_SERVER_ERROR')) return 'internal';
  if (kind === 'read') return body?.data?.bookings ? 'ok' : 'retryable';
  const result = Object.values(body?.data ?? {})[0] as { __typename?: string; code?: string; retryable?: boolean } | undefined;
  if (!result) return codes.includes('CHANGE_SAVED') ? 'unknown' : 'retryable';
  if (result.__typename?.endsWith('Success')) return 'ok';
  if (result.code === 'COMMIT_OUTCOME_UNKNOWN') return 'unknown';
  if (result.code === 'INTERNAL_SERVER_ERROR') return 'internal';
  return result.retryable ? 'retryable' : 'refused';
}

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hotel-chaos-'));
  await fs.chmod(dir, 0o755);
  const dataDir = path.join(dir, 'pg');
  const restarts: number[] = [];
  const postgres = await startEmbeddedPostgres({ dataDir, durable: true, restarts: 10, onRestart: () => restarts.push(Date.now()) });
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query('create database chaos');
  await admin.end();
  const url = postgres.urlFor('chaos');
  const setup = await initOrm(url, createLogger('warn'), { preferTs: true });
  await migrate(setup, url);
  await setup.close(true);

  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const start = today();
  await sql.query(`insert into room_types (name, capacity, base_rate) values ('Chaos', 2, 100000)`);
  await sql.query(`insert into rooms (number, floor, room_type_id) select 'C' || g, 1, (select id from room_types) from generate_series(1, $1) g`, [
    BOOKINGS + CONTENTION_ROOMS,
  ]);
  await sql.query(
    `insert into customers (first_name, last_name, email) select 'Guest', 'N' || g, 'guest' || g || '@chaos.test' from generate_series(1, $1) g`,
    [CUSTOMERS],
  );
  // Open bills of 1,000,000.00 (ten nights at 100,000.00): payments of a few cents never reach them.
  const { rows: open } = await sql.query(
    `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount)
     select r.id, (select min(id) from customers), $1::date, $1::date + 10, 1, 1000000 from rooms r order by r.id limit $2 returning id`,
    [start, BOOKINGS],
  );
  const openIds = open.map((row) => String(row.id));
  const { rows: contended } = await sql.query('select id from rooms order by id offset $1', [BOOKINGS]);
  const contendedIds = contended.map((row) => String(row.id));
  const { rows: customerRows } = await sql.query('select id from customers order by id');
  const customerIds = customerRows.map((row) => String(row.id));
  await sql.end();

  // The load is the faults' backdrop, not a partner to throttle: the largest cost budget.
  const env = { DATABASE_URL: url, HOTEL_BOOTSTRAP_ADMIN_TOKEN: TOKEN, SHUTDOWN_GRACE_SECONDS: '3', LOG_LEVEL: 'warn', COST_BUDGET: '2000000000' };
  const startApi = async (): Promise<{ api: SpawnedApi; url: string }> => {
    const api = spawnApi({ ...env, LOG_LEVEL: 'info' });
    // Whatever ends this run, no API process outlives it.
    process.once('exit', () => api.child.kill('SIGKILL'));
    const [line] = await api.waitFor(/^\{.*"msg":"hotel API listening".*$/m, 60_000);
    return { api, url: JSON.parse(line).url };
  };

  const first = await startApi();
  const client = keepAliveClient(first.url, TOKEN, CONNECTIONS);
  const sent: Sent[] = [];
  let next = 0;
  const requestOf = (n: number): Omit<Sent, 'outcome' | 'at' | 'sentAt' | 'code'> => {
    const pick = n % 10;
    if (pick < 4) return { kind: 'charge', n, variables: { input: { bookingId: openIds[n % BOOKINGS], description: `chaos-${n}`, amount: '1.00' } } };
    if (pick < 6) {
      // Each payment's amount is its own (n cents), so the rows say which request wrote them.
      const amount = `${Math.floor((n + 1) / 100)}.${String((n + 1) % 100).padStart(2, '0')}`;
      return { kind: 'payment', n, key: `pay-${n}`, variables: { input: { bookingId: openIds[n % BOOKINGS], amount, method: 'CARD' } } };
    }
    if (pick < 8) {
      // Contention: a few rooms, a few nights each; each request's customer is its own.
      const checkIn = addDays(start, 20 + (n % 12));
      return {
        kind: 'booking',
        n,
        key: `book-${n}`,
        variables: {
          input: {
            roomId: contendedIds[n % CONTENTION_ROOMS],
            customerId: customerIds[n % CUSTOMERS],
            checkIn,
            checkOut: addDays(checkIn, 1 + (n % 3)),
            numGuests: 1,
          },
        },
      };
    }
    return { kind: 'read', n, variables: {} };
  };
  const send = async (target: ReturnType<typeof keepAliveClient>, request: Omit<Sent, 'outcome' | 'at' | 'sentAt' | 'code'>): Promise<Sent> => {
    const sentAt = Date.now();
    const headers: Record<string, string> = request.key ? { 'idempotency-key': request.key } : {};
    const answer = await target.send(request.kind === 'read' ? READ : DOCUMENTS[request.kind], request.variables, headers);
    const outcome = outcomeOf(request.kind, answer);
    return {
      ...request,
      outcome,
      code: outcome === 'ok' ? undefined : codeOf(answer),
      body: outcome === 'internal' ? answer.body : undefined,
      sentAt,
      at: Date.now(),
    };
  };

  let stop = false;
  const workers = Array.from({ length: CONNECTIONS }, async () => {
    while (!stop) {
      const result = await send(client, requestOf(next++));
      sent.push(result);
      if (result.outcome === 'refusedConnection') await sleep(50);
    }
  });

  const faults: { name: string; at: number }[] = [];
  const fault = async (name: string, act: () => Promise<void>) => {
    await sleep(PHASE_MS);
    faults.push({ name, at: Date.now() });
    await act();
  };
  const postmasterPid = async () => Number((await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const killer = new pg.Client({ connectionString: postgres.adminUrl });
  killer.on('error', () => undefined);
  await killer.connect();
  await fault('every API connection terminated', async () => {
    await killer.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = 'chaos' and application_name like 'hotel-api%'`);
  });
  await killer.end();
  await fault('PostgreSQL restarted (fast shutdown)', async () => {
    process.kill(await postmasterPid(), 'SIGINT');
  });
  await fault('PostgreSQL killed (SIGKILL)', async () => {
    process.kill(await postmasterPid(), 'SIGKILL');
  });
  await fault('API sent SIGTERM under load', async () => {
    first.api.child.kill('SIGTERM');
  });
  const exitCode = await first.api.exited;
  if (process.env.BENCH_CHAOS_LOG) await fs.writeFile(process.env.BENCH_CHAOS_LOG, first.api.stdout());
  const stoppedAt = Date.now();
  stop = true;
  await Promise.all(workers);
  client.close();

  // Resend what was not seen to succeed, as a client would, to a second process.
  const second = await startApi();
  const resender = keepAliveClient(second.url, TOKEN, CONNECTIONS);
  const resendable = sent.filter((request) => request.kind !== 'read' && request.key && request.outcome !== 'ok' && request.outcome !== 'refused');
  const resent: Sent[] = [];
  for (let i = 0; i < resendable.length; i += CONNECTIONS) {
    resent.push(...(await Promise.all(resendable.slice(i, i + CONNECTIONS).map((request) => send(resender, request)))));
  }
  resender.close();
  second.api.child.kill('SIGTERM');
  await second.api.exited;

  // What the database holds, against what the clients were told.
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  const final = new Map(sent.map((request) => [request.n, request]));
  for (const request of resent) final.set(request.n, request);
  const charges = new Map(
    (await check.query(`select description, count(*)::int as n from folio_items where description like 'chaos-%' group by description`)).rows.map((row) => [
      Number(row.description.slice(6)),
      row.n as number,
    ]),
  );
  const payments = new Map(
    (await check.query(`select (amount * 100)::int - 1 as n, count(*)::int as times from payments group by amount`)).rows.map((row) => [
      row.n as number,
      row.times as number,
    ]),
  );
  const contendedBookings = new Map(
    (
      await check.query(`select customer_id::text, count(*)::int as n from bookings where room_id = any($1::int[]) group by customer_id`, [contendedIds])
    ).rows.map((row) => [row.customer_id as string, row.n as number]),
  );
  const timesApplied = (request: Sent): number =>
    request.kind === 'charge'
      ? (charges.get(request.n) ?? 0)
      : request.kind === 'payment'
        ? (payments.get(request.n) ?? 0)
        : (contendedBookings.get(customerIds[request.n % CUSTOMERS]) ?? 0);
  const writes = [...final.values()].filter((request) => request.kind !== 'read');
  const failedOutcomes: Outcome[] = ['refused', 'retryable', 'reset', 'refusedConnection', 'internal'];
  const lost = writes.filter((request) => request.outcome === 'ok' && timesApplied(request) === 0).length;
  const phantom = writes.filter((request) => failedOutcomes.includes(request.outcome) && timesApplied(request) > 0).length;
  const duplicated = writes.filter((request) => timesApplied(request) > 1).length;
  const rule = (name: string) => BUSINESS_RULES.find((candidate) => candidate.name === name)!.violations;
  const count = async (query: string) => Number((await check.query(`select count(*)::int as n from (${query}) q`)).rows[0].n);
  const doubleBooked = await count(rule('room_double_booked'));
  const overpaid = await count(rule('booking_overpaid'));
  // Each booking the API made has its CREATED line; each payment and charge its own line.
  const partial =
    (await count(`select b.id from bookings b where b.room_id = any(array[${contendedIds.join(',')}]::int[])
       and not exists (select 1 from booking_logs l where l.booking_id = b.id and l.action = 'CREATED')`)) +
    (await count(`select b.id from bookings b where (select count(*) from payments p where p.booking_id = b.id)
       <> (select count(*) from booking_logs l where l.booking_id = b.id and l.action = 'PAYMENT_RECORDED')`)) +
    (await count(`select b.id from bookings b where (select count(*) from folio_items f where f.booking_id = b.id)
       <> (select count(*) from booking_logs l where l.booking_id = b.id and l.action = 'CHARGE_POSTED')`));
  await check.end();
  await postgres.stop();
  await fs.rm(dir, { recursive: true, force: true });

  // Report.
  const table = (rows: Sent[]) => {
    const kinds: Kind[] = ['charge', 'payment', 'booking', 'read'];
    const header = `${'request'.padEnd(10)}${OUTCOMES.map((outcome) => outcome.padStart(18)).join('')}`;
    const lines = kinds.map(
      (kind) =>
        `${kind.padEnd(10)}${OUTCOMES.map((outcome) => String(rows.filter((r) => r.kind === kind && r.outcome === outcome).length).padStart(18)).join('')}`,
    );
    return [header, ...lines].join('\n');
  };
  console.log(`bench:chaos — ${CONNECTIONS} clients, ${PHASE_MS / 1000} s between faults, ${sent.length} requests, then ${resent.length} resent`);
  console.log('\nRequests by outcome, as the clients saw them under the faults:');
  console.log(table(sent));
  console.log('\nResent to a second process (keyed writes not seen to succeed):');
  console.log(table(resent));
  console.log('\nBy phase (requests sent in it: succeeded / refused by a rule / failed; a request sent just before a fault may fail by it):');
  const bounds = [{ name: 'steady, before any fault', at: 0 }, ...faults];
  for (const [i, phase] of bounds.entries()) {
    const inPhase = sent.filter((request) => request.sentAt >= phase.at && request.sentAt < (bounds[i + 1]?.at ?? Number.POSITIVE_INFINITY));
    const tally = (outcomes: Outcome[]) => inPhase.filter((request) => outcomes.includes(request.outcome)).length;
    console.log(`  ${`after: ${phase.name}`.padEnd(48)} ${tally(['ok'])} / ${tally(['refused'])} / ${inPhase.length - tally(['ok', 'refused'])}`);
  }
  const byCode = new Map<string, number>();
  for (const request of sent) if (request.code) byCode.set(`${request.outcome} ${request.code}`, (byCode.get(`${request.outcome} ${request.code}`) ?? 0) + 1);
  console.log('\nWhat the refusals and failures said:');
  for (const [what, times] of [...byCode].sort((a, b) => b[1] - a[1])) console.log(`  ${what.padEnd(40)} ${times}`);
  console.log('\nRecovery: after each fault, when requests failed, and when writes succeeded again for good');
  for (const [i, { name, at }] of faults.entries()) {
    if (name.startsWith('API')) {
      console.log(`  ${name.padEnd(40)} exited ${exitCode} after ${((stoppedAt - at) / 1000).toFixed(2)} s (grace 3 s)`);
      continue;
    }
    const until = faults[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    // Sent after this fault and answered before the next, which has failures of its own.
    const inPhase = sent.filter((request) => request.sentAt >= at && request.at < until);
    const failed = inPhase.filter((request) => request.outcome !== 'ok' && request.outcome !== 'refused');
    const seconds = (time: number) => `+${((time - at) / 1000).toFixed(2)} s`;
    if (!failed.length) {
      console.log(`  ${name.padEnd(40)} nothing failed`);
      continue;
    }
    const lastFailure = Math.max(...failed.map((request) => request.sentAt));
    const healthy = inPhase
      .filter((request) => request.kind !== 'read' && request.outcome === 'ok' && request.sentAt > lastFailure)
      .map((request) => request.at);
    const window = `failing ${seconds(Math.min(...failed.map((request) => request.sentAt)))} to ${seconds(lastFailure)}`;
    console.log(`  ${name.padEnd(40)} ${window}, writes succeed again from ${healthy.length ? seconds(Math.min(...healthy)) : 'never (in this phase)'}`);
  }
  console.log(`  PostgreSQL restarts by the supervisor: ${restarts.length}`);
  const invariants = {
    lost,
    phantom,
    'double-booked': doubleBooked,
    overpaid,
    partial,
    duplicated,
    'internal errors': [...sent, ...resent].filter((r) => r.outcome === 'internal').length,
  };
  console.log('\nInvariants (each expected 0):');
  for (const [name, value] of Object.entries(invariants)) console.log(`  ${name.padEnd(16)} ${value}`);
  if (invariants['internal errors'] > 0) {
    console.log('\nThe masked errors, as clients saw them and the first API logged them:');
    for (const request of [...sent, ...resent].filter((r) => r.outcome === 'internal').slice(0, 5))
      console.log(`  ${request.kind} ${JSON.stringify(request.body).slice(0, 600)}`);
    const masked = first.api
      .stdout()
      .split('\n')
      .filter((line) => line.includes('INTERNAL_SERVER_ERROR') || (line.includes('"level":"error"') && !line.includes('"classified error"')));
    for (const line of masked.slice(0, 5)) console.log(`  ${line.slice(0, 1500)}`);
  }
  const broken = Object.values(invariants).some((value) => value !== 0) || exitCode !== 0;
  process.exit(broken ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
