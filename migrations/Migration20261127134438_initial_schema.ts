import { Migration } from '@mikro-orm/migrations';

export class Migration20261127134438_initial_schema extends Migration {
  override async up(): Promise<void> {
    // The bookings exclusion constraint compares room ids (btree) and date ranges (gist) in one index.
    this.addSql('create extension if not exists btree_gist;');
    this.addSql(
      `create table "audit_entries" ("id" serial primary key, "actor" varchar(255) not null, "action" varchar(60) not null, "entity" varchar(60) not null, "entity_id" varchar(60) null, "reason" text null, "details" jsonb not null default '{}', "created_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(`create index "audit_entries_entity_index" on "audit_entries" ("entity", "entity_id");`);

    this.addSql(
      `create table "idempotency_records" ("scoped_key" varchar(300) not null, "request_hash" varchar(64) not null, "response" jsonb not null, "created_at" timestamptz not null default current_timestamp, "expires_at" timestamptz not null, constraint "idempotency_records_pkey" primary key ("scoped_key"));`,
    );
    this.addSql(`create index "idempotency_records_expires_at_index" on "idempotency_records" ("expires_at");`);

    this.addSql(
      `create table "room_types" ("id" serial primary key, "name" varchar(100) not null, "description" text null, "capacity" int not null, "base_rate" numeric(12,2) not null, constraint room_types_name_check check (length(btrim(name)) > 0), constraint room_types_base_rate_check check (base_rate >= 0), constraint room_types_capacity_check check (capacity > 0));`,
    );
    this.addSql(`alter table "room_types" add constraint "room_types_name_unique" unique ("name");`);

    this.addSql(
      `create table "rooms" ("id" serial primary key, "number" varchar(20) not null, "floor" int not null, "room_type_id" int not null, "status" text check ("status" in ('IN_SERVICE', 'OUT_OF_ORDER', 'OUT_OF_SERVICE')) not null default 'IN_SERVICE', "housekeeping_status" text check ("housekeeping_status" in ('CLEAN', 'DIRTY', 'INSPECTED')) not null default 'CLEAN', constraint rooms_floor_check check (floor >= -5 and floor <= 200), constraint rooms_number_check check (length(btrim(number)) > 0));`,
    );
    this.addSql(`alter table "rooms" add constraint "rooms_number_unique" unique ("number");`);
    this.addSql(`create index "rooms_room_type_id_index" on "rooms" ("room_type_id");`);

    this.addSql(
      `create table "users" ("id" serial primary key, "email" varchar(320) not null, "name" varchar(200) not null, "role" text check ("role" in ('ADMIN', 'STAFF', 'PARTNER')) not null, "password_hash" varchar(255) not null, "active" boolean not null default true, "created_at" timestamptz not null default current_timestamp, constraint users_name_check check (length(btrim(name)) > 0), constraint users_email_lowercase_check check (email = lower(email)));`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(
      `create table "maintenance_requests" ("id" serial primary key, "room_id" int not null, "reported_by_id" int null, "assigned_to_id" int null, "description" text not null, "severity" text check ("severity" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null, "status" text check ("status" in ('OPEN', 'IN_PROGRESS', 'RESOLVED')) not null default 'OPEN', "out_of_order_from" date null, "out_of_order_to" date null, "created_at" timestamptz not null default current_timestamp, "resolved_at" timestamptz null, constraint maintenance_requests_description_check check (length(btrim(description)) > 0), constraint maintenance_requests_window_check check ((out_of_order_from is null and out_of_order_to is null) or (out_of_order_from < out_of_order_to)));`,
    );
    this.addSql(`create index "maintenance_requests_room_id_index" on "maintenance_requests" ("room_id");`);
    this.addSql(`create index "maintenance_requests_reported_by_id_index" on "maintenance_requests" ("reported_by_id");`);
    this.addSql(`create index "maintenance_requests_assigned_to_id_index" on "maintenance_requests" ("assigned_to_id");`);

    this.addSql(
      `create table "housekeeping_tasks" ("id" serial primary key, "room_id" int not null, "assigned_to_id" int null, "kind" text check ("kind" in ('CLEANING', 'INSPECTION', 'TURNDOWN')) not null, "status" text check ("status" in ('OPEN', 'DONE')) not null default 'OPEN', "notes" text null, "created_at" timestamptz not null default current_timestamp, "completed_at" timestamptz null);`,
    );
    this.addSql(`create index "housekeeping_tasks_room_id_index" on "housekeeping_tasks" ("room_id");`);
    this.addSql(`create index "housekeeping_tasks_assigned_to_id_index" on "housekeeping_tasks" ("assigned_to_id");`);

    this.addSql(
      `create table "customers" ("id" serial primary key, "user_id" int null, "first_name" varchar(100) not null, "last_name" varchar(100) not null, "email" varchar(320) not null, "phone" varchar(40) null, "channel" varchar(60) null, "loyalty_points" int not null default 0, "created_at" timestamptz not null default current_timestamp, constraint customers_email_lowercase_check check (email = lower(email)), constraint customers_names_check check (length(btrim(first_name)) > 0 and length(btrim(last_name)) > 0), constraint customers_loyalty_points_check check (loyalty_points >= 0));`,
    );
    this.addSql(`alter table "customers" add constraint "customers_user_id_unique" unique ("user_id");`);
    this.addSql(`alter table "customers" add constraint "customers_email_unique" unique ("email");`);
    this.addSql(`create index "customers_channel_index" on "customers" ("channel");`);

    this.addSql(
      `create table "notifications" ("id" serial primary key, "user_id" int null, "customer_id" int null, "kind" varchar(60) not null, "message" text not null, "read_at" timestamptz null, "created_at" timestamptz not null default current_timestamp, constraint notifications_recipient_check check (user_id is not null or customer_id is not null));`,
    );
    this.addSql(`create index "notifications_user_id_index" on "notifications" ("user_id");`);
    this.addSql(`create index "notifications_customer_id_index" on "notifications" ("customer_id");`);

    this.addSql(
      `create table "bookings" ("id" serial primary key, "room_id" int not null, "customer_id" int not null, "check_in" date not null, "check_out" date not null, "num_guests" int not null, "status" text check ("status" in ('CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT', 'CANCELLED', 'NO_SHOW')) not null default 'CONFIRMED', "total_amount" numeric(12,2) not null, "cancelled_by_id" int null, "cancelled_at" timestamptz null, "cancellation_reason" text null, "channel" varchar(60) not null default 'DIRECT', "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, constraint bookings_total_amount_check check (total_amount >= 0), constraint bookings_num_guests_check check (num_guests > 0), constraint bookings_dates_check check (check_in < check_out));`,
    );
    this.addSql(`create index "bookings_room_id_index" on "bookings" ("room_id");`);
    this.addSql(`create index "bookings_customer_id_index" on "bookings" ("customer_id");`);
    this.addSql(`create index "bookings_cancelled_by_id_index" on "bookings" ("cancelled_by_id");`);
    this.addSql(`create index "bookings_channel_index" on "bookings" ("channel");`);
    this.addSql(`create index "bookings_check_in_index" on "bookings" ("check_in");`);
    this.addSql(
      `alter table "bookings" add constraint "bookings_no_overlap" exclude using gist ("room_id" with =, daterange("check_in", "check_out", '[)') with &&) where ("status" not in ('CANCELLED', 'NO_SHOW'));`,
    );

    this.addSql(
      `create table "payments" ("id" serial primary key, "booking_id" int not null, "amount" numeric(12,2) not null, "refunded_amount" numeric(12,2) not null default '0', "currency" char(3) not null, "method" text check ("method" in ('CARD', 'CASH', 'BANK_TRANSFER')) not null, "status" text check ("status" in ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')) not null default 'COMPLETED', "processed_by_id" int null, "created_at" timestamptz not null default current_timestamp, constraint payments_currency_check check (currency ~ '^[A-Z]{3}$'), constraint payments_refunded_amount_check check (refunded_amount >= 0 and refunded_amount <= amount), constraint payments_amount_check check (amount > 0));`,
    );
    this.addSql(`create index "payments_booking_id_index" on "payments" ("booking_id");`);
    this.addSql(`create index "payments_processed_by_id_index" on "payments" ("processed_by_id");`);

    this.addSql(
      `create table "loyalty_transactions" ("id" serial primary key, "customer_id" int not null, "booking_id" int null, "points" int not null, "reason" varchar(200) not null, "created_at" timestamptz not null default current_timestamp, constraint loyalty_transactions_points_check check (points <> 0));`,
    );
    this.addSql(`create index "loyalty_transactions_customer_id_index" on "loyalty_transactions" ("customer_id");`);
    this.addSql(`create index "loyalty_transactions_booking_id_index" on "loyalty_transactions" ("booking_id");`);

    this.addSql(
      `create table "folio_items" ("id" serial primary key, "booking_id" int not null, "description" varchar(200) not null, "amount" numeric(12,2) not null, "posted_by_id" int null, "created_at" timestamptz not null default current_timestamp, constraint folio_items_description_check check (length(btrim(description)) > 0), constraint folio_items_amount_check check (amount <> 0));`,
    );
    this.addSql(`create index "folio_items_booking_id_index" on "folio_items" ("booking_id");`);
    this.addSql(`create index "folio_items_posted_by_id_index" on "folio_items" ("posted_by_id");`);

    this.addSql(
      `create table "booking_logs" ("id" serial primary key, "booking_id" int not null, "actor_id" int null, "action" varchar(60) not null, "details" jsonb not null default '{}', "created_at" timestamptz not null default current_timestamp);`,
    );
    this.addSql(`create index "booking_logs_booking_id_index" on "booking_logs" ("booking_id");`);
    this.addSql(`create index "booking_logs_actor_id_index" on "booking_logs" ("actor_id");`);

    this.addSql(
      `create table "api_tokens" ("id" serial primary key, "name" varchar(100) not null, "role" text check ("role" in ('ADMIN', 'STAFF', 'PARTNER')) not null, "kind" text check ("kind" in ('API', 'SESSION')) not null default 'API', "channel" varchar(60) null, "secret_hash" varchar(64) not null, "user_id" int null, "last_used_at" timestamptz null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null default current_timestamp, constraint api_tokens_partner_channel_check check (role <> 'PARTNER' or channel is not null));`,
    );
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "api_tokens_user_id_index" on "api_tokens" ("user_id");`);

    this.addSql(
      `create table "waitlist_entries" ("id" serial primary key, "customer_id" int not null, "room_type_id" int not null, "check_in" date not null, "check_out" date not null, "num_guests" int not null, "status" text check ("status" in ('WAITING', 'NOTIFIED', 'FULFILLED', 'WITHDRAWN')) not null default 'WAITING', "notified_at" timestamptz null, "created_at" timestamptz not null default current_timestamp, constraint waitlist_entries_num_guests_check check (num_guests > 0), constraint waitlist_entries_dates_check check (check_in < check_out));`,
    );
    this.addSql(`create index "waitlist_entries_customer_id_index" on "waitlist_entries" ("customer_id");`);
    this.addSql(`create index "waitlist_entries_room_type_id_index" on "waitlist_entries" ("room_type_id");`);

    this.addSql(
      `alter table "rooms" add constraint "rooms_room_type_id_foreign" foreign key ("room_type_id") references "room_types" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "maintenance_requests" add constraint "maintenance_requests_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "maintenance_requests" add constraint "maintenance_requests_reported_by_id_foreign" foreign key ("reported_by_id") references "users" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "maintenance_requests" add constraint "maintenance_requests_assigned_to_id_foreign" foreign key ("assigned_to_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "housekeeping_tasks" add constraint "housekeeping_tasks_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "housekeeping_tasks" add constraint "housekeeping_tasks_assigned_to_id_foreign" foreign key ("assigned_to_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "customers" add constraint "customers_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "notifications" add constraint "notifications_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "notifications" add constraint "notifications_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "bookings" add constraint "bookings_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "bookings" add constraint "bookings_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "bookings" add constraint "bookings_cancelled_by_id_foreign" foreign key ("cancelled_by_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "payments" add constraint "payments_booking_id_foreign" foreign key ("booking_id") references "bookings" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "payments" add constraint "payments_processed_by_id_foreign" foreign key ("processed_by_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "loyalty_transactions" add constraint "loyalty_transactions_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "loyalty_transactions" add constraint "loyalty_transactions_booking_id_foreign" foreign key ("booking_id") references "bookings" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "folio_items" add constraint "folio_items_booking_id_foreign" foreign key ("booking_id") references "bookings" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "folio_items" add constraint "folio_items_posted_by_id_foreign" foreign key ("posted_by_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "booking_logs" add constraint "booking_logs_booking_id_foreign" foreign key ("booking_id") references "bookings" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "booking_logs" add constraint "booking_logs_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "api_tokens" add constraint "api_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "waitlist_entries" add constraint "waitlist_entries_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "waitlist_entries" add constraint "waitlist_entries_room_type_id_foreign" foreign key ("room_type_id") references "room_types" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "rooms" drop constraint "rooms_room_type_id_foreign";`);

    this.addSql(`alter table "waitlist_entries" drop constraint "waitlist_entries_room_type_id_foreign";`);

    this.addSql(`alter table "maintenance_requests" drop constraint "maintenance_requests_room_id_foreign";`);

    this.addSql(`alter table "housekeeping_tasks" drop constraint "housekeeping_tasks_room_id_foreign";`);

    this.addSql(`alter table "bookings" drop constraint "bookings_room_id_foreign";`);

    this.addSql(`alter table "maintenance_requests" drop constraint "maintenance_requests_reported_by_id_foreign";`);

    this.addSql(`alter table "maintenance_requests" drop constraint "maintenance_requests_assigned_to_id_foreign";`);

    this.addSql(`alter table "housekeeping_tasks" drop constraint "housekeeping_tasks_assigned_to_id_foreign";`);

    this.addSql(`alter table "customers" drop constraint "customers_user_id_foreign";`);

    this.addSql(`alter table "notifications" drop constraint "notifications_user_id_foreign";`);

    this.addSql(`alter table "bookings" drop constraint "bookings_cancelled_by_id_foreign";`);

    this.addSql(`alter table "payments" drop constraint "payments_processed_by_id_foreign";`);

    this.addSql(`alter table "folio_items" drop constraint "folio_items_posted_by_id_foreign";`);

    this.addSql(`alter table "booking_logs" drop constraint "booking_logs_actor_id_foreign";`);

    this.addSql(`alter table "api_tokens" drop constraint "api_tokens_user_id_foreign";`);

    this.addSql(`alter table "notifications" drop constraint "notifications_customer_id_foreign";`);

    this.addSql(`alter table "bookings" drop constraint "bookings_customer_id_foreign";`);

    this.addSql(`alter table "loyalty_transactions" drop constraint "loyalty_transactions_customer_id_foreign";`);

    this.addSql(`alter table "waitlist_entries" drop constraint "waitlist_entries_customer_id_foreign";`);

    this.addSql(`alter table "payments" drop constraint "payments_booking_id_foreign";`);

    this.addSql(`alter table "loyalty_transactions" drop constraint "loyalty_transactions_booking_id_foreign";`);

    this.addSql(`alter table "folio_items" drop constraint "folio_items_booking_id_foreign";`);

    this.addSql(`alter table "booking_logs" drop constraint "booking_logs_booking_id_foreign";`);

    this.addSql(`drop table if exists "audit_entries" cascade;`);

    this.addSql(`drop table if exists "idempotency_records" cascade;`);

    this.addSql(`drop table if exists "room_types" cascade;`);

    this.addSql(`drop table if exists "rooms" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "maintenance_requests" cascade;`);

    this.addSql(`drop table if exists "housekeeping_tasks" cascade;`);

    this.addSql(`drop table if exists "customers" cascade;`);

    this.addSql(`drop table if exists "notifications" cascade;`);

    this.addSql(`drop table if exists "bookings" cascade;`);

    this.addSql(`drop table if exists "payments" cascade;`);

    this.addSql(`drop table if exists "loyalty_transactions" cascade;`);

    this.addSql(`drop table if exists "folio_items" cascade;`);

    this.addSql(`drop table if exists "booking_logs" cascade;`);

    this.addSql(`drop table if exists "api_tokens" cascade;`);

    this.addSql(`drop table if exists "waitlist_entries" cascade;`);
  }
}
