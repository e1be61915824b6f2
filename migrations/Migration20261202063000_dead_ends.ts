import { Migration } from '@mikro-orm/migrations';

/**
 * No dead ends: a waitlist entry records when it closed (fulfilled or withdrawn) and the
 * booking that fulfilled it, a maintenance request when work on it started, and a
 * notification may be addressed to a desk (every caller of a role) and name the record
 * it is about.
 */
export class Migration20261202063000_dead_ends extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "waitlist_entries" add column "booking_id" int null, add column "closed_at" timestamptz null;`);
    this.addSql(
      `alter table "waitlist_entries" add constraint "waitlist_entries_booking_id_foreign" foreign key ("booking_id") references "bookings" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`alter table "waitlist_entries" add constraint "waitlist_entries_booking_id_unique" unique ("booking_id");`);
    // Entries closed before the API could close them (only SQL could) get a time to keep the new rule.
    this.addSql(
      `update "waitlist_entries" set "closed_at" = coalesce("notified_at", "created_at") where "status" in ('FULFILLED', 'WITHDRAWN') and "closed_at" is null;`,
    );
    this.addSql(`alter table "waitlist_entries" add constraint waitlist_entries_booking_check check(booking_id is null or status = 'FULFILLED');`);
    this.addSql(
      `alter table "waitlist_entries" add constraint waitlist_entries_closed_check check((closed_at is not null) = (status = 'FULFILLED' or status = 'WITHDRAWN'));`,
    );

    this.addSql(`alter table "maintenance_requests" add column "started_at" timestamptz null;`);
    this.addSql(`update "maintenance_requests" set "started_at" = "created_at" where "status" = 'IN_PROGRESS';`);
    this.addSql(
      `alter table "maintenance_requests" add constraint maintenance_requests_started_check check(status <> 'IN_PROGRESS' or started_at is not null);`,
    );

    this.addSql(
      `alter table "notifications" add column "for_role" text check ("for_role" in ('ADMIN', 'STAFF')) null, add column "entity" varchar(60) null, add column "entity_id" varchar(60) null;`,
    );
    this.addSql(`alter table "notifications" drop constraint notifications_recipient_check;`);
    this.addSql(
      `alter table "notifications" add constraint notifications_recipient_check check(user_id is not null or customer_id is not null or for_role is not null);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "notifications" where "user_id" is null and "customer_id" is null;`);
    this.addSql(`alter table "notifications" drop constraint notifications_recipient_check;`);
    this.addSql(`alter table "notifications" add constraint notifications_recipient_check check(user_id is not null or customer_id is not null);`);
    this.addSql(`alter table "notifications" drop column "for_role", drop column "entity", drop column "entity_id";`);

    this.addSql(`alter table "maintenance_requests" drop constraint maintenance_requests_started_check;`);
    this.addSql(`alter table "maintenance_requests" drop column "started_at";`);

    this.addSql(`alter table "waitlist_entries" drop constraint waitlist_entries_closed_check;`);
    this.addSql(`alter table "waitlist_entries" drop constraint waitlist_entries_booking_check;`);
    this.addSql(`alter table "waitlist_entries" drop constraint "waitlist_entries_booking_id_foreign";`);
    this.addSql(`alter table "waitlist_entries" drop column "booking_id", drop column "closed_at";`);
  }
}
