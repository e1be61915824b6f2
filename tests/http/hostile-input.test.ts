import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { addDays, today } from '../../src/dates';
import { Role } from '../../src/entities/role';
import { codesIn } from '../support/codes-in';
import { databaseFingerprint } from '../support/db-fingerprint';
import { fixtures } from '../support/fixtures';
import { leaksIn } from '../support/leak-scan';
import { mutationDocument } from '../support/mutations';
import { useTestApi } from '../support/test-api';

/**
 * Malformed, oversized and malicious requests. Each must get its expected code, never a 5xx,
 * nothing of the server's internals (stack, SQL, driver) in the body, and must leave every
 * row of every table as it was.
 */

const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

const t = useTestApi();
beforeAll(async () => {
  const em = t.em();
  const f = fixtures(em);
  const type = await f.roomType({ name: 'Double', capacity: 2, baseRate: '100.00' });
  const room = await f.room(type, { number: '101' });
  const hotelGuest = await f.customer({ email: 'hotel@guest.test' });
  const guestA = await f.customer({ email: 'a@guest.test', channel: 'partner-a' });
  const guestB = await f.customer({ email: 'b@guest.test', channel: 'partner-b' });
  const direct = await f.booking(room, hotelGuest, 5, 2);
  const ofA = await f.booking(room, guestA, 10, 2, { channel: 'partner-a' });
  const ofB = await f.booking(room, guestB, 20, 2, { channel: 'partner-b' });
  const payment = await f.payment(ofB, '20.00');
  const expired = issueToken(em, { name: 'expired', role: Role.ADMIN, expiresAt: new Date(Date.now() - 60_000) });
  const revoked = issueToken(em, { name: 'revoked', role: Role.ADMIN });
  revoked.token.revokedAt = new Date();
  await em.flush();
  Object.assign(ids, {
    room: String(room.id),
    hotelGuest: String(hotelGuest.id),
    guestA: String(guestA.id),
    guestB: String(guestB.id),
    direct: String(direct.id),
    ofA: String(ofA.id),
    ofB: String(ofB.id),
    paymentOfB: String(payment.id),
  });
  Object.assign(tokens, { expired: expired.secret, revoked: revoked.secret });
  // Let every token's first use be stamped before fingerprints are taken.
  await t.graphql('{ me { role } }');
});

interface Sent {
  status: number;
  body: string;
  json: any;
  codes: string[];
  ms: number;
}

interface Raw {
  body?: string;
  headers?: Record<string, string>;
  method?: string;
  /** Bearer token; the admin's unless given, none when null. */
  token?: string | null;
  /** Appended to the endpoint's URL: a query string. */
  url?: string;
}

async function send(request: Raw): Promise<Sent> {
  const token = request.token === undefined ? t.tokens.admin : request.token;
  const started = performance.now();
  const response = await fetch(t.url + (request.url ?? ''), {
    method: request.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...request.headers },
    body: request.body,
  });
  const body = await response.text();
  const ms = performance.now() - started;
  let json: any;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: response.status, body, json, codes: codesIn(json), ms };
}

const graphql = (query: string, variables?: Record<string, unknown>, token?: string | null): Raw => ({ body: JSON.stringify({ query, variables }), token });

/**
 * Sends the request and checks what every hostile request must meet: its expected code (or,
 * for `null`, no error at all), no 5xx, nothing internal in the body, an answer within a few
 * seconds, and the database exactly as it was.
 */
async function expectHarmless(name: string, request: Raw, expected: string | null, status?: number): Promise<Sent> {
  const before = await databaseFingerprint(t.em());
  const sent = await send(request);
  const after = await databaseFingerprint(t.em());
  const summary = `${name}: ${sent.status} ${sent.body.slice(0, 300)}`;
  expect(sent.status, summary).toBeLessThan(500);
  if (status !== undefined) expect(sent.status, summary).toBe(status);
  expect(sent.json, `${summary} (not JSON)`).toBeDefined();
  if (expected === null) expect(sent.codes, summary).toEqual([]);
  else expect(sent.codes, summary).toContain(expected);
  expect(leaksIn(sent.body), summary).toEqual([]);
  expect(sent.body, summary).not.toMatch(/stacktrace|"stack"|\n\s+at /);
  expect(sent.codes, summary).not.toContain('INTERNAL_SERVER_ERROR');
  expect(sent.ms, `${name} took ${Math.round(sent.ms)} ms`).toBeLessThan(5000);
  expect(after, `${name} changed the database`).toEqual(before);
  return sent;
}

const CODE = { members: '... on ClassifiedError { code }' };
const CREATE_CUSTOMER = mutationDocument('createCustomer', CODE);
const CREATE_BOOKING = mutationDocument('createBooking', CODE);
const RECORD_PAYMENT = mutationDocument('recordPayment', CODE);
const CANCEL = mutationDocument('cancelBooking', CODE);
const UPDATE_CUSTOMER = mutationDocument('updateCustomer', CODE);
const LOGIN = mutationDocument('login', CODE);
const SEARCH = `query ($s: String) { customers(search: $s) { totalCount } }`;
const customer = (fields: Record<string, unknown> = {}) => ({ input: { firstName: 'Eve', lastName: 'Hostile', email: 'eve@guest.test', ...fields } });
const stay = (fields: Record<string, unknown> = {}) => ({
  input: { roomId: ids.room, customerId: ids.hotelGuest, checkIn: addDays(today(), 60), checkOut: addDays(today(), 62), numGuests: 1, ...fields },
});
const payment = (amount: unknown, fields: Record<string, unknown> = {}) => ({ input: { bookingId: ids.direct, amount, method: 'CARD', ...fields } });
const repeat = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');

describe('malformed HTTP', () => {
  it('bodies that are not a GraphQL request', async () => {
    await expectHarmless('truncated JSON', { body: '{"query": "{ me { role } }"' }, 'BAD_REQUEST', 400);
    await expectHarmless('not JSON at all', { body: 'query { me { role } }' }, 'BAD_REQUEST', 400);
    await expectHarmless('a JSON string', { body: '"{ me { role } }"' }, 'BAD_REQUEST', 400);
    await expectHarmless('an empty body', { body: '' }, 'BAD_REQUEST', 400);
    await expectHarmless('an empty object', { body: '{}' }, 'BAD_REQUEST', 400);
    await expectHarmless('query is a number', { body: '{"query": 42}' }, 'BAD_REQUEST', 400);
    await expectHarmless('variables is a string', { body: '{"query": "{ me { role } }", "variables": "x"}' }, 'BAD_REQUEST', 400);
    await expectHarmless('a JSON array (batch)', { body: '[{"query": "{ me { role } }"}]' }, 'BATCHING_NOT_SUPPORTED', 400);
  });

  it('wrong content types', async () => {
    const body = JSON.stringify({ query: '{ me { role } }' });
    await expectHarmless('text/plain', { body, headers: { 'content-type': 'text/plain' } }, 'CSRF_PREVENTED', 400);
    await expectHarmless(
      'form-urlencoded',
      { body: 'query=%7B%20me%20%7B%20role%20%7D%20%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      'CSRF_PREVENTED',
      400,
    );
    await expectHarmless('application/xml', { body: '<query>{ me { role } }</query>', headers: { 'content-type': 'application/xml' } }, 'BAD_REQUEST', 400);
    await expectHarmless(
      'text/plain with a preflight header',
      { body, headers: { 'content-type': 'text/plain', 'apollo-require-preflight': '1' } },
      'BAD_REQUEST',
      400,
    );
    await expectHarmless('JSON in UTF-16', { body, headers: { 'content-type': 'application/json; charset=utf-16' } }, 'BAD_REQUEST');
    await expectHarmless('PUT', { body, method: 'PUT' }, 'BAD_REQUEST', 405);
  });

  it('huge bodies and strings', async () => {
    await expectHarmless('a 2 MB body', { body: JSON.stringify({ query: '{ me { role } }', pad: 'x'.repeat(2_000_000) }) }, 'PAYLOAD_TOO_LARGE', 413);
    const big = 'x'.repeat(900_000);
    await expectHarmless('a 900 kB first name', graphql(CREATE_CUSTOMER, customer({ firstName: big })), 'VALIDATION_FAILED');
    await expectHarmless('a 900 kB search', graphql(SEARCH, { s: big }), 'BAD_USER_INPUT');
    await expectHarmless('a 900 kB login email', graphql(LOGIN, { email: big, password: 'whatever-it-is' }, null), 'VALIDATION_FAILED');
    await expectHarmless('a 900 kB idempotency key', graphql(RECORD_PAYMENT, payment('1.00', { idempotencyKey: big })), 'VALIDATION_FAILED');
    await expectHarmless('a 900 kB string literal in the document', graphql(`{ customers(search: "${big}") { totalCount } }`), 'BAD_USER_INPUT');
    await expectHarmless('a 10 kB bearer token', graphql('{ me { role } }', {}, `hotel_${'x'.repeat(10_000)}`), 'UNAUTHENTICATED');
  });

  it('deep nesting of JSON and of the document', async () => {
    const deepJson = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await expectHarmless(
      'variables nested 100,000 deep',
      { body: `{"query": "query ($s: String) { customers(search: $s) { totalCount } }", "variables": {"s": ${deepJson}}}` },
      'BAD_USER_INPUT',
    );
    const nestedList = (n: number) => `{ customers(search: ${'['.repeat(n)}"x"${']'.repeat(n)}) { totalCount } }`;
    await expectHarmless('a list literal nested 60 deep', graphql(nestedList(60)), 'GRAPHQL_VALIDATION_FAILED');
    await expectHarmless('a list literal nested 900 deep', graphql(nestedList(900)), 'QUERY_TOO_DEEP');
    await expectHarmless(
      'an object literal nested 900 deep',
      graphql(`{ bookings(filter: ${'{ a: '.repeat(900)}1${' }'.repeat(900)}) { totalCount } }`),
      'QUERY_TOO_DEEP',
    );
    await expectHarmless('a list literal nested 5,000 deep', graphql(nestedList(5000)), 'QUERY_TOO_DEEP');
    await expectHarmless('3,000 tokens, flat', graphql(`{ me { ${repeat(3000, () => 'role')} } }`), 'TOO_MANY_TOKENS');
    const get = { method: 'GET', headers: { 'apollo-require-preflight': '1' }, url: `?query=${encodeURIComponent(nestedList(900))}` };
    await expectHarmless('a GET with a list literal nested 900 deep', get, 'QUERY_TOO_DEEP');
    await expectHarmless('selections nested beyond the depth limit', graphql(`{ me { user { ${'a { '.repeat(20)}b${' }'.repeat(20)} } } }`), 'QUERY_TOO_DEEP');
  });
});

describe('query bombs', () => {
  it('alias, fragment and field-repetition bombs', async () => {
    await expectHarmless('100 aliases', graphql(`{ ${repeat(100, (i) => `a${i}: bookings(first: 100) { totalCount }`)} }`), 'TOO_MANY_ALIASES');
    const fragments = [
      'fragment F0 on Query { bookings(first: 100) { nodes { id customer { email } } } }',
      ...Array.from({ length: 20 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`),
    ].join(' ');
    await expectHarmless('fragments doubling 20 times', graphql(`query { ...F20 } ${fragments}`), 'QUERY_TOO_COMPLEX');
    await expectHarmless('a fragment cycle', graphql('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), 'GRAPHQL_VALIDATION_FAILED');
    // graphql-js's own budget for comparing fields (OverlappingFieldsCanBeMerged) gives up on it.
    await expectHarmless('1,900 repetitions of one field', graphql(`{ me { ${repeat(1900, () => 'role')} } }`), 'GRAPHQL_VALIDATION_FAILED');
    await expectHarmless('directive flood', graphql(`{ me { role ${repeat(100, () => '@skip(if: false)')} } }`), 'TOO_MANY_DIRECTIVES');
    await expectHarmless('many operations, none chosen', graphql(repeat(50, (i) => `query Q${i} { me { role } }`)), 'OPERATION_RESOLUTION_FAILURE');
  });
});

describe('invalid scalars and enums', () => {
  it('impossible dates, bad emails, bad amounts, out-of-range numbers, unknown enum values', async () => {
    await expectHarmless(
      'Feb 30 in the document',
      graphql(`{ availableRooms(checkIn: "2030-02-30", checkOut: "2030-03-02") { id } }`),
      'GRAPHQL_VALIDATION_FAILED',
    );
    await expectHarmless('Feb 30 in a variable', graphql(CREATE_BOOKING, stay({ checkIn: '2030-02-30' })), 'BAD_USER_INPUT');
    await expectHarmless('month 13', graphql(CREATE_BOOKING, stay({ checkOut: '2030-13-01' })), 'BAD_USER_INPUT');
    await expectHarmless('a date with a time zone', graphql(CREATE_BOOKING, stay({ checkIn: '2030-01-01T00:00:00Z' })), 'BAD_USER_INPUT');
    await expectHarmless('year 0', graphql(CREATE_BOOKING, stay({ checkIn: '0000-01-01' })), 'BAD_USER_INPUT');
    await expectHarmless('year 9999 in a filter', graphql('{ bookings(filter: { from: "9999-12-31" }) { totalCount } }'), 'GRAPHQL_VALIDATION_FAILED');
    await expectHarmless(
      'year 0 in a filter, as a PARTNER',
      graphql('query ($f: BookingFilterInput) { bookings(filter: $f) { totalCount } }', { f: { to: '0000-01-01' } }, t.tokens.partner),
      'BAD_USER_INPUT',
    );
    await expectHarmless(
      'a stay past the booking horizon',
      graphql(CREATE_BOOKING, stay({ checkIn: addDays(today(), 800), checkOut: addDays(today(), 802) })),
      'VALIDATION_FAILED',
    );
    await expectHarmless(
      'check-out before check-in',
      graphql(CREATE_BOOKING, stay({ checkIn: addDays(today(), 70), checkOut: addDays(today(), 65) })),
      'VALIDATION_FAILED',
    );
    for (const email of ['not-an-email', 'a@b', '@guest.test', 'eve@guest .test', 'eve@@guest.test', `${'x'.repeat(400)}@guest.test`]) {
      await expectHarmless(`email ${JSON.stringify(email.slice(0, 30))}`, graphql(CREATE_CUSTOMER, customer({ email })), 'VALIDATION_FAILED');
    }
    await expectHarmless('a negative amount', graphql(RECORD_PAYMENT, payment('-5.00')), 'VALIDATION_FAILED');
    await expectHarmless('a zero amount', graphql(RECORD_PAYMENT, payment('0.00')), 'VALIDATION_FAILED');
    await expectHarmless(
      '1e309 as a JSON number',
      { body: `{"query": ${JSON.stringify(RECORD_PAYMENT)}, "variables": {"input": {"bookingId": "${ids.direct}", "amount": 1e309, "method": "CARD"}}}` },
      'BAD_USER_INPUT',
    );
    await expectHarmless('12.5 as a JSON number', graphql(RECORD_PAYMENT, payment(12.5)), 'BAD_USER_INPUT');
    await expectHarmless(
      'a folio item that would make the balance unreadable',
      graphql(mutationDocument('addFolioItem', CODE), { input: { bookingId: ids.direct, description: 'x', amount: '9999999999.99' } }),
      'VALIDATION_FAILED',
    );
    for (const amount of ['1e309', 'NaN', 'Infinity', '-0', '0.001', '1,00', '12345678901.00', '1e3', ' ', '', ' 12.00', '12.00 ', '+12.00']) {
      const code = amount === '-0' ? 'VALIDATION_FAILED' : 'BAD_USER_INPUT';
      await expectHarmless(`amount ${JSON.stringify(amount)}`, graphql(RECORD_PAYMENT, payment(amount)), code);
    }
    await expectHarmless('amount as an object', graphql(RECORD_PAYMENT, payment({ $gt: 0 })), 'BAD_USER_INPUT');
    await expectHarmless('2^31 guests', graphql(CREATE_BOOKING, stay({ numGuests: 2 ** 31 })), 'BAD_USER_INPUT');
    await expectHarmless(
      '1e309 guests',
      {
        body: `{"query": ${JSON.stringify(CREATE_BOOKING)}, "variables": {"input": {"roomId": "1", "customerId": "1", "checkIn": "2030-01-01", "checkOut": "2030-01-02", "numGuests": 1e309}}}`,
      },
      'BAD_USER_INPUT',
    );
    await expectHarmless('-1 guests', graphql(CREATE_BOOKING, stay({ numGuests: -1 })), 'VALIDATION_FAILED');
    await expectHarmless('1.5 guests', graphql(CREATE_BOOKING, stay({ numGuests: 1.5 })), 'BAD_USER_INPUT');
    await expectHarmless('an id as an object', graphql(CREATE_BOOKING, stay({ roomId: { id: 1 } })), 'BAD_USER_INPUT');
    await expectHarmless('an id too big for the key', graphql(CREATE_BOOKING, stay({ roomId: '99999999999999999999' })), 'VALIDATION_FAILED');
    await expectHarmless('an unknown enum in the document', graphql('{ bookings(filter: { statuses: [BOGUS] }) { totalCount } }'), 'GRAPHQL_VALIDATION_FAILED');
    await expectHarmless('an unknown enum in a variable', graphql(RECORD_PAYMENT, payment('1.00', { method: 'BITCOIN' })), 'BAD_USER_INPUT');
    await expectHarmless('an enum in lower case', graphql(RECORD_PAYMENT, payment('1.00', { method: 'card' })), 'BAD_USER_INPUT');
    await expectHarmless(
      'a role that is not one',
      graphql('mutation { createApiToken(input: { name: "x", role: ROOT }) { __typename } }'),
      'GRAPHQL_VALIDATION_FAILED',
    );
  });
});

describe('injection-looking, Unicode and NUL input', () => {
  const sqlish = ["' OR '1'='1", "'; DROP TABLE customers; --", '1; delete from bookings', "\\'; truncate users; --", '%', '_', '$$; select pg_sleep(10); $$'];

  it('SQL-looking strings are data, never SQL', async () => {
    for (const text of sqlish) {
      const sent = await expectHarmless(`search ${text}`, graphql(SEARCH, { s: text }), null);
      expect(sent.json.data.customers.totalCount).toBe(0);
      await expectHarmless(`booking(id: ${text})`, graphql('query ($id: ID!) { booking(id: $id) { id } }', { id: text }), null);
      await expectHarmless(`login as ${text}`, graphql(LOGIN, { email: text, password: text }, null), 'INVALID_CREDENTIALS');
      await expectHarmless(`cancel ${text}`, graphql(CANCEL, { input: { bookingId: text, reason: text } }), 'VALIDATION_FAILED');
      await expectHarmless(`idempotency key ${text}`, graphql(RECORD_PAYMENT, payment('1.00', { idempotencyKey: `${text} ` })), 'VALIDATION_FAILED');
      // Quotes and % may stand in an email's local part; with a space it is no address.
      if (/\s/.test(text)) await expectHarmless(`email ${text}`, graphql(CREATE_CUSTOMER, customer({ email: `${text}@guest.test` })), 'VALIDATION_FAILED');
    }
  });

  it('and, where valid, are stored exactly as sent', async () => {
    const before = await databaseFingerprint(t.em());
    const name = "Robert'); DROP TABLE customers; --";
    const { data } = await t.graphql(
      mutationDocument('createCustomer', { members: '... on CreateCustomerSuccess { customer { firstName } }' }),
      customer({ firstName: name, email: 'bobby@guest.test' }),
    );
    expect(data?.createCustomer.customer.firstName).toBe(name);
    const after = await databaseFingerprint(t.em());
    const changed = Object.keys(after).filter((table) => after[table].md5 !== before[table].md5);
    expect(changed).toEqual(['customers']);
    expect(after.customers.rows).toBe(before.customers.rows + 1);
  });

  it('NUL bytes and control characters are refused; other Unicode passes through as text', async () => {
    await expectHarmless('NUL in a first name', graphql(CREATE_CUSTOMER, customer({ firstName: 'Eve\u0000' })), 'VALIDATION_FAILED');
    await expectHarmless('NUL in a search', graphql(SEARCH, { s: 'a\u0000b' }), 'BAD_USER_INPUT');
    await expectHarmless('NUL in a login email', graphql(LOGIN, { email: 'admin@hotel.test\u0000', password: 'x' }, null), 'VALIDATION_FAILED');
    await expectHarmless('NUL in a cancellation reason', graphql(CANCEL, { input: { bookingId: ids.direct, reason: 'no\u0000' } }), 'VALIDATION_FAILED');
    await expectHarmless('NUL in an idempotency key', graphql(RECORD_PAYMENT, payment('1.00', { idempotencyKey: 'k\u0000' })), 'VALIDATION_FAILED');
    await expectHarmless('escape sequences in a name', graphql(CREATE_CUSTOMER, customer({ lastName: 'Hostile\u001b[31m' })), 'VALIDATION_FAILED');
    await expectHarmless('NUL in the document', graphql('{ me { role } }\u0000'), 'GRAPHQL_PARSE_FAILED');
    await expectHarmless('a non-ASCII field name', graphql('{ me { röle } }'), 'GRAPHQL_PARSE_FAILED');
    await expectHarmless(
      'an unknown operation name',
      { body: JSON.stringify({ query: 'query A { me { role } }', operationName: 'B\u0000' }) },
      'OPERATION_RESOLUTION_FAILURE',
    );
    for (const text of ['😀🏨', '\u202eevil', 'zero\u200bwidth', 'Ωmega', '\ud800 lone surrogate', 'ﷺ', 'a\u0301']) {
      await expectHarmless(`search ${JSON.stringify(text)}`, graphql(SEARCH, { s: text }), null);
    }
  });
});

describe('other partners’ records and dead tokens', () => {
  it('ids of another partner’s bookings and customers: null from queries, NOT_FOUND from mutations', async () => {
    const partner = t.tokens.partner;
    for (const id of [ids.ofB, ids.direct]) {
      const sent = await expectHarmless(`booking ${id}`, graphql('query ($id: ID!) { booking(id: $id) { id } }', { id }, partner), null);
      expect(sent.json.data).toEqual({ booking: null });
      await expectHarmless(`cancel ${id}`, graphql(CANCEL, { input: { bookingId: id, reason: 'mine now' } }, partner), 'NOT_FOUND');
      await expectHarmless(`pay ${id}`, graphql(RECORD_PAYMENT, { input: { bookingId: id, amount: '1.00', method: 'CARD' } }, partner), 'NOT_FOUND');
    }
    for (const id of [ids.guestB, ids.hotelGuest]) {
      const sent = await expectHarmless(`customer ${id}`, graphql('query ($id: ID!) { customer(id: $id) { id email } }', { id }, partner), null);
      expect(sent.json.data).toEqual({ customer: null });
      await expectHarmless(`update customer ${id}`, graphql(UPDATE_CUSTOMER, { input: { id, email: 'taken@over.test' } }, partner), 'NOT_FOUND');
      await expectHarmless(`book for customer ${id}`, graphql(CREATE_BOOKING, stay({ customerId: id }), partner), 'NOT_FOUND');
    }
    await expectHarmless(
      'refund another’s payment',
      graphql(mutationDocument('refundPayment', { members: '' }), { input: { paymentId: ids.paymentOfB, amount: '1.00' } }, partner),
      'FORBIDDEN',
    );
    const list = await expectHarmless(
      'filter by another’s customer',
      graphql(`{ bookings(filter: { customerId: "${ids.guestB}" }) { totalCount } }`, {}, partner),
      null,
    );
    expect(list.json.data.bookings.totalCount).toBe(0);
  });

  it('expired, revoked, malformed and missing tokens: UNAUTHENTICATED, for reads and writes', async () => {
    for (const [name, token] of [
      ['expired', tokens.expired],
      ['revoked', tokens.revoked],
      ['unknown', 'hotel_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
      ['none', null],
    ] as const) {
      await expectHarmless(`${name} token reading`, graphql('{ bookings { totalCount } }', {}, token), 'UNAUTHENTICATED');
      await expectHarmless(`${name} token writing`, graphql(CREATE_CUSTOMER, customer(), token), 'UNAUTHENTICATED');
    }
    for (const authorization of ['Bearer', 'Bearer a b', 'Basic YWRtaW46YWRtaW4=', `Bearer ${t.tokens.admin}x`, 'bearer\t']) {
      await expectHarmless(
        `authorization ${JSON.stringify(authorization.slice(0, 20))}`,
        { ...graphql(CREATE_CUSTOMER, customer(), null), headers: { authorization } },
        'UNAUTHENTICATED',
      );
    }
  });
});
