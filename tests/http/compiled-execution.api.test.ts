import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHotel } from '../../src/demo/demo-seed';
import { useTestApi } from '../support/test-api';

/**
 * Queries run by a plan compiled per document once it comes a second time; graphql-js
 * answers the first sighting, every mutation, and any compiled run that met an error. The
 * answers must not tell which ran: each case is asked several times and every answer
 * compared, byte for byte, with the first (graphql-js's).
 */

const t = useTestApi();
beforeAll(async () => {
  await seedDemoHotel(t.em(), t.config.currency);
  await t.database.sql.query(`update customers set channel = 'partner-a' where id % 5 = 0`);
});

const executions = async () => {
  const metric = await t.api.metrics.graphqlExecutions.get();
  const of = (plan: string) => metric.values.find((value) => value.labels.plan === plan)?.value ?? 0;
  return { compiled: of('compiled'), interpreted: of('interpreted') };
};

/** A body without its `extensions.cost`, which tells what is left of the token's budget, less on each answer. */
const withoutCost = (body: string) => body.replace(/,"extensions":\{"cost":\{[^}]*\}\}/, '');

/** The body of each of `times` answers to the same request (but its cost), and how each was executed. */
async function askedAgain(times: number, query: string, variables: Record<string, unknown>, token?: string) {
  const before = await executions();
  const bodies: string[] = [];
  for (let i = 0; i < times; i++) bodies.push(withoutCost((await t.graphql(query, variables, token === undefined ? {} : { token })).body));
  const after = await executions();
  return { bodies, compiled: after.compiled - before.compiled, interpreted: after.interpreted - before.interpreted };
}

describe('compiled execution', () => {
  it('runs a query graphql-js answered once by its compiled plan from then on, answering the same bytes', async () => {
    const query = `query Page($first: Int, $after: String) { bookings(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id checkIn checkOut status totalAmount createdAt
        room { number roomType { name baseRate capacity } } customer { firstName lastName email } payments { amount method } } } } }`;
    const { bodies, compiled, interpreted } = await askedAgain(4, query, { first: 30 });
    expect({ compiled, interpreted }).toEqual({ compiled: 3, interpreted: 1 });
    expect(JSON.parse(bodies[0]).data.bookings.edges).toHaveLength(30);
    for (const body of bodies) expect(body).toBe(bodies[0]);
  });

  it('answers again by graphql-js a compiled run that met an error: the same errors, word for word', async () => {
    // A partner asking for a guarded field: FORBIDDEN on each row, the rows themselves null.
    const query = '{ customers(first: 5) { nodes { id loyaltyPoints } } }';
    const { bodies, compiled, interpreted } = await askedAgain(3, query, {}, t.tokens.partner);
    expect({ compiled, interpreted }).toEqual({ compiled: 0, interpreted: 3 });
    const errors = JSON.parse(bodies[0]).errors.map((error: any) => [error.path.join('.'), error.extensions.code]);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map(([, code]: string[]) => code))).toEqual(new Set(['FORBIDDEN']));
    // errorIds differ per answer; everything else is the same.
    const withoutIds = (body: string) => body.replace(/"errorId":"[^"]+"/g, '');
    for (const body of bodies) expect(withoutIds(body)).toBe(withoutIds(bodies[0]));
  });

  it('answers bad variables as graphql-js does, however often they come', async () => {
    const query = 'query ($first: Int) { rooms(first: $first) { nodes { id } } }';
    const { bodies } = await askedAgain(3, query, { first: 'many' });
    const first = JSON.parse(bodies[0]);
    expect(first.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const withoutIds = (body: string) => body.replace(/"errorId":"[^"]+"/g, '');
    for (const body of bodies) expect(withoutIds(body)).toBe(withoutIds(bodies[0]));
  });

  it('never compiles a mutation', async () => {
    const mutation = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { __typename ... on ClassifiedError { code } } }`;
    const { compiled, interpreted } = await askedAgain(3, mutation, { input: { firstName: '', lastName: 'X', email: 'not-an-email' } });
    expect({ compiled, interpreted }).toEqual({ compiled: 0, interpreted: 3 });
  });
});
