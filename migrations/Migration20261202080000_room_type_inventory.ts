import { Migration } from '@mikro-orm/migrations';

/** The rooms of a type that can be sold on a night: in service and not in an unresolved out-of-order window. */
const ROOM_TYPE_UNITS = `create function room_type_units(p_room_type_id int, p_night date) returns int language sql stable as $$
      select count(*)::int from rooms r
      where r.room_type_id = p_room_type_id and r.status = 'IN_SERVICE'
        and not exists (select 1 from maintenance_requests m where m.room_id = r.id and m.status <> 'RESOLVED'
          and m.out_of_order_from is not null and m.out_of_order_from <= p_night and p_night < m.out_of_order_to)
    $$;`;

/**
 * Every booking that holds its nights (not cancelled, not a no-show) counts one unit of its
 * room type on each night from the business date on; a change moves only the nights that
 * changed, so a booking saved again without a change of its stay touches nothing. Nights
 * before the business date are history: never counted again, never checked again. A unit
 * given back lowers the night's units to its rooms again, where rooms were lost under it.
 * A unit added takes the row's lock in night order, so bookings of the same nights queue
 * instead of deadlocking; the CHECK room_type_nights_not_oversold_check is what refuses
 * the one unit too many, whatever number of processes write at once.
 */
const COUNT_ROOM_TYPE_NIGHTS = `create function count_room_type_nights() returns trigger language plpgsql as $$
      declare
        v_today date := coalesce((select business_date from hotel_calendar where id = 1), '-infinity'::date);
        v_old_holds boolean := tg_op <> 'INSERT' and old.status not in ('CANCELLED', 'NO_SHOW');
        v_new_holds boolean := tg_op <> 'DELETE' and new.status not in ('CANCELLED', 'NO_SHOW');
      begin
        if tg_op = 'UPDATE' and (old.status, old.room_type_id, old.check_in, old.check_out) is not distinct from (new.status, new.room_type_id, new.check_in, new.check_out) then
          return null;
        end if;
        if v_old_holds then
          update room_type_nights i set sold = i.sold - 1, available = greatest(room_type_units(i.room_type_id, i.night), i.sold - 1)
          where i.room_type_id = old.room_type_id and i.night >= greatest(old.check_in, v_today) and i.night < old.check_out
            and not (v_new_holds and new.room_type_id = old.room_type_id and i.night >= new.check_in and i.night < new.check_out);
        end if;
        if v_new_holds then
          insert into room_type_nights as i (room_type_id, night, available, sold)
          select new.room_type_id, n.night, room_type_units(new.room_type_id, n.night), 1
          from (select d::date as night from generate_series(greatest(new.check_in, v_today), new.check_out - 1, interval '1 day') d) n
          where not (v_old_holds and old.room_type_id = new.room_type_id and n.night >= old.check_in and n.night < old.check_out)
          order by n.night
          on conflict (room_type_id, night) do update set sold = i.sold + 1;
        end if;
        return null;
      end $$;`;

/**
 * The units of one room type on the inventory's nights from the business date on, counted
 * again: its rooms that can be sold, but never fewer than the units sold. A room that breaks
 * is a fact the database records, not a sale it may refuse; a night it leaves sold beyond
 * its rooms sells nothing more, and the integrity report's room_type_oversold names it for
 * someone to move a guest.
 */
const RECOUNT_UNITS = (roomTypeId: string, from: string, to: string) =>
  `update room_type_nights i set available = greatest(room_type_units(i.room_type_id, i.night), i.sold)
          where i.room_type_id = ${roomTypeId} and i.night >= greatest(${from}, v_today) and i.night < ${to}
            and i.available <> greatest(room_type_units(i.room_type_id, i.night), i.sold)`;

/**
 * A room's status or type decides the units of its type. A room that changes type takes
 * its bookings along: the new type counts the room first, its bookings then move (the
 * new type's CHECK sees the room that brings them), and the old type loses the room last.
 */
const COUNT_ROOM_UNITS = `create function count_room_units() returns trigger language plpgsql as $$
      declare
        v_today date := coalesce((select business_date from hotel_calendar where id = 1), '-infinity'::date);
      begin
        if tg_op = 'UPDATE' and (old.status, old.room_type_id) is not distinct from (new.status, new.room_type_id) then
          return null;
        end if;
        if tg_op <> 'DELETE' then
          ${RECOUNT_UNITS('new.room_type_id', `'-infinity'::date`, `'infinity'::date`)};
        end if;
        if tg_op = 'UPDATE' and old.room_type_id <> new.room_type_id then
          update bookings set room_type_id = new.room_type_id where room_id = new.id;
        end if;
        if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.room_type_id <> new.room_type_id) then
          ${RECOUNT_UNITS('old.room_type_id', `'-infinity'::date`, `'infinity'::date`)};
        end if;
        return null;
      end $$;`;

/** An out-of-order window decides the units of its room's type over its nights. */
const COUNT_OUT_OF_ORDER_UNITS = `create function count_out_of_order_units() returns trigger language plpgsql as $$
      declare
        v_today date := coalesce((select business_date from hotel_calendar where id = 1), '-infinity'::date);
      begin
        if tg_op <> 'INSERT' and old.out_of_order_from is not null then
          ${RECOUNT_UNITS('(select r.room_type_id from rooms r where r.id = old.room_id)', 'old.out_of_order_from', 'old.out_of_order_to')};
        end if;
        if tg_op <> 'DELETE' and new.out_of_order_from is not null then
          ${RECOUNT_UNITS('(select r.room_type_id from rooms r where r.id = new.room_id)', 'new.out_of_order_from', 'new.out_of_order_to')};
        end if;
        return null;
      end $$;`;

/**
 * A booking in a room is a booking of that room's type: written without a type, it takes
 * the room's; written with another, it is refused.
 */
const BOOKING_ROOM_TYPE = `create function booking_room_type() returns trigger language plpgsql as $$
      declare
        v_room_type_id int;
      begin
        if new.room_id is null then return new; end if;
        select r.room_type_id into v_room_type_id from rooms r where r.id = new.room_id;
        if v_room_type_id is null then return new; end if;
        if new.room_type_id is null then
          new.room_type_id := v_room_type_id;
        elsif new.room_type_id <> v_room_type_id then
          raise exception 'booking % is for room type %, but room % is of room type %', new.id, new.room_type_id, new.room_id, v_room_type_id
            using errcode = 'check_violation', constraint = 'bookings_room_type_matches_room', table = 'bookings';
        end if;
        return new;
      end $$;`;

/** The change feed's trigger, as before, with a room assigned to a booking told as such, and rate seasons and minimum stays as rate changes. */
const RECORD_CHANGE = `create or replace function record_change() returns trigger language plpgsql as $$
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
          elsif old.room_id is null and new.room_id is not null then v_kind := 'BOOKING_ROOM_ASSIGNED';
          elsif new.room_id is distinct from old.room_id then v_kind := 'BOOKING_MOVED';
          elsif (new.check_in, new.check_out, new.num_guests, new.total_amount, new.nightly_rate, new.channel_reference)
                is distinct from (old.check_in, old.check_out, old.num_guests, old.total_amount, old.nightly_rate, old.channel_reference) then v_kind := 'BOOKING_AMENDED';
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
        elsif tg_table_name = 'rate_seasons' then
          v_entity := 'ROOM_TYPE';
          v_id := coalesce(new.room_type_id, old.room_type_id)::text;
          v_kind := 'RATE_CHANGED';
        else
          v_entity := 'ROOM_TYPE';
          if tg_op = 'INSERT' or (new.base_rate, new.capacity, new.min_stay) is distinct from (old.base_rate, old.capacity, old.min_stay)
          then v_kind := 'RATE_CHANGED'; else return null; end if;
        end if;
        insert into change_events (kind, entity, entity_id, version, channel)
        values (v_kind, v_entity, v_id,
          coalesce((select max(e.version) from change_events e where e.entity = v_entity and e.entity_id = v_id), 0) + 1, v_channel);
        return null;
      end $$;`;

/**
 * Partners sell room types: a booking holds a unit of its room type until a room is
 * assigned (room_id null until then), and room_type_nights keeps, per room type and night,
 * the units that can be sold and those sold, maintained by triggers in the transaction of
 * every booking, cancellation, move, amendment, room change and out-of-order window, and
 * guarded by CHECK (sold <= available). Rate seasons override a type's base rate and
 * minimum stay over a run of nights and may close them to arrivals. A partner's own
 * reference is unique per channel.
 */
export class Migration20261202080000_room_type_inventory extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "room_types" add column "min_stay" int not null default 1;`);
    this.addSql(`alter table "room_types" add constraint room_types_min_stay_check check(min_stay >= 1 and min_stay <= 365);`);

    this.addSql(`alter table "bookings" add column "room_type_id" int null, add column "channel_reference" varchar(100) null;`);
    this.addSql(`update "bookings" b set "room_type_id" = r."room_type_id" from "rooms" r where r."id" = b."room_id";`);
    this.addSql(`alter table "bookings" alter column "room_type_id" set not null, alter column "room_id" drop not null;`);
    this.addSql(
      `alter table "bookings" add constraint "bookings_room_type_id_foreign" foreign key ("room_type_id") references "room_types" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`create index "bookings_room_type_id_index" on "bookings" ("room_type_id");`);
    this.addSql(
      `create unique index "bookings_channel_reference_unique" on "bookings" ("channel", "channel_reference") where "channel_reference" is not null;`,
    );
    this.addSql(`alter table "bookings" add constraint bookings_channel_reference_check check(length(btrim(channel_reference)) > 0);`);
    this.addSql(
      `alter table "bookings" add constraint bookings_room_assigned_check check(room_id is not null or (status <> 'CHECKED_IN' and status <> 'CHECKED_OUT'));`,
    );
    this.addSql(BOOKING_ROOM_TYPE);
    this.addSql(
      `create trigger bookings_room_type before insert or update of room_id, room_type_id on "bookings" for each row execute function booking_room_type();`,
    );

    this.addSql(
      `create table "rate_seasons" ("id" serial primary key, "room_type_id" int not null, "name" varchar(100) not null, "first_night" date not null, "last_night" date not null, "nightly_rate" numeric(12,2) null, "min_stay" int null, "closed_to_arrival" boolean not null default false, "created_at" timestamptz not null default current_timestamp, constraint rate_seasons_nights_check check(first_night <= last_night), constraint rate_seasons_calendar_check check(first_night >= '1900-01-01'::date and last_night <= '2199-12-31'::date), constraint rate_seasons_nightly_rate_check check(nightly_rate >= 0 and nightly_rate <= 99999999.99), constraint rate_seasons_min_stay_check check(min_stay >= 1 and min_stay <= 365), constraint rate_seasons_name_check check(length(btrim(name)) > 0));`,
    );
    this.addSql(
      `alter table "rate_seasons" add constraint "rate_seasons_room_type_id_foreign" foreign key ("room_type_id") references "room_types" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "rate_seasons_room_type_id_index" on "rate_seasons" ("room_type_id");`);
    this.addSql(
      `alter table "rate_seasons" add constraint "rate_seasons_no_overlap" exclude using gist ("room_type_id" with =, daterange("first_night", "last_night", '[]') with &&);`,
    );

    this.addSql(
      `create table "room_type_nights" ("id" serial primary key, "room_type_id" int not null, "night" date not null, "available" int not null, "sold" int not null default 0, constraint room_type_nights_available_check check(available >= 0), constraint room_type_nights_sold_check check(sold >= 0), constraint room_type_nights_not_oversold_check check(sold <= available));`,
    );
    this.addSql(
      `alter table "room_type_nights" add constraint "room_type_nights_room_type_id_foreign" foreign key ("room_type_id") references "room_types" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "room_type_nights_room_type_id_index" on "room_type_nights" ("room_type_id");`);
    this.addSql(`alter table "room_type_nights" add constraint "room_type_nights_night_unique" unique ("room_type_id", "night");`);
    this.addSql(ROOM_TYPE_UNITS);
    this.addSql(COUNT_ROOM_TYPE_NIGHTS);
    this.addSql(COUNT_ROOM_UNITS);
    this.addSql(COUNT_OUT_OF_ORDER_UNITS);
    // What stands is counted once, before the triggers count every change. A night sold
    // beyond its units already (rooms taken out of service over booked nights) keeps its
    // units at the sold count, for the integrity report to show.
    this.addSql(
      `insert into "room_type_nights" ("room_type_id", "night", "available", "sold")
       select s.room_type_id, s.night, greatest(room_type_units(s.room_type_id, s.night), s.sold), s.sold from (
         select b.room_type_id, d::date as night, count(*)::int as sold
         from bookings b cross join lateral generate_series(greatest(b.check_in, coalesce((select business_date from hotel_calendar where id = 1), b.check_in)), b.check_out - 1, interval '1 day') d
         where b.status not in ('CANCELLED', 'NO_SHOW') group by 1, 2) s;`,
    );
    this.addSql(
      `create trigger bookings_count_room_type_nights after insert or delete or update of status, room_type_id, check_in, check_out on "bookings" for each row execute function count_room_type_nights();`,
    );
    this.addSql(
      `create trigger rooms_count_units after insert or delete or update of status, room_type_id on "rooms" for each row execute function count_room_units();`,
    );
    this.addSql(
      `create trigger maintenance_requests_count_units after insert or delete or update of status, room_id, out_of_order_from, out_of_order_to on "maintenance_requests" for each row execute function count_out_of_order_units();`,
    );

    this.addSql(RECORD_CHANGE);
    this.addSql(`create trigger rate_seasons_record_change after insert or update or delete on "rate_seasons" for each row execute function record_change();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger rate_seasons_record_change on "rate_seasons";');
    this.addSql('drop trigger maintenance_requests_count_units on "maintenance_requests";');
    this.addSql('drop trigger rooms_count_units on "rooms";');
    this.addSql('drop trigger bookings_count_room_type_nights on "bookings";');
    this.addSql('drop trigger bookings_room_type on "bookings";');
    this.addSql('drop function count_out_of_order_units();');
    this.addSql('drop function count_room_units();');
    this.addSql('drop function count_room_type_nights();');
    this.addSql('drop function booking_room_type();');
    this.addSql('drop function room_type_units(int, date);');
    this.addSql('drop table "room_type_nights";');
    this.addSql('drop table "rate_seasons";');
    this.addSql('drop index "bookings_channel_reference_unique";');
    this.addSql('alter table "bookings" drop constraint bookings_channel_reference_check;');
    this.addSql('alter table "bookings" drop constraint bookings_room_assigned_check;');
    this.addSql('alter table "bookings" drop constraint "bookings_room_type_id_foreign";');
    this.addSql('delete from "bookings" where "room_id" is null;');
    this.addSql('alter table "bookings" drop column "room_type_id", drop column "channel_reference", alter column "room_id" set not null;');
    this.addSql('alter table "room_types" drop constraint room_types_min_stay_check;');
    this.addSql('alter table "room_types" drop column "min_stay";');
  }
}
