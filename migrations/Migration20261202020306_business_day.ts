import { Migration } from '@mikro-orm/migrations';

/**
 * The hotel's day: the business date and the days closed, cancellation policies (with the
 * hotel's default), receivables, and on bookings the nightly rate and the room an in-house
 * guest moved into. The exclusion constraint now guards each booking's nights in its
 * current room only, from the move on, so a guest who moved never collides with the
 * past stays of the room moved into.
 */
export class Migration20261202020306_business_day extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "hotel_calendar" ("id" smallint not null, "business_date" date not null, "updated_at" timestamptz not null default current_timestamp, constraint "hotel_calendar_pkey" primary key ("id"), constraint hotel_calendar_single_row_check check (id = 1));`,
    );

    this.addSql(
      `create table "cancellation_policies" ("id" serial primary key, "room_type_id" int null, "free_until_days" int not null, "cancellation_fee_kind" text check ("cancellation_fee_kind" in ('NONE', 'FIRST_NIGHT', 'PERCENT', 'FIXED')) not null, "cancellation_fee_value" numeric(12,2) not null default '0', "no_show_fee_kind" text check ("no_show_fee_kind" in ('NONE', 'FIRST_NIGHT', 'PERCENT', 'FIXED')) not null, "no_show_fee_value" numeric(12,2) not null default '0', "updated_at" timestamptz not null default current_timestamp, constraint cancellation_policies_no_show_fee_check check (((no_show_fee_kind = 'NONE' or no_show_fee_kind = 'FIRST_NIGHT') and no_show_fee_value = 0) or (no_show_fee_kind = 'PERCENT' and no_show_fee_value > 0 and no_show_fee_value <= 100) or (no_show_fee_kind = 'FIXED' and no_show_fee_value > 0)), constraint cancellation_policies_cancellation_fee_check check (((cancellation_fee_kind = 'NONE' or cancellation_fee_kind = 'FIRST_NIGHT') and cancellation_fee_value = 0) or (cancellation_fee_kind = 'PERCENT' and cancellation_fee_value > 0 and cancellation_fee_value <= 100) or (cancellation_fee_kind = 'FIXED' and cancellation_fee_value > 0)), constraint cancellation_policies_free_until_check check (free_until_days >= 0 and free_until_days <= 365));`,
    );
    this.addSql(`alter table "cancellation_policies" add constraint "cancellation_policies_room_type_id_unique" unique ("room_type_id");`);
    this.addSql(`create unique index "cancellation_policies_one_default" on "cancellation_policies" ((true)) where "room_type_id" is null;`);

    this.addSql(
      `create table "night_audits" ("id" serial primary key, "business_date" date not null, "closed_at" timestamptz not null default current_timestamp, "closed_by_id" int null, "scheduled" boolean not null default false, "no_shows" int not null default 0, "fees_posted" numeric(12,2) not null default '0', constraint night_audits_counts_check check (no_shows >= 0 and fees_posted >= 0));`,
    );
    this.addSql(`alter table "night_audits" add constraint "night_audits_business_date_unique" unique ("business_date");`);
    this.addSql(`create index "night_audits_closed_by_id_index" on "night_audits" ("closed_by_id");`);

    this.addSql(
      `create table "receivables" ("id" serial primary key, "booking_id" int not null, "amount" numeric(12,2) not null, "reason" varchar(500) not null, "created_by_id" int null, "created_at" timestamptz not null default current_timestamp, constraint receivables_reason_check check (length(btrim(reason)) > 0), constraint receivables_amount_check check (amount > 0));`,
    );
    this.addSql(`alter table "receivables" add constraint "receivables_booking_id_unique" unique ("booking_id");`);
    this.addSql(`create index "receivables_created_by_id_index" on "receivables" ("created_by_id");`);

    this.addSql(
      `alter table "cancellation_policies" add constraint "cancellation_policies_room_type_id_foreign" foreign key ("room_type_id") references "room_types" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "night_audits" add constraint "night_audits_closed_by_id_foreign" foreign key ("closed_by_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "receivables" add constraint "receivables_booking_id_foreign" foreign key ("booking_id") references "bookings" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "receivables" add constraint "receivables_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "bookings" add column "nightly_rate" numeric(12,2) null, add column "in_room_from" date null;`);
    this.addSql(`update "bookings" set "nightly_rate" = round("total_amount" / ("check_out" - "check_in"), 2) where "check_out" > "check_in";`);
    this.addSql(`update "bookings" set "nightly_rate" = "total_amount" where "nightly_rate" is null;`);
    this.addSql(`alter table "bookings" alter column "nightly_rate" set not null;`);
    // A booking written without its rate (a bulk load, a script) gets its total over its nights.
    this.addSql(`create function booking_nightly_rate_default() returns trigger language plpgsql as $$
      begin
        if new.nightly_rate is null then
          new.nightly_rate := greatest(round(new.total_amount / greatest(new.check_out - new.check_in, 1), 2), 0);
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger booking_nightly_rate_default before insert on "bookings" for each row execute function booking_nightly_rate_default();`);
    // A released booking no longer bills its room; one that took payments keeps its total for a person to settle (the integrity report lists it).
    this.addSql(
      `update "bookings" b set "total_amount" = 0 where b."status" in ('CANCELLED', 'NO_SHOW') and not exists (select 1 from "payments" p where p."booking_id" = b."id");`,
    );
    this.addSql(`alter table "bookings" drop constraint "bookings_no_overlap";`);
    this.addSql(
      `alter table "bookings" add constraint "bookings_no_overlap" exclude using gist ("room_id" with =, daterange(coalesce("in_room_from", "check_in"), "check_out", '[)') with &&) where ("status" not in ('CANCELLED', 'NO_SHOW'));`,
    );
    this.addSql(
      `create index "bookings_nights_index" on "bookings" using gist (daterange("check_in", "check_out", '[)')) where ("status" not in ('CANCELLED', 'NO_SHOW'));`,
    );
    this.addSql(`create index "bookings_check_out_id_index" on "bookings" ("check_out", "id");`);
    this.addSql(
      `alter table "bookings" add constraint bookings_in_room_from_check check(in_room_from is null or (in_room_from > check_in and in_room_from <= check_out));`,
    );
    this.addSql(`alter table "bookings" add constraint bookings_nightly_rate_check check(nightly_rate >= 0);`);

    this.addSql(
      `alter table "folio_items" add column "kind" text check ("kind" in ('CHARGE', 'CANCELLATION_FEE', 'NO_SHOW_FEE', 'EARLY_DEPARTURE')) not null default 'CHARGE';`,
    );
    this.addSql(
      `create unique index "folio_items_fee_once" on "folio_items" ("booking_id", "kind") where "kind" in ('CANCELLATION_FEE', 'NO_SHOW_FEE', 'EARLY_DEPARTURE');`,
    );

    this.addSql(
      `insert into "cancellation_policies" ("room_type_id", "free_until_days", "cancellation_fee_kind", "no_show_fee_kind") values (null, 1, 'FIRST_NIGHT', 'FIRST_NIGHT');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "hotel_calendar" cascade;`);

    this.addSql(`drop table if exists "cancellation_policies" cascade;`);

    this.addSql(`drop table if exists "night_audits" cascade;`);

    this.addSql(`drop table if exists "receivables" cascade;`);

    this.addSql(`alter table "bookings" drop constraint "bookings_no_overlap";`);
    this.addSql(
      `alter table "bookings" add constraint "bookings_no_overlap" exclude using gist ("room_id" with =, daterange("check_in", "check_out", '[)') with &&) where ("status" not in ('CANCELLED', 'NO_SHOW'));`,
    );
    this.addSql(`drop trigger booking_nightly_rate_default on "bookings";`);
    this.addSql(`drop function booking_nightly_rate_default();`);
    this.addSql(`drop index "bookings_nights_index";`);
    this.addSql(`drop index "bookings_check_out_id_index";`);
    this.addSql(`alter table "bookings" drop constraint bookings_in_room_from_check;`);
    this.addSql(`alter table "bookings" drop constraint bookings_nightly_rate_check;`);
    this.addSql(`alter table "bookings" drop column "nightly_rate", drop column "in_room_from";`);

    this.addSql(`drop index "folio_items_fee_once";`);
    this.addSql(`alter table "folio_items" drop column "kind";`);
  }
}
