import { Migration } from '@mikro-orm/migrations';

/**
 * The error history errorHistory charts: per kind of error and minute, added to in the same
 * transaction as error_counts and error_totals, swept after ERROR_HISTORY_HOURS.
 */
export class Migration20261203010000_error_history extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "error_minutes" ("category" varchar(40) not null, "code" varchar(60) not null, "constraint_name" varchar(100) not null, "minute" timestamptz not null, "count" int not null, constraint "error_minutes_pkey" primary key ("category", "code", "constraint_name", "minute"), constraint error_minutes_count_check check (count > 0), constraint error_minutes_minute_check check (mod(extract(epoch from minute), 60) = 0));`,
    );
    this.addSql(`create index "error_minutes_minute_index" on "error_minutes" ("minute");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "error_minutes" cascade;`);
  }
}
