import { beforeAll, describe, expect, it } from 'vitest';
import { type CostBudgets, createCostBudgets } from '../../src/auth/cost-budgets';
import type { ControlPool } from '../../src/db/control-pool';
import { useTestDatabase } from '../support/test-database';

let control: ControlPool;
let budgets: CostBudgets;

const db = useTestDatabase();
beforeAll(async () => {
  control = db.controlPool({ size: 6 });
  budgets = createCostBudgets(control, { defaultBudget: 1_000, windowMs: 60_000 });
});

let tokens = 0;
async function token(costBudget: number | null = null): Promise<number> {
  tokens += 1;
  const [row] = await db.rows<{ id: number }>(`insert into api_tokens (name, role, secret_hash, cost_budget) values ('t', 'STAFF', $1, $2) returning id`, [
    String(tokens).padStart(64, '0'),
    costBudget,
  ]);
  return row.id;
}

describe('createCostBudgets', () => {
  it('charges what fits, refuses what does not without charging it, and tells the same window throughout', async () => {
    const id = await token(100);
    const first = await budgets.charge(id, 60);
    expect(first).toMatchObject({ charged: true, budget: 100, remaining: 40 });
    expect(first!.resetInMs).toBeGreaterThan(0);
    expect(first!.resetInMs).toBeLessThanOrEqual(60_000);
    expect(await budgets.charge(id, 41)).toMatchObject({ charged: false, remaining: 40, resetAt: first!.resetAt });
    expect(await budgets.charge(id, 40)).toMatchObject({ charged: true, remaining: 0, resetAt: first!.resetAt });
    expect(await budgets.charge(id, 1)).toMatchObject({ charged: false, remaining: 0 });
    expect(await budgets.charge(id, 0)).toMatchObject({ charged: true, remaining: 0 });
    expect(await db.rows('select spent from cost_budget_windows where token_id = $1', [id])).toEqual([{ spent: 100 }]);
  });

  it('uses the default for a token without a budget of its own', async () => {
    expect(await budgets.charge(await token(), 300)).toMatchObject({ charged: true, budget: 1_000, remaining: 700 });
  });

  it('starts a new window, with the whole budget, once the last one has passed', async () => {
    const id = await token(100);
    await budgets.charge(id, 100);
    await db.rows(`update cost_budget_windows set window_started_at = now() - interval '61 seconds' where token_id = $1`, [id]);
    const fresh = await budgets.charge(id, 30);
    expect(fresh).toMatchObject({ charged: true, remaining: 70 });
    expect(fresh!.resetInMs).toBeGreaterThan(58_000);
  });

  it('refuses a cost above the whole budget, with nothing spent', async () => {
    expect(await budgets.charge(await token(50), 51)).toMatchObject({ charged: false, budget: 50, remaining: 50 });
  });

  it('knows no token that does not exist', async () => {
    expect(await budgets.charge(999_999, 1)).toBeNull();
  });

  it('lets exactly what fits through when charges race on several connections', async () => {
    const id = await token(100);
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => budgets.charge(id, 10)));
    expect(outcomes.filter((outcome) => outcome!.charged)).toHaveLength(10);
    expect(
      outcomes
        .filter((outcome) => outcome!.charged)
        .map((outcome) => outcome!.remaining)
        .sort((a, b) => a - b),
    ).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(outcomes.filter((outcome) => !outcome!.charged).every((outcome) => outcome!.remaining === 0)).toBe(true);
    expect(await db.rows('select spent from cost_budget_windows where token_id = $1', [id])).toEqual([{ spent: 100 }]);
  });
});
