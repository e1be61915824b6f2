import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BOOKINGS_PAGE_QUERY } from '../../bench/support/page-query';
import { loadConfig } from '../../src/config';
import { buildHotelSchema } from '../../src/graphql/schema';
import { operationCost, QUERY_LIMITS } from '../../src/http/query-limits';
import { answer, mutate, mutationDocument } from '../support/mutations';
import { type TestApi, useTestApi } from '../support/test-api';

/**
 * graphql-armor's rule, worked by hand: `bookings` is an object (2) whose selection counts
 * ×1.5 — `nodes`, an object (2) over two scalars (1 each, ×1.5): 5 — all times its page of 10:
 * (2 + 1.5 × 5) × 10 = 95.
 */
const TEN_BOOKINGS = '{ bookings(first: 10) { nodes { id checkIn } } }';
const TEN_BOOKINGS_COST = 95;
/** `me` (2) over one scalar (1 × 1.5): 3.5, rounded up. */
const ME = '{ me { role } }';
const ME_COST = 4;

interface Cost {
  requested: number;
  remaining: number | null;
  resetAt: string | null;
}

const t = useTestApi();

/** A request as the client sends it, with the answer's cost extension. */
async function ask(api: TestApi, query: string, token: string | null, variables?: Record<string, unknown>) {
  const response = await api.graphql(query, variables, { token });
  const cost = JSON.parse(response.body).extensions?.cost as Cost | undefined;
  return { ...response, cost, retryAfter: response.headers.get('retry-after') };
}

let partners = 0;
/** A PARTNER token of a channel of its own, made by an admin, with its own budget when given. */
async function partnerToken(api: TestApi, costBudget?: number): Promise<{ secret: string; id: string; costBudget: number | null }> {
  partners += 1;
  const created = await mutate(
    api,
    'createApiToken',
    { name: `budgeted partner ${partners}`, role: 'PARTNER', channel: `budget-${partners}`, ...(costBudget === undefined ? {} : { costBudget }) },
    'secret token { id costBudget }',
  );
  expect(created.__typename).toBe('CreateApiTokenSuccess');
  return { secret: created.secret, id: created.token.id, costBudget: created.token.costBudget };
}

describe('the cost of a request', () => {
  it('is the analysis of the query limits, told in extensions.cost: requested, remaining, resetAt', async () => {
    const schema = await buildHotelSchema();
    const figure = (query: string) => {
      const document = parse(query);
      return operationCost(schema, document, document.definitions[0] as never, undefined);
    };
    expect(figure(TEN_BOOKINGS)).toBe(TEN_BOOKINGS_COST);
    expect(figure(ME)).toBe(ME_COST);

    const { secret } = await partnerToken(t);
    const first = await ask(t, TEN_BOOKINGS, secret);
    expect(first.status).toBe(200);
    expect(first.errors).toBeUndefined();
    expect(first.cost).toEqual({ requested: TEN_BOOKINGS_COST, remaining: loadConfig({}).costBudget - TEN_BOOKINGS_COST, resetAt: expect.any(String) });
    expect(new Date(first.cost!.resetAt!).toISOString()).toBe(first.cost!.resetAt);

    // The staff app's bookings page, as bench:read asks it: its figure, and the default budget holds it many times over.
    const page = await ask(t, BOOKINGS_PAGE_QUERY, secret);
    expect(page.cost).toEqual({
      requested: figure(BOOKINGS_PAGE_QUERY),
      remaining: first.cost!.remaining! - figure(BOOKINGS_PAGE_QUERY),
      resetAt: first.cost!.resetAt,
    });
    expect(figure(BOOKINGS_PAGE_QUERY) * 100).toBeLessThan(loadConfig({}).costBudget);
  });

  it('of a mutation is the analysis of what it selects, as for a query', async () => {
    const document = mutationDocument('createCustomer', { members: '... on CreateCustomerSuccess { customer { id } } ... on ClassifiedError { code }' });
    const input = { firstName: 'Cost', lastName: 'Counted', email: 'cost.counted@guest.test' };
    const created = await ask(t, document, t.tokens.staff, { input });
    expect(created.data?.createCustomer.__typename).toBe('CreateCustomerSuccess');
    // createCustomer (2) over __typename (1 × 1.5) and two fragments, flattened, each an object (2) over its selection ×1.5:
    // customer (2 + 1.5 × id 1) and code (1). 14.25, rounded up.
    expect(created.cost?.requested).toBe(Math.ceil(2 + 1.5 * 1 + (2 + 1.5 * (2 + 1.5 * 1)) + (2 + 1.5 * 1)));
    expect(created.cost?.requested).toBe(15);
  });

  it('of an anonymous request is told, and no budget covers it', async () => {
    const anonymous = await ask(t, '{ __typename }', null);
    expect(anonymous.data).toEqual({ __typename: 'Query' });
    expect(anonymous.cost).toEqual({ requested: 1, remaining: null, resetAt: null });
  });

  it('past the per-document limit is refused by it (400) and charged nothing', async () => {
    const { secret } = await partnerToken(t, 1_000);
    const pages = Array.from({ length: 12 }, (_, i) => `p${i}: bookings(first: 100) { nodes { id checkIn checkOut status room { number } } }`).join(' ');
    const refused = await ask(t, `{ ${pages} }`, secret);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.cost?.requested).toBeGreaterThan(QUERY_LIMITS.maxCost);
    expect(refused.cost?.remaining).toBe(1_000);
    expect((await ask(t, ME, secret)).cost?.remaining).toBe(1_000 - ME_COST);
  });
});

describe('a token with a budget of its own', () => {
  it('is set by an admin, shown on ApiToken, audited, and at least 1 (a CHECK too)', async () => {
    const token = await partnerToken(t, 300);
    expect(token.costBudget).toBe(300);
    const [entry] = await t.database.rows(`select changes from audit_entries where action = 'CREATE_API_TOKEN' and entity_id = $1`, [token.id]);
    expect(entry.changes.costBudget).toEqual({ before: null, after: 300 });
    expect((await partnerToken(t)).costBudget).toBeNull();

    const refused = await mutate(t, 'createApiToken', { name: 'no budget', role: 'PARTNER', channel: 'budget-zero', costBudget: 0 }, 'token { id }');
    expect(refused).toEqual(answer.validation([{ path: ['input', 'costBudget'], message: 'Must be between 1 and 2000000000.' }]));
    await expect(t.database.rows(`update api_tokens set cost_budget = 0 where id = $1`, [token.id])).rejects.toMatchObject({
      code: '23514',
      constraint: 'api_tokens_cost_budget_check',
    });
  });

  it('spends it at the documented cost, runs out (429, Retry-After, COST_BUDGET_EXCEEDED, nothing charged), while others keep theirs', async () => {
    const { secret, id } = await partnerToken(t, 300);
    const other = await partnerToken(t, 300);
    const refusals = async () => (await t.api.metrics.costBudgetRefusals.get()).values.find((value) => value.labels.role === 'PARTNER')?.value ?? 0;
    const refusedBefore = await refusals();

    const remaining: (number | null)[] = [];
    let resetAt: string | null = null;
    for (let i = 0; i < 3; i++) {
      const spent = await ask(t, TEN_BOOKINGS, secret);
      expect(spent.status).toBe(200);
      expect(spent.cost?.requested).toBe(TEN_BOOKINGS_COST);
      remaining.push(spent.cost!.remaining);
      resetAt ??= spent.cost!.resetAt;
      expect(spent.cost?.resetAt).toBe(resetAt);
    }
    expect(remaining).toEqual([300 - 95, 300 - 2 * 95, 300 - 3 * 95]);

    const refused = await ask(t, TEN_BOOKINGS, secret);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(loadConfig({}).costWindowMs / 1000);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors?.[0].message).toBe(`This query costs 95; the token has 15 of its 300 left until ${resetAt}. Send it again after Retry-After.`);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'COST_BUDGET_EXCEEDED',
      category: 'AUTHORIZATION',
      retryable: true,
      retryAfterMs: expect.any(Number),
    });
    expect(refused.cost).toEqual({ requested: TEN_BOOKINGS_COST, remaining: 15, resetAt });
    expect(await refusals()).toBe(refusedBefore + 1);

    // Refused, it cost nothing: what is left still buys a smaller query.
    const small = await ask(t, ME, secret);
    expect(small.status).toBe(200);
    expect(small.cost).toEqual({ requested: ME_COST, remaining: 15 - ME_COST, resetAt });
    expect(await t.database.rows('select spent from cost_budget_windows where token_id = $1', [Number(id)])).toEqual([{ spent: 3 * 95 + ME_COST }]);

    // Another partner, the staff and the admin have budgets of their own.
    expect((await ask(t, TEN_BOOKINGS, other.secret)).cost).toEqual({ requested: 95, remaining: 205, resetAt: expect.any(String) });
    for (const token of [t.tokens.staff, t.tokens.admin, t.tokens.partner]) {
      const answered = await ask(t, TEN_BOOKINGS, token);
      expect({ status: answered.status, errors: answered.errors }).toEqual({ status: 200, errors: undefined });
    }
  });

  it('smaller than one query refuses that query for good: 400 QUERY_TOO_COMPLEX, not 429', async () => {
    const { secret } = await partnerToken(t, 50);
    const refused = await ask(t, TEN_BOOKINGS, secret);
    expect(refused.status).toBe(400);
    expect(refused.retryAfter).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', retryable: false });
    expect(refused.errors?.[0].message).toBe('The query costs 95, more than the 50 this token may spend in a whole window.');
    expect(refused.cost).toEqual({ requested: 95, remaining: 50, resetAt: expect.any(String) });
    expect((await ask(t, ME, secret)).cost?.remaining).toBe(50 - ME_COST);
  });
});

describe('the window', () => {
  const short = useTestApi({ config: { costWindowMs: 1000 } });

  it('resets: a token out of budget comes back once resetAt has passed, with its whole budget', async () => {
    const { secret } = await partnerToken(short, 100);
    const spent = await ask(short, TEN_BOOKINGS, secret);
    expect(spent.cost?.remaining).toBe(5);
    const refused = await ask(short, TEN_BOOKINGS, secret);
    expect({ status: refused.status, retryAfter: refused.retryAfter, code: refused.errors?.[0].extensions.code }).toEqual({
      status: 429,
      retryAfter: '1',
      code: 'COST_BUDGET_EXCEEDED',
    });
    const resetAt = Date.parse(refused.cost!.resetAt!);
    await sleep(Math.max(0, resetAt - Date.now()) + 20);
    const back = await ask(short, TEN_BOOKINGS, secret);
    expect(back.status).toBe(200);
    expect(back.cost?.remaining).toBe(5);
    expect(Date.parse(back.cost!.resetAt!)).toBeGreaterThan(resetAt);
  });
});
