import { Migration } from '@mikro-orm/migrations';

export class Migration20261201210126_shared_state extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "error_counts" ("category" varchar(40) not null, "code" varchar(60) not null, "constraint_name" varchar(100) not null, "slice" bigint not null, "count" int not null, "last_seen_at" timestamptz not null, constraint "error_counts_pkey" primary key ("category", "code", "constraint_name", "slice"), constraint error_counts_count_check check (count > 0));`,
    );

    this.addSql(
      `create table "error_totals" ("category" varchar(40) not null, "code" varchar(60) not null, "constraint_name" varchar(100) not null, "total" bigint not null, "last_seen_at" timestamptz not null, "last_alert_at" timestamptz null, constraint "error_totals_pkey" primary key ("category", "code", "constraint_name"), constraint error_totals_total_check check (total > 0));`,
    );

    this.addSql(
      `create table "login_attempts" ("id" bigserial primary key, "key" varchar(400) not null, "attempted_at" timestamptz not null, constraint login_attempts_key_check check (key ~ '^(email|address):'));`,
    );
    this.addSql(`create index "login_attempts_key_attempted_at_index" on "login_attempts" ("key", "attempted_at");`);

    this.addSql(
      `create table "scheduled_jobs" ("name" varchar(100) not null, "last_run_at" timestamptz not null, constraint "scheduled_jobs_pkey" primary key ("name"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "error_counts" cascade;`);

    this.addSql(`drop table if exists "error_totals" cascade;`);

    this.addSql(`drop table if exists "login_attempts" cascade;`);

    this.addSql(`drop table if exists "scheduled_jobs" cascade;`);
  }
}
