import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail, complete and kept: each entry says which fields a change touched
 * (changes), and the table is append-only in PostgreSQL itself — UPDATE, DELETE and
 * TRUNCATE are refused for every session, the API's own included, so no bug and no
 * script can rewrite what was recorded. The integrity report checks both triggers are
 * there and enabled.
 */
export class Migration20261202060000_audit_trail extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entries" add column "changes" jsonb not null default '{}';`);
    this.addSql(`create index "audit_entries_created_at_index" on "audit_entries" ("created_at");`);
    this.addSql(`create function audit_entries_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit entries are append-only: % on audit_entries is refused', tg_op
          using errcode = 'check_violation', constraint = 'audit_entries_append_only', table = 'audit_entries';
      end $$;`);
    this.addSql(`create trigger audit_entries_append_only before update or delete on "audit_entries"
      for each row execute function audit_entries_refuse_change();`);
    this.addSql(`create trigger audit_entries_no_truncate before truncate on "audit_entries"
      for each statement execute function audit_entries_refuse_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger audit_entries_no_truncate on "audit_entries";`);
    this.addSql(`drop trigger audit_entries_append_only on "audit_entries";`);
    this.addSql(`drop function audit_entries_refuse_change();`);
    this.addSql(`drop index "audit_entries_created_at_index";`);
    this.addSql(`alter table "audit_entries" drop column "changes";`);
  }
}
