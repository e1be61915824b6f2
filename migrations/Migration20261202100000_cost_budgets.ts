import { Migration } from '@mikro-orm/migrations';

/**
 * Query-cost budgets: a token may carry its own budget per window (null: COST_BUDGET), and
 * what each token has spent in its current window is one row, charged by every API process
 * in one statement (src/auth/cost-budgets.ts). The row goes with its token.
 */
export class Migration20261202100000_cost_budgets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "api_tokens" add column "cost_budget" int null;`);
    this.addSql(`alter table "api_tokens" add constraint api_tokens_cost_budget_check check (cost_budget > 0);`);
    this.addSql(
      `create table "cost_budget_windows" ("id" serial primary key, "token_id" int not null, "window_started_at" timestamptz not null, "spent" int not null, constraint cost_budget_windows_spent_check check (spent >= 0));`,
    );
    this.addSql(`alter table "cost_budget_windows" add constraint "cost_budget_windows_token_id_unique" unique ("token_id");`);
    this.addSql(
      `alter table "cost_budget_windows" add constraint "cost_budget_windows_token_id_foreign" foreign key ("token_id") references "api_tokens" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cost_budget_windows" cascade;`);
    this.addSql(`alter table "api_tokens" drop constraint api_tokens_cost_budget_check;`);
    this.addSql(`alter table "api_tokens" drop column "cost_budget";`);
  }
}
