import { Migration } from '@mikro-orm/migrations';

export class Migration20261201212044_bounded_inputs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "room_types" add constraint room_types_base_rate_bound_check check(base_rate <= 99999999.99);`);

    this.addSql(`alter table "bookings" add constraint bookings_calendar_check check(check_in >= '1900-01-01'::date and check_out <= '2199-12-31'::date);`);

    this.addSql(`alter table "payments" add constraint payments_amount_bound_check check(amount <= 99999999.99);`);

    this.addSql(`alter table "folio_items" add constraint folio_items_amount_bound_check check(abs(amount) <= 99999999.99);`);

    // One booking's bill (room total plus charges) within numeric(12,2), so its balance can
    // always be read. Changes to one bill take turns on an advisory lock, so two
    // transactions cannot each add half of what is too much.
    this.addSql(`create function booking_bill_within_bound() returns trigger language plpgsql as $$
      declare
        target int;
        bill numeric;
      begin
        -- Each branch names a field of its own table only: plpgsql resolves new.x when run.
        if tg_table_name = 'bookings' then target := new.id; else target := new.booking_id; end if;
        perform pg_advisory_xact_lock(1651076162, target);
        select b.total_amount + coalesce((select sum(f.amount) from folio_items f where f.booking_id = b.id), 0)
          into bill from bookings b where b.id = target;
        if abs(bill) > 9999999999.99 then
          raise exception 'the bill of booking % would be %, beyond 9999999999.99', target, bill
            using errcode = 'check_violation', constraint = 'bookings_bill_bound_check', table = 'bookings';
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger folio_items_bill_bound after insert or update of amount, booking_id on folio_items
      for each row execute function booking_bill_within_bound();`);
    this.addSql(`create trigger bookings_bill_bound after update of total_amount on bookings
      for each row execute function booking_bill_within_bound();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists bookings_bill_bound on bookings;`);
    this.addSql(`drop trigger if exists folio_items_bill_bound on folio_items;`);
    this.addSql(`drop function if exists booking_bill_within_bound();`);

    this.addSql(`alter table "bookings" drop constraint bookings_calendar_check;`);

    this.addSql(`alter table "folio_items" drop constraint folio_items_amount_bound_check;`);

    this.addSql(`alter table "payments" drop constraint payments_amount_bound_check;`);

    this.addSql(`alter table "room_types" drop constraint room_types_base_rate_bound_check;`);
  }
}
