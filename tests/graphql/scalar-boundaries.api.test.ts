import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { addDays, today } from '../../src/dates';
import { Role } from '../../src/entities/role';
import { codesIn } from '../support/codes-in';
import { databaseFingerprint, type Fingerprint } from '../support/db-fingerprint';
import { fixtures } from '../support/fixtures';
import { useTestApi } from '../support/test-api';

/**
 * The boundary values of every scalar, fed to every argument of every mutation and query:
 * whatever is sent, the answer is no 5xx and no INTERNAL_SERVER_ERROR, and a refusal leaves
 * every row as it was. Each request changes one leaf of an otherwise valid request, so the
 * value reaches as deep as the service goes with it.
 */

const schema = buildSchema(readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
const TODAY = today();

const STRINGS = ['', ' ', '\u200b\u2060\ufeff', '\u3164', 'e\u0301', '\ud800', 'x'.repeat(10_001), 'a\u0000b', '😀🏨', "' or 1=1 --"];
const BOUNDARIES: Record<string, unknown[]> = {
  String: STRINGS,
  ID: ['0', '-1', '1.5', 'abc', '2147483648', '99999999999999999999', '', ' 1'],
  Int: [0, -1, 2_147_483_647, -2_147_483_648],
  Boolean: [true, false],
  Money: ['0', '0.00', '-0.01', '0.01', '99999999.99', '100000000.00', '9999999999.99', '-9999999999.99', ' 12.00', 12.5, 12, '1e3', '12.345', '+1.00'],
  Date: [
    '0000-01-01',
    '1899-12-31',
    '1900-01-01',
    '2199-12-31',
    '2200-01-01',
    '9999-12-31',
    TODAY,
    addDays(TODAY, -1),
    addDays(TODAY, 730),
    addDays(TODAY, 731),
    addDays(TODAY, -401),
    '2028-02-29',
  ],
  DateTime: ['0000-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', new Date(Date.now() - 1000).toISOString(), '2027-13-01T00:00:00Z'],
};

let ids: Record<string, string>;
let requestNumber = 0;

const t = useTestApi({ config: { loginMaxFailuresPerEmail: 10_000, loginMaxFailuresPerAddress: 10_000, errorStatsFlushMs: 60_000 } });
beforeAll(async () => {
  const em = t.em();
  const f = fixtures(em);
  const roomType = await f.roomType({ name: 'Boundary', capacity: 2, baseRate: '100.00' });
  const room = await f.room(roomType, { number: 'B1' });
  const spare = await f.room(roomType, { number: 'B2' });
  const user = await f.user({ email: 'boundary@hotel.test' });
  const customer = await f.customer({ email: 'boundary@guest.test' });
  const doomed = await f.customer({ email: 'doomed@guest.test' });
  const booking = await f.booking(room, customer, 0, 3);
  const payment = await f.payment(booking, '50.00');
  const token = issueToken(em, { name: 'to revoke', role: Role.STAFF });
  await em.flush();
  const insert = async (statement: string, params: unknown[]) => String((await t.database.sql.query(`${statement} returning id`, params)).rows[0].id);
  ids = {
    booking: String(booking.id),
    room: String(room.id),
    spare: String(spare.id),
    roomType: String(roomType.id),
    user: String(user.id),
    customer: String(customer.id),
    doomed: String(doomed.id),
    payment: String(payment.id),
    token: String(token.token.id),
    task: await insert(`insert into housekeeping_tasks (room_id, kind) values ($1, 'CLEANING')`, [spare.id]),
    request: await insert(`insert into maintenance_requests (room_id, description, severity) values ($1, 'Tap drips', 'LOW')`, [spare.id]),
    notification: await insert(`insert into notifications (user_id, customer_id, kind, message) values ($1, $2, 'X', 'm')`, [user.id, customer.id]),
  };
  // The admin token's first use is stamped once; later requests leave it be.
  await t.graphql('{ me { role } }');
});

/** A valid value for a leaf, by its name where the name says what it is. */
function baseline(operation: string, name: string, type: GraphQLNamedType): unknown {
  const n = ++requestNumber;
  if (isEnumType(type)) {
    if (type.name === 'Role') return 'STAFF';
    if (type.name === 'DeletableEntity') return 'CUSTOMER';
    return type.getValues()[0].value;
  }
  switch (type.name) {
    case 'ID': {
      if (name === 'id') {
        const byOperation: Record<string, string> = {
          booking: ids.booking,
          customer: ids.customer,
          updateCustomer: ids.customer,
          room: ids.room,
          updateRoom: ids.spare,
          roomType: ids.roomType,
          updateRoomType: ids.roomType,
          deleteImpact: ids.doomed,
          deleteRecord: ids.doomed,
          revokeApiToken: ids.token,
        };
        return byOperation[operation] ?? '1';
      }
      const byName: Record<string, string> = {
        bookingId: ids.booking,
        roomId: operation === 'createHousekeepingTask' || operation === 'openMaintenanceRequest' ? ids.spare : ids.room,
        roomTypeId: ids.roomType,
        customerId: ids.customer,
        userId: ids.user,
        assignedToId: ids.user,
        paymentId: ids.payment,
        taskId: ids.task,
        requestId: ids.request,
        notificationId: ids.notification,
      };
      return byName[name] ?? '1';
    }
    case 'String': {
      const byName: Record<string, string> = {
        email: `boundary${n}@guest.test`,
        password: 'a-long-enough-password',
        number: `N${n}`,
        idempotencyKey: `boundary-key-${n}`,
        channel: 'partner-boundary',
        check: 'orphan:bookings.room_id',
        checks: 'rule:',
        phone: '+44 20 7946 0000',
      };
      if (name === 'after' || name === 'impactToken') return undefined;
      return byName[name] ?? `Boundary ${n}`;
    }
    case 'Int':
      return name === 'floor' ? 1 : name === 'capacity' ? 2 : 1;
    case 'Boolean':
      return name === 'dryRun';
    case 'Money':
      return '1.00';
    case 'Date': {
      const byName: Record<string, string> = {
        checkIn: addDays(TODAY, 40),
        checkOut: addDays(TODAY, 42),
        from: TODAY,
        to: addDays(TODAY, 30),
        outOfOrderFrom: addDays(TODAY, 100),
        outOfOrderTo: addDays(TODAY, 101),
      };
      return byName[name] ?? TODAY;
    }
    case 'DateTime':
      return new Date(Date.now() + 86_400_000).toISOString();
    default:
      throw new Error(`no baseline for ${type.name}`);
  }
}

type Path = (string | number)[];

/** A valid value of an input type, and the path and type of every leaf in it. */
function build(operation: string, name: string, type: GraphQLInputType, at: Path, leaves: { path: Path; type: GraphQLNamedType }[]): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [build(operation, name, inner.ofType, [...at, 0], leaves)];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const built = build(operation, field.name, field.type, [...at, field.name], leaves);
      if (built !== undefined) value[field.name] = built;
    }
    return value;
  }
  const named = getNamedType(type);
  leaves.push({ path: at, type: named });
  return baseline(operation, name, named);
}

function withLeaf(value: unknown, leafPath: Path, leaf: unknown): unknown {
  if (leafPath.length === 0) return leaf;
  const [head, ...rest] = leafPath;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? withLeaf(item, rest, leaf) : item));
  const record = (value ?? {}) as Record<string, unknown>;
  return { ...record, [head]: withLeaf(record[head as string], rest, leaf) };
}

/** What to read back: the error's code of a union, a few scalar fields of an object (a balance among them). */
function selectionOf(type: GraphQLNamedType, depth = 0): string {
  if (isUnionType(type) || isInterfaceType(type)) return '{ __typename ... on ClassifiedError { code } }';
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields()).filter((field) => !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined));
  const scalars = fields.filter((field) => isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type))).map((field) => field.name);
  const nested =
    depth === 0
      ? fields
          .filter((field) => ['nodes', 'booking', 'room', 'customer'].includes(field.name) && isObjectType(getNamedType(field.type)))
          .map((field) => `${field.name} ${selectionOf(getNamedType(field.type), depth + 1)}`)
      : [];
  return `{ __typename ${[...scalars, ...nested].join(' ')} }`;
}

interface Case {
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

function casesOf(kind: 'mutation' | 'query', field: GraphQLField<unknown, unknown>): Case[] {
  const leaves: { path: Path; type: GraphQLNamedType }[] = [];
  const valid: Record<string, unknown> = {};
  for (const arg of field.args as readonly GraphQLArgument[]) {
    const built = build(field.name, arg.name, arg.type, [arg.name], leaves);
    if (built !== undefined) valid[arg.name] = built;
  }
  const declared = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const query = `${kind}${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionOf(getNamedType(field.type))} }`;
  const cases: Case[] = [{ label: 'the valid request', query, variables: valid }];
  for (const leaf of leaves) {
    const values = isEnumType(leaf.type) ? [...leaf.type.getValues().map((value) => value.value), 'NOT_A_VALUE'] : BOUNDARIES[leaf.type.name];
    for (const value of [...values, null]) {
      cases.push({
        label: `${leaf.path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`,
        query,
        variables: withLeaf(valid, leaf.path, value) as Record<string, unknown>,
      });
    }
  }
  return cases;
}

/**
 * Whether anything was written since the last look: the next transaction id PostgreSQL
 * would hand out moves only when a transaction writes, so most refusals need no fingerprint.
 * A refusal that wrote and rolled back moves it too; then the rows themselves are compared.
 */
async function nextXid(): Promise<string> {
  const [{ xid }] = await t.database.rows<{ xid: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as xid');
  return xid;
}

async function post(sent: Case, token: string): Promise<{ status: number; text: string; json: any }> {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: sent.query, variables: sent.variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, text, json: JSON.parse(text) };
  } catch {
    return { status: response.status, text, json: undefined };
  }
}

/** The valid request of every query, read as an ADMIN: each must answer without an error. */
async function readsAfterChange(): Promise<string[]> {
  // Reads only, independent of each other: sent at once.
  const answers = await Promise.all(queries.map(async (field) => ({ field, ...(await post(casesOf('query', field)[0], t.tokens.admin)) })));
  return answers
    .filter(({ status, json }) => status >= 500 || codesIn(json).includes('INTERNAL_SERVER_ERROR'))
    .map(({ field, status, text }) => `${field.name} fails: ${status} ${text.slice(0, 300)}`);
}

async function runAll(kind: 'mutation' | 'query', field: GraphQLField<unknown, unknown>, token: string): Promise<string[]> {
  const problems: string[] = [];
  let known: Fingerprint | undefined;
  for (const sent of casesOf(kind, field)) {
    known ??= await databaseFingerprint(t.em());
    const xidBefore = await nextXid();
    const { status, text, json } = await post(sent, token);
    const what = `${field.name}: ${sent.label}: ${status} ${text.slice(0, 300)}`;
    if (status >= 500 || json === undefined) problems.push(what);
    if (codesIn(json).includes('INTERNAL_SERVER_ERROR')) problems.push(what);
    const answer = json?.data?.[field.name];
    const succeeded = kind === 'mutation' && typeof answer?.__typename === 'string' && answer.__typename.endsWith('Success');
    if (succeeded) {
      known = undefined;
      // What was accepted must be readable at once, on every page that shows it.
      for (const problem of await readsAfterChange()) problems.push(`after ${sent.label}: ${problem}`);
      continue;
    }
    // The request's query-cost charge commits one transaction of its own, on a bookkeeping table; any other means something wrote.
    if (BigInt(await nextXid()) - BigInt(xidBefore) <= 1n) continue;
    const now = await databaseFingerprint(t.em());
    const changed = Object.keys(now).filter((table) => now[table].md5 !== known?.[table]?.md5);
    if (changed.length) problems.push(`${what} — refused, yet changed ${changed.join(', ')}`);
    known = now;
  }
  return problems;
}

// Mutations that undo what the others need run last.
const LAST = ['cancelBooking', 'checkInBooking', 'checkOutBooking', 'markNoShow', 'revokeApiToken', 'repairIntegrity', 'deleteRecord'];
const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).sort(
  (a, b) => LAST.indexOf(a.name) - LAST.indexOf(b.name) || a.name.localeCompare(b.name),
);
const queries = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((field) => field.args.length > 0);

const queryTest = (field: GraphQLField<unknown, unknown>, when: string) =>
  it(`query ${field.name}, ${when}: no 5xx, no INTERNAL_SERVER_ERROR, nothing written, for an ADMIN and a PARTNER`, async () => {
    expect([...(await runAll('query', field, t.tokens.admin)), ...(await runAll('query', field, t.tokens.partner))]).toEqual([]);
  });

describe('boundary values of every scalar argument', () => {
  for (const field of queries) queryTest(field, 'on the hotel as set up');
  for (const field of mutations) {
    it(`mutation ${field.name}: no 5xx, no INTERNAL_SERVER_ERROR, nothing written when refused`, async () => {
      expect(await runAll('mutation', field, t.tokens.admin)).toEqual([]);
    });
  }
  // Whatever the mutations accepted must still be readable: an amount taken is an amount shown.
  for (const field of queries) queryTest(field, 'on the hotel the mutations left');
});
