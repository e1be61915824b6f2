import { Migration } from '@mikro-orm/migrations';

/** The tables of the hotel's records as of this migration (src/integrity/changes.ts derives the same list from the entities). */
const CAPTURED_TABLES = [
  'users',
  'customers',
  'room_types',
  'rooms',
  'bookings',
  'payments',
  'rate_seasons',
  'folio_items',
  'invoices',
  'booking_logs',
  'notifications',
  'loyalty_transactions',
  'housekeeping_tasks',
  'maintenance_requests',
  'waitlist_entries',
  'cancellation_policies',
  'receivables',
  'night_audits',
  'api_tokens',
  'audit_entries',
  'webhook_endpoints',
];

/**
 * Integrity that watches itself: every integrity run (scheduled, API, CLI) is stored with
 * its checks' results, which go with their run; runs by outcome are counted apart, in a
 * table the history's retention never sweeps, for /metrics. Alerts are claimed once per
 * key across processes (alert_states) and sent to ALERT_WEBHOOK_URL from an outbox.
 *
 * Incremental runs read integrity_changes: the keys (`id` and every `*_id` column) of each
 * row version written to a table of the hotel's records, recorded by statement-level
 * triggers (transition tables: one insert per statement, not per row) that fire always,
 * under session_replication_role = replica too, so a bulk load that bypasses the foreign
 * keys is still seen. An update records its new rows, and its old ones only where their keys
 * changed; a delete its old rows; a truncate its table.
 */
export class Migration20261203020000_integrity_runs extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "integrity_runs" ("id" serial primary key, "trigger" text check ("trigger" in ('SCHEDULE', 'API', 'CLI')) not null, "mode" text check ("mode" in ('FULL', 'INCREMENTAL')) not null, "outcome" text check ("outcome" in ('PASSED', 'VIOLATIONS', 'CHECK_ERRORS', 'ABORTED')) not null, "started_at" timestamptz not null, "finished_at" timestamptz not null, "duration_ms" int not null, "requested_by" varchar(255) null, "requested_by_user_id" int null, "requested_by_token_id" int null, "selection" text[] null, "checks_run" int not null default 0, "checks_failed" int not null default 0, "checks_newly_failing" int not null default 0, "snapshot_xmin" xid8 null, "error" text null, constraint integrity_runs_aborted_check check ((outcome = 'ABORTED') = (error is not null)), constraint integrity_runs_caller_check check ((trigger = 'API') = (requested_by is not null)), constraint integrity_runs_counts_check check (checks_failed >= 0 and checks_failed <= checks_run and checks_newly_failing >= 0 and checks_newly_failing <= checks_failed), constraint integrity_runs_duration_check check (duration_ms >= 0 and finished_at >= started_at));`,
    );
    this.addSql(`create index "integrity_runs_started_at_index" on "integrity_runs" ("started_at");`);
    this.addSql(
      `create table "integrity_run_checks" ("id" serial primary key, "run_id" int not null, "name" varchar(300) not null, "kind" varchar(20) not null, "severity" varchar(10) not null, "passed" boolean not null, "violation_count" int not null, "sample_ids" text[] not null, "newly_failing" boolean not null, "duration_ms" int not null, "violation_ids" text[] null, "error" text null, constraint integrity_run_checks_newly_failing_check check (not (passed and newly_failing)), constraint integrity_run_checks_passed_check check (not passed or (violation_count = 0 and error is null)), constraint integrity_run_checks_counts_check check (violation_count >= 0 and duration_ms >= 0 and cardinality(sample_ids) <= 100 and cardinality(violation_ids) <= 1000));`,
    );
    this.addSql(`create index "integrity_run_checks_run_id_index" on "integrity_run_checks" ("run_id");`);
    this.addSql(`create index "integrity_run_checks_name_run_index" on "integrity_run_checks" ("name", "run_id");`);
    this.addSql(`alter table "integrity_run_checks" add constraint "integrity_run_checks_run_name_unique" unique ("run_id", "name");`);
    this.addSql(
      `alter table "integrity_run_checks" add constraint "integrity_run_checks_run_id_foreign" foreign key ("run_id") references "integrity_runs" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create table "integrity_run_totals" ("outcome" varchar(20) not null, "total" bigint not null, constraint "integrity_run_totals_pkey" primary key ("outcome"), constraint integrity_run_totals_total_check check (total > 0));`,
    );
    this.addSql(
      `create table "alert_states" ("key" varchar(400) not null, "firing" boolean not null, "last_raised_at" timestamptz not null, "last_recovered_at" timestamptz null, constraint "alert_states_pkey" primary key ("key"));`,
    );
    this.addSql(
      `create table "alert_deliveries" ("id" serial primary key, "alert" jsonb not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default current_timestamp, "claimed_until" timestamptz null, "last_attempt_at" timestamptz null, "last_status_code" int null, "last_error" varchar(500) null, "delivered_at" timestamptz null, "created_at" timestamptz not null default current_timestamp, constraint alert_deliveries_delivered_check check ((status = 'DELIVERED') = (delivered_at is not null)), constraint alert_deliveries_last_status_code_check check (last_status_code >= 100 and last_status_code <= 599), constraint alert_deliveries_attempts_check check (attempts >= 0));`,
    );
    this.addSql(`create index "alert_deliveries_due_index" on "alert_deliveries" ("next_attempt_at") where "status" = 'PENDING';`);

    this.addSql(
      `create table "integrity_changes" ("id" bigserial primary key, "tx_id" xid8 not null default pg_current_xact_id(), "table_name" varchar(63) not null, "version" text check ("version" in ('NEW', 'OLD', 'TRUNCATED')) not null, "keys" jsonb null);`,
    );
    this.addSql(`create index "integrity_changes_table_tx_index" on "integrity_changes" ("table_name", "tx_id");`);
    this.addSql(`create function integrity_keys(r jsonb) returns jsonb language sql immutable as $$
      select jsonb_object_agg(e.key, e.value) from jsonb_each(r) e where e.key = 'id' or e.key like '%\\_id'
    $$;`);
    this.addSql(`create function integrity_capture() returns trigger language plpgsql as $$
    begin
      if tg_op = 'TRUNCATE' then
        insert into integrity_changes (table_name, version) values (tg_table_name, 'TRUNCATED');
      elsif tg_op = 'INSERT' then
        insert into integrity_changes (table_name, version, keys) select tg_table_name, 'NEW', integrity_keys(to_jsonb(n)) from new_rows n;
      elsif tg_op = 'DELETE' then
        insert into integrity_changes (table_name, version, keys) select tg_table_name, 'OLD', integrity_keys(to_jsonb(o)) from old_rows o;
      else
        insert into integrity_changes (table_name, version, keys)
          select tg_table_name, 'NEW', integrity_keys(to_jsonb(n)) from new_rows n
          union all
          select tg_table_name, 'OLD', k from (
            select integrity_keys(to_jsonb(o)) as k from old_rows o except select integrity_keys(to_jsonb(n)) from new_rows n) moved;
      end if;
      return null;
    end $$;`);
    for (const table of CAPTURED_TABLES) {
      const name = (event: string) => `${table}_integrity_capture_${event}`;
      this.addSql(
        `create trigger ${name('insert')} after insert on "${table}" referencing new table as new_rows for each statement execute function integrity_capture();`,
      );
      this.addSql(
        `create trigger ${name('update')} after update on "${table}" referencing old table as old_rows new table as new_rows for each statement execute function integrity_capture();`,
      );
      this.addSql(
        `create trigger ${name('delete')} after delete on "${table}" referencing old table as old_rows for each statement execute function integrity_capture();`,
      );
      this.addSql(`create trigger ${name('truncate')} after truncate on "${table}" for each statement execute function integrity_capture();`);
      for (const event of ['insert', 'update', 'delete', 'truncate']) this.addSql(`alter table "${table}" enable always trigger ${name(event)};`);
    }
  }

  override async down(): Promise<void> {
    for (const table of CAPTURED_TABLES) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) this.addSql(`drop trigger if exists ${table}_integrity_capture_${event} on "${table}";`);
    }
    this.addSql(`drop function if exists integrity_capture();`);
    this.addSql(`drop function if exists integrity_keys(jsonb);`);
    this.addSql(`drop table if exists "integrity_changes" cascade;`);
    this.addSql(`drop table if exists "alert_deliveries" cascade;`);
    this.addSql(`drop table if exists "alert_states" cascade;`);
    this.addSql(`drop table if exists "integrity_run_totals" cascade;`);
    this.addSql(`drop table if exists "integrity_run_checks" cascade;`);
    this.addSql(`drop table if exists "integrity_runs" cascade;`);
  }
}
