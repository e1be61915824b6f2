import { describe, expect, it } from 'vitest';
import { apiProcessesOfFile } from '../support/api-processes-of-file';
import { keepAliveClient } from '../support/keep-alive-client';
import { mutationDocument } from '../support/mutations';

const TOKEN = 'cost-budget-processes-admin-token-0123456789';
/** 95 by graphql-armor's rule (see cost-budget.test.ts). */
const TEN_BOOKINGS = '{ bookings(first: 10) { nodes { id checkIn } } }';
const CREATE_TOKEN = mutationDocument('createApiToken', { members: '... on CreateApiTokenSuccess { secret } ... on ClassifiedError { code }' });

const house = apiProcessesOfFile(2, TOKEN);

/** A partner's client on each process, for a new token with `costBudget`. */
async function partnerOnBoth(channel: string, costBudget: number) {
  const created = await house.apis[0].client.send(CREATE_TOKEN, { input: { name: channel, role: 'PARTNER', channel, costBudget } });
  const { secret } = created.body.data.createApiToken;
  return house.apis.map(({ url }) => keepAliveClient(url, secret, 12));
}

describe('a budget held in PostgreSQL', () => {
  it('is one budget across two API processes: what one charges, the other sees', async () => {
    const clients = await partnerOnBoth('two-process-partner', 200);
    try {
      const first = await clients[0].send(TEN_BOOKINGS, {});
      const second = await clients[1].send(TEN_BOOKINGS, {});
      expect([first.status, second.status]).toEqual([200, 200]);
      expect([first.body.extensions.cost.remaining, second.body.extensions.cost.remaining]).toEqual([105, 10]);
      expect(second.body.extensions.cost.resetAt).toBe(first.body.extensions.cost.resetAt);
      for (const client of clients) {
        const refused = await client.send(TEN_BOOKINGS, {});
        expect({ status: refused.status, code: refused.body.errors?.[0].extensions.code, remaining: refused.body.extensions.cost.remaining }).toEqual({
          status: 429,
          code: 'COST_BUDGET_EXCEEDED',
          remaining: 10,
        });
        expect(Number(refused.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    } finally {
      for (const client of clients) client.close();
    }
  });

  it('is charged atomically: 12 requests at once, split over both, and exactly the 5 that fit run', async () => {
    const clients = await partnerOnBoth('concurrent-partner', 500);
    try {
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => clients[i % 2].send(TEN_BOOKINGS, {})));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
      const left = answers.filter((answer) => answer.status === 200).map((answer) => answer.body.extensions.cost.remaining);
      expect(left.sort((a, b) => b - a)).toEqual([405, 310, 215, 120, 25]);
      const [row] = await house.db.rows(
        `select w.spent from cost_budget_windows w join api_tokens t on t.id = w.token_id where t.channel = 'concurrent-partner'`,
      );
      expect(row.spent).toBe(5 * 95);
    } finally {
      for (const client of clients) client.close();
    }
  });
});
