import { Check, Entity, OneToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { ApiToken } from './api-token.entity';

/**
 * What one token has spent of its query-cost budget in its current window: one row per
 * token, charged by every API process in one statement (src/auth/cost-budgets.ts), so the
 * budget holds for all of them together. Kept by the API for itself; goes with the token.
 */
@Entity({ tableName: 'cost_budget_windows' })
@Check({ name: 'cost_budget_windows_spent_check', expression: 'spent >= 0' })
export class CostBudgetWindow {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** One row per token: what every charge's ON CONFLICT finds. */
  @OneToOne(() => ApiToken, { owner: true, deleteRule: 'cascade', unique: 'cost_budget_windows_token_id_unique' })
  token!: Rel<ApiToken>;

  /** Set by the first charge after the previous window has passed; the window resets this long after. */
  @Property({ type: 'datetime' })
  windowStartedAt!: Date;

  @Property({ type: 'integer' })
  spent!: number;
}
