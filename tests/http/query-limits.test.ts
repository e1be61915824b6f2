import { type GraphQLNamedType, getNamedType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BOOKINGS_PAGE_QUERY } from '../../bench/support/page-query';
import { buildHotelSchema } from '../../src/graphql/schema';
import { QUERY_LIMITS } from '../../src/http/query-limits';
import { leaksIn } from '../support/leak-scan';
import { useTestApi } from '../support/test-api';

const t = useTestApi();

/** A request by hand, to see status and body as the client does; the body is scanned for leaks. */
async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST', url = t.url) {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${t.tokens.staff}`, ...headers }, body: method === 'GET' ? undefined : body });
  const text = await response.text();
  expect(leaksIn(text)).toEqual([]);
  return { status: response.status, body: JSON.parse(text) as { data?: any; errors?: { message: string; extensions: Record<string, any> }[] } };
}

async function expectRejected(query: string, code: string, variables?: Record<string, unknown>) {
  const { status, body } = await post(JSON.stringify({ query, variables }));
  expect(status).toBe(400);
  expect(body.data).toBeUndefined();
  const error = body.errors?.find((e) => e.extensions.code === code);
  expect(error, `${code} among ${JSON.stringify(body.errors)}`).toBeDefined();
  expect(error?.extensions).toMatchObject({ category: 'VALIDATION', severity: 'LOW', retryable: false, errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  return error!;
}

/** Every field of a booking the staff app may show. */
const FULL_BOOKING = `id status checkIn checkOut numGuests totalAmount balance channel
  room { number floor status housekeepingStatus roomType { name capacity baseRate } } customer { firstName lastName email phone loyaltyPoints }
  payments { amount refundedAmount method status processedBy { name } } folioItems { description amount } invoice { number amount }
  logs { action createdAt actor { name } } cancelledBy { name } deletable { allowed blockers { table count } }`;

const times = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');

describe('the limits let the staff app’s real queries through', () => {
  it('the bookings page of bench:read, the README examples, and a page of 100 bookings with every field', async () => {
    for (const query of [
      BOOKINGS_PAGE_QUERY,
      '{ me { role tokenName } }',
      '{ bookings(first: 5, filter: { statuses: [CHECKED_IN] }) { totalCount pageInfo { endCursor hasNextPage } nodes { id checkIn checkOut totalAmount room { number } customer { lastName } payments { amount method } } } }',
      `{ bookings(first: 100) { totalCount pageInfo { endCursor hasNextPage } nodes { ${FULL_BOOKING} } } }`,
    ]) {
      const { status, body } = await post(JSON.stringify({ query }));
      expect({ query, status, errors: body.errors }).toEqual({ query, status: 200, errors: undefined });
    }
  });

  it('no selection the schema allows is deeper than the depth limit', async () => {
    const schema = await buildHotelSchema();
    const depths = new Map<string, number>();
    const depthOf = (type: GraphQLNamedType, path: string[]): number => {
      if (path.includes(type.name)) throw new Error(`the schema has a cycle through ${[...path, type.name].join(' > ')}; the depth limit now matters`);
      if (depths.has(type.name)) return depths.get(type.name)!;
      const members = isUnionType(type) ? type.getTypes() : isObjectType(type) || isInterfaceType(type) ? [type] : [];
      let depth = 0;
      for (const member of members) {
        for (const field of Object.values(member.getFields())) depth = Math.max(depth, 1 + depthOf(getNamedType(field.type), [...path, type.name]));
      }
      depths.set(type.name, depth);
      return depth;
    };
    const deepest = Math.max(depthOf(schema.getQueryType()!, []), depthOf(schema.getMutationType()!, []));
    expect(deepest).toBeLessThanOrEqual(QUERY_LIMITS.maxDepth);
  });
});

describe('each limit refuses with a top-level error of its own code, status 400, nothing executed', () => {
  it('depth: QUERY_TOO_DEEP', async () => {
    // Deeper than any valid selection (see above), so the field names are invalid too.
    const query = `{ me { user { deletable { blockers { a { b { c { d { e { f { g } } } } } } } } } } }`;
    const error = await expectRejected(query, 'QUERY_TOO_DEEP');
    expect(error.message).toBe(`Query depth limit of ${QUERY_LIMITS.maxDepth} exceeded, found 11.`);
  });

  it('cost: QUERY_TOO_COMPLEX, counting page sizes given literally, in variables or by default', async () => {
    const page = (alias: string, first: string) =>
      `${alias}: bookings${first} { nodes { id checkIn checkOut status room { number roomType { name baseRate } } customer { firstName lastName email } } }`;
    const error = await expectRejected(`{ ${times(5, (i) => page(`p${i}`, '(first: 100)'))} }`, 'QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(new RegExp(`^Query Cost limit of ${QUERY_LIMITS.maxCost} exceeded, found \\d+`));
    await expectRejected(`query ($n: Int) { ${times(5, (i) => page(`p${i}`, '(first: $n)'))} }`, 'QUERY_TOO_COMPLEX', { n: 100 });
    await expectRejected(`query ($n: Int = 100) { ${times(5, (i) => page(`p${i}`, '(first: $n)'))} }`, 'QUERY_TOO_COMPLEX');
    expect((await post(JSON.stringify({ query: `query ($n: Int) { ${times(5, (i) => page(`p${i}`, '(first: $n)'))} }`, variables: { n: 5 } }))).status).toBe(
      200,
    );
    // The default page size (20) counts: fifteen pages cost as much as three of 100.
    const full = (alias: string, first: string) => `${alias}: bookings${first} { nodes { ${FULL_BOOKING} } }`;
    await expectRejected(`{ ${times(7, (i) => full(`p${i}`, ''))} }`, 'QUERY_TOO_COMPLEX');
    expect((await post(JSON.stringify({ query: `{ ${times(7, (i) => full(`p${i}`, '(first: 5)'))} }` }))).status).toBe(200);
    // Backward pages count by last, also beside a null first, as clients paging both ways send them.
    await expectRejected(`{ ${times(5, (i) => page(`p${i}`, '(last: 100)'))} }`, 'QUERY_TOO_COMPLEX');
    await expectRejected(`query ($f: Int, $l: Int) { ${times(5, (i) => page(`p${i}`, '(first: $f, last: $l)'))} }`, 'QUERY_TOO_COMPLEX', { f: null, l: 100 });
    expect(
      (
        await post(
          JSON.stringify({ query: `query ($f: Int, $l: Int) { ${times(5, (i) => page(`p${i}`, '(first: $f, last: $l)'))} }`, variables: { f: null, l: 5 } }),
        )
      ).status,
    ).toBe(200);
  });

  it('aliases: TOO_MANY_ALIASES', async () => {
    await expectRejected(`{ ${times(QUERY_LIMITS.maxAliases + 1, (i) => `a${i}: me { role }`)} }`, 'TOO_MANY_ALIASES');
    expect((await post(JSON.stringify({ query: `{ ${times(QUERY_LIMITS.maxAliases, (i) => `a${i}: me { role }`)} }` }))).status).toBe(200);
  });

  it('directives: TOO_MANY_DIRECTIVES', async () => {
    await expectRejected(`{ me { role ${times(QUERY_LIMITS.maxDirectives, () => '@include(if: true)')} tokenName @skip(if: false) } }`, 'TOO_MANY_DIRECTIVES');
  });

  it('tokens: TOO_MANY_TOKENS, before the document is even parsed whole', async () => {
    const error = await expectRejected(`{ me { ${times(QUERY_LIMITS.maxTokens, () => 'role')} } }`, 'TOO_MANY_TOKENS');
    expect(error.message).toBe(`Token limit of ${QUERY_LIMITS.maxTokens} exceeded.`);
  });

  it('nesting: QUERY_TOO_DEEP for brackets nested deeper than the parser should recurse', async () => {
    const nested = (n: number) => `{ customers(search: ${'['.repeat(n)}"x"${']'.repeat(n)}) { totalCount } }`;
    const error = await expectRejected(nested(QUERY_LIMITS.maxNesting), 'QUERY_TOO_DEEP');
    expect(error.message).toBe(`Brackets nested deeper than ${QUERY_LIMITS.maxNesting} levels.`);
  });

  it('batches: BATCHING_NOT_SUPPORTED for a JSON array', async () => {
    const { status, body } = await post(JSON.stringify([{ query: '{ me { role } }' }, { query: '{ me { role } }' }]));
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BATCHING_NOT_SUPPORTED', category: 'VALIDATION' });
  });

  it('cross-site requests: CSRF_PREVENTED for simple content types and bare GETs, while GET queries with a preflight header work', async () => {
    for (const headers of [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
    ]) {
      const { status, body } = await post(JSON.stringify({ query: '{ me { role } }' }), headers);
      expect({ headers, status, code: body.errors?.[0].extensions.code }).toEqual({ headers, status: 400, code: 'CSRF_PREVENTED' });
    }
    const url = `${t.url}?query=${encodeURIComponent('{ me { role } }')}`;
    expect((await post('', {}, 'GET', url)).body.errors?.[0].extensions.code).toBe('CSRF_PREVENTED');
    const preflighted = await post('', { 'apollo-require-preflight': 'true' }, 'GET', url);
    expect(preflighted).toEqual({ status: 200, body: { data: { me: { role: 'STAFF' } }, extensions: { cost: expect.objectContaining({ requested: 4 }) } } });
  });
});

describe('in production', () => {
  const prod = useTestApi({ config: { nodeEnv: 'production' } });

  it('introspection is off: INTROSPECTION_DISABLED', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Booking") { fields { name } } }']) {
      const { errors, status } = await prod.graphql(query);
      expect(status).toBe(400);
      expect(errors?.[0].extensions).toMatchObject({ code: 'INTROSPECTION_DISABLED', category: 'VALIDATION' });
    }
    expect((await prod.graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('field suggestions are off', async () => {
    const { errors } = await prod.graphql('{ bookingz { totalCount } }');
    expect(errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors?.[0].message).not.toMatch(/Did you mean|bookings/);
  });

  it('while in development both are on', async () => {
    expect((await t.graphql('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await t.graphql('{ bookingz { totalCount } }')).errors?.[0].message).toMatch(/Did you mean .*"bookings"/);
  });
});
