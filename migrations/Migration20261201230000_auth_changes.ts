import { Migration } from '@mikro-orm/migrations';

/** What a cached caller is made of: a change to any of these is a change of who the caller is. */
const CALLER_COLUMNS: Record<string, string[]> = {
  api_tokens: ['name', 'role', 'kind', 'channel', 'user_id', 'revoked_at', 'expires_at', 'secret_hash'],
  users: ['role', 'active'],
};

/**
 * Every process keeps who-is-this in memory (src/auth/caller-cache.ts); a change to what
 * a token stands for must reach all of them. Any change to a caller's columns of tokens
 * or users — a revocation, a deactivated user, a changed role, a delete cascading from
 * anywhere, a truncate — is announced on commit to every listening process (NOTIFY), and
 * at once to the session that made it (a NOTICE, heard before the statement's own
 * answer). Inserts, and the minutely last_used_at stamp, change nothing anyone cached.
 */
export class Migration20261201230000_auth_changes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function announce_auth_change() returns trigger language plpgsql as $$
      begin
        perform pg_notify('hotel_auth_changed', tg_table_name);
        raise notice 'hotel_auth_changed';
        return null;
      end $$;`);
    this.addSql(`create function announce_auth_delete() returns trigger language plpgsql as $$
      begin
        if exists (select from gone) then
          perform pg_notify('hotel_auth_changed', tg_table_name);
          raise notice 'hotel_auth_changed';
        end if;
        return null;
      end $$;`);
    for (const [table, columns] of Object.entries(CALLER_COLUMNS)) {
      const row = (side: string) => `(${columns.map((column) => `${side}.${column}`).join(', ')})`;
      this.addSql(`create trigger ${table}_announce_update after update on "${table}"
        for each row when (${row('old')} is distinct from ${row('new')}) execute function announce_auth_change();`);
      this.addSql(`create trigger ${table}_announce_delete after delete on "${table}"
        referencing old table as gone for each statement execute function announce_auth_delete();`);
      this.addSql(`create trigger ${table}_announce_truncate after truncate on "${table}"
        for each statement execute function announce_auth_change();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of Object.keys(CALLER_COLUMNS)) {
      for (const event of ['update', 'delete', 'truncate']) this.addSql(`drop trigger ${table}_announce_${event} on "${table}";`);
    }
    this.addSql('drop function announce_auth_change();');
    this.addSql('drop function announce_auth_delete();');
  }
}
