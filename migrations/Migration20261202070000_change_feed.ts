import { Migration } from '@mikro-orm/migrations';

/** SQL for the trigger function's branches: what each table's change is called, and whose channel sees it. */
const RECORD_CHANGE = `create function record_change() returns trigger language plpgsql as $$
      declare
        v_kind text;
        v_entity text;
        v_id text := new.id::text;
        v_channel text;
      begin
        if tg_table_name = 'bookings' then
          v_entity := 'BOOKING';
          v_channel := new.channel;
          if tg_op = 'INSERT' then v_kind := 'BOOKING_CREATED';
          elsif new.status is distinct from old.status then
            v_kind := case new.status when 'CANCELLED' then 'BOOKING_CANCELLED' when 'CHECKED_IN' then 'BOOKING_CHECKED_IN'
              when 'CHECKED_OUT' then 'BOOKING_CHECKED_OUT' when 'NO_SHOW' then 'BOOKING_NO_SHOW' else 'BOOKING_AMENDED' end;
          elsif new.room_id is distinct from old.room_id then v_kind := 'BOOKING_MOVED';
          elsif (new.check_in, new.check_out, new.num_guests, new.total_amount, new.nightly_rate)
                is distinct from (old.check_in, old.check_out, old.num_guests, old.total_amount, old.nightly_rate) then v_kind := 'BOOKING_AMENDED';
          else return null;
          end if;
        elsif tg_table_name = 'payments' then
          v_entity := 'PAYMENT';
          select b.channel into v_channel from bookings b where b.id = new.booking_id;
          if tg_op = 'INSERT' then v_kind := 'PAYMENT_RECORDED';
          elsif new.refunded_amount is distinct from old.refunded_amount then v_kind := 'PAYMENT_REFUNDED';
          else return null;
          end if;
        elsif tg_table_name = 'rooms' then
          v_entity := 'ROOM';
          if tg_op = 'INSERT' or (new.status, new.housekeeping_status, new.room_type_id) is distinct from (old.status, old.housekeeping_status, old.room_type_id)
          then v_kind := 'ROOM_CHANGED'; else return null; end if;
        else
          v_entity := 'ROOM_TYPE';
          if tg_op = 'INSERT' or (new.base_rate, new.capacity) is distinct from (old.base_rate, old.capacity)
          then v_kind := 'RATE_CHANGED'; else return null; end if;
        end if;
        insert into change_events (kind, entity, entity_id, version, channel)
        values (v_kind, v_entity, v_id,
          coalesce((select max(e.version) from change_events e where e.entity = v_entity and e.entity_id = v_id), 0) + 1, v_channel);
        return null;
      end $$;`;

const TABLES = ['bookings', 'payments', 'rooms', 'room_types'];

/**
 * The change feed's transactional outbox: every change of a booking, a payment, a room or
 * a rate writes its event in its own transaction, by trigger, stamped with that
 * transaction's id (pg_current_xact_id), which is what lets the feed return events in an
 * order no late commit can slip under (src/services/change-feed.ts).
 */
export class Migration20261202070000_change_feed extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "change_events" ("id" bigserial primary key, "tx_id" xid8 not null default pg_current_xact_id(), "kind" varchar(60) not null, "entity" varchar(60) not null, "entity_id" varchar(60) not null, "version" int not null, "channel" varchar(60) null, "occurred_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(`create index "change_events_position_index" on "change_events" ("tx_id", "id");`);
    this.addSql(`create unique index "change_events_entity_version_unique" on "change_events" ("entity", "entity_id", "version");`);
    this.addSql(RECORD_CHANGE);
    for (const table of TABLES) {
      this.addSql(`create trigger ${table}_record_change after insert or update on "${table}" for each row execute function record_change();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`drop trigger ${table}_record_change on "${table}";`);
    this.addSql('drop function record_change();');
    this.addSql('drop table "change_events";');
  }
}
