import { Migration } from '@mikro-orm/migrations';

/**
 * Changes to one bill take turns on the booking's row (FOR NO KEY UPDATE), not on an
 * advisory lock: an advisory lock per booking is an entry in PostgreSQL's shared lock
 * table, and one statement adding charges to 100,000 bookings ran out of them
 * (bench:delete's set-up: "out of shared memory"). A row lock lives in the row. NO KEY
 * UPDATE does not conflict with the KEY SHARE lock the foreign key check of a new charge
 * already holds, so two charges on one booking wait for each other without deadlocking.
 */
export class Migration20261202013500_bill_bound_row_lock extends Migration {
  override async up(): Promise<void> {
    this.addSql(BILL_BOUND_FUNCTION('perform 1 from bookings where id = target for no key update;'));
  }

  override async down(): Promise<void> {
    this.addSql(BILL_BOUND_FUNCTION('perform pg_advisory_xact_lock(1651076162, target);'));
  }
}

const BILL_BOUND_FUNCTION = (takeTurns: string) => `create or replace function booking_bill_within_bound() returns trigger language plpgsql as $$
      declare
        target int;
        bill numeric;
      begin
        -- Each branch names a field of its own table only: plpgsql resolves new.x when run.
        if tg_table_name = 'bookings' then target := new.id; else target := new.booking_id; end if;
        ${takeTurns}
        select b.total_amount + coalesce((select sum(f.amount) from folio_items f where f.booking_id = b.id), 0)
          into bill from bookings b where b.id = target;
        if abs(bill) > 9999999999.99 then
          raise exception 'the bill of booking % would be %, beyond 9999999999.99', target, bill
            using errcode = 'check_violation', constraint = 'bookings_bill_bound_check', table = 'bookings';
        end if;
        return null;
      end $$;`;
