import type { ControlPool } from '../db/control-pool';

/** The largest budget a token may have (and COST_BUDGET may be): within the integer columns, with room for one more charge. */
export const MAX_COST_BUDGET = 2_000_000_000;

export interface CostBudgetOptions {
  /** What a token without a budget of its own (api_tokens.cost_budget null) may spend per window: COST_BUDGET. */
  defaultBudget: number;
  windowMs: number;
}

/** Where a token stands once a request has been charged, or refused. */
export interface CostStanding {
  /** False when the request's cost did not fit in what was left: nothing was charged. */
  charged: boolean;
  /** The token's budget per window: its own, or the default. */
  budget: number;
  /** What is left in the window after this request. */
  remaining: number;
  resetAt: Date;
  /** Milliseconds until `resetAt`, by PostgreSQL's clock, which every process shares. */
  resetInMs: number;
}

export interface CostBudgets {
  /** Charges `cost` to the token's window when it fits; null when there is no such token (any more). */
  charge(tokenId: number, cost: number): Promise<CostStanding | null>;
}

interface ChargeRow {
  budget: number;
  charged: boolean;
  spent: number | null;
  window_started_at: Date | null;
  now: Date;
}

/**
 * One statement, one round trip, on the control connections (outside any request's
 * transaction, so a charge outlives the request's rollback):
 * - `charged` starts the token's window, restarts it once it has passed, or adds the cost
 *   to it, but only when the cost fits in what is left; ON CONFLICT takes the row's lock,
 *   so concurrent charges from any number of processes queue on it and each sees the sum
 *   before it.
 * - `held` reads the row when nothing was charged; FOR UPDATE makes it the newest version
 *   (the one the refusal was decided on), not the statement's older snapshot.
 * A lost charge costs nothing worth a disk flush: the commit does not wait for one.
 */
const CHARGE = `
  with token as (
    select coalesce(t.cost_budget, $3::int) as budget from api_tokens t where t.id = $1::int
  ),
  charged as (
    insert into cost_budget_windows as w (token_id, window_started_at, spent)
    select $1::int, now(), $2::int from token where $2::int <= token.budget
    on conflict (token_id) do update set
      window_started_at = case when w.window_started_at <= now() - make_interval(secs => $4::float8) then now() else w.window_started_at end,
      spent = case when w.window_started_at <= now() - make_interval(secs => $4::float8) then excluded.spent else w.spent + excluded.spent end
    where w.window_started_at <= now() - make_interval(secs => $4::float8)
       or w.spent::bigint + excluded.spent <= (select budget from token)
    returning w.spent, w.window_started_at
  ),
  held as (
    select w.spent, w.window_started_at from cost_budget_windows w
    where w.token_id = $1::int and not exists (select from charged)
    for update
  )
  select token.budget, c.spent is not null as charged, coalesce(c.spent, h.spent) as spent,
         coalesce(c.window_started_at, h.window_started_at) as window_started_at, now() as now
  from token
  cross join (select set_config('synchronous_commit', 'off', true)) relaxed
  left join charged c on true
  left join held h on true`;

/**
 * Query-cost budgets per token and window, in PostgreSQL (cost_budget_windows), so that
 * every API process charges into the same row: a fixed window that starts with a token's
 * first request after the previous window passed. A request is charged only when its cost
 * fits in what is left; a refused one costs nothing.
 */
export function createCostBudgets(control: ControlPool, options: CostBudgetOptions): CostBudgets {
  const windowSeconds = options.windowMs / 1000;
  return {
    charge: async (tokenId, cost) => {
      const [row] = await control.query<ChargeRow>(CHARGE, [tokenId, cost, options.defaultBudget, windowSeconds], 'charge_cost_budget');
      if (!row) return null;
      const standing = (spent: number, windowStartedAt: Date): CostStanding => {
        const resetAt = new Date(windowStartedAt.getTime() + options.windowMs);
        return {
          charged: row.charged,
          budget: row.budget,
          remaining: Math.max(0, row.budget - spent),
          resetAt,
          resetInMs: resetAt.getTime() - row.now.getTime(),
        };
      };
      if (row.spent !== null && row.window_started_at) return standing(row.spent, row.window_started_at);
      // Refused with no window in sight: a cost above the whole budget (nothing was ever
      // spent), or a window a concurrent first request opened after this statement's
      // snapshot (then it is taken: nothing is left until a full window from now, at most).
      return standing(cost > row.budget ? 0 : row.budget, row.now);
    },
  };
}
