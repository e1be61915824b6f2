import { Migration } from '@mikro-orm/migrations';

/** The kinds of change the feed's trigger writes, as of this migration (ChangeKind). */
const KINDS = [
  'BOOKING_CREATED',
  'BOOKING_AMENDED',
  'BOOKING_MOVED',
  'BOOKING_ROOM_ASSIGNED',
  'BOOKING_CANCELLED',
  'BOOKING_CHECKED_IN',
  'BOOKING_CHECKED_OUT',
  'BOOKING_NO_SHOW',
  'PAYMENT_RECORDED',
  'PAYMENT_REFUNDED',
  'ROOM_CHANGED',
  'RATE_CHANGED',
]
  .map((kind) => `'${kind}'`)
  .join(', ');

/**
 * Webhooks: endpoints that the change feed's events are POSTed to, and their outbox. A
 * trigger on change_events writes one delivery per enabled endpoint an event is for (a
 * partner's endpoint: its own channel's events; the hotel's: all), in the transaction of
 * the change, so a delivery exists exactly when its change committed. The kinds of change
 * become a CHECK on change_events, so the trigger cannot write one a webhook cannot
 * subscribe to.
 */
export class Migration20261202090000_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "change_events" alter column "kind" type text using ("kind"::text);`);
    this.addSql(`alter table "change_events" add constraint "change_events_kind_check" check ("kind" in (${KINDS}));`);

    this.addSql(
      `create table "webhook_endpoints" ("id" serial primary key, "url" varchar(2000) not null, "events" text[] not null, "channel" varchar(60) null, "secret" varchar(100) not null, "enabled" boolean not null default true, "failing_since" timestamptz null, "disabled_at" timestamptz null, "disabled_reason" varchar(300) null, "created_at" timestamptz not null default current_timestamp, constraint "webhook_endpoints_events_check" check (cardinality(events) > 0 and events <@ array[${KINDS}]::text[]), constraint "webhook_endpoints_url_check" check (url ~ '^https?://'), constraint "webhook_endpoints_disabled_check" check (enabled = (disabled_at is null)));`,
    );

    this.addSql(
      `create table "webhook_deliveries" ("id" serial primary key, "endpoint_id" int not null, "event_id" bigint not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default current_timestamp, "claimed_until" timestamptz null, "last_attempt_at" timestamptz null, "last_status_code" int null, "last_error" varchar(500) null, "last_response_body" varchar(2000) null, "delivered_at" timestamptz null, "created_at" timestamptz not null default current_timestamp, constraint "webhook_deliveries_attempts_check" check (attempts >= 0), constraint "webhook_deliveries_last_status_code_check" check (last_status_code >= 100 and last_status_code <= 599), constraint "webhook_deliveries_delivered_check" check (status <> 'DELIVERED' or delivered_at is not null));`,
    );
    this.addSql(`create index "webhook_deliveries_endpoint_id_index" on "webhook_deliveries" ("endpoint_id");`);
    this.addSql(`create index "webhook_deliveries_event_id_index" on "webhook_deliveries" ("event_id");`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_event_endpoint_unique" unique ("event_id", "endpoint_id");`);
    this.addSql(`create index "webhook_deliveries_due_index" on "webhook_deliveries" ("next_attempt_at") where "status" = 'PENDING';`);
    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_event_id_foreign" foreign key ("event_id") references "change_events" ("id") on update cascade on delete cascade;`,
    );

    // KEY SHARE, as the foreign key's own check would take: an endpoint being deleted is waited for and then skipped, never a
    // foreign key error in the change's transaction; a disable or enable still running does not block it.
    this.addSql(`create function webhook_fan_out() returns trigger language plpgsql as $$
      begin
        insert into webhook_deliveries (endpoint_id, event_id)
        select w.id, new.id from webhook_endpoints w
        where w.enabled and new.kind = any (w.events) and (w.channel is null or w.channel = new.channel)
        for key share of w;
        return null;
      end $$;`);
    this.addSql(`create trigger change_events_webhook_fan_out after insert on "change_events" for each row execute function webhook_fan_out();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger change_events_webhook_fan_out on "change_events";');
    this.addSql('drop function webhook_fan_out();');
    this.addSql('drop table "webhook_deliveries";');
    this.addSql('drop table "webhook_endpoints";');
    this.addSql('alter table "change_events" drop constraint "change_events_kind_check";');
    this.addSql('alter table "change_events" alter column "kind" type varchar(60) using ("kind"::varchar(60));');
  }
}
