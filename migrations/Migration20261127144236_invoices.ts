import { Migration } from '@mikro-orm/migrations';

export class Migration20261127144236_invoices extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "invoices" ("id" serial primary key, "booking_id" int not null, "number" varchar(40) not null, "amount" numeric(12,2) not null, "currency" char(3) not null, "issued_at" timestamptz not null default current_timestamp, constraint invoices_currency_check check (currency ~ '^[A-Z]{3}$'), constraint invoices_amount_check check (amount >= 0));`,
    );
    this.addSql(`alter table "invoices" add constraint "invoices_booking_id_unique" unique ("booking_id");`);
    this.addSql(`alter table "invoices" add constraint "invoices_number_unique" unique ("number");`);

    this.addSql(
      `alter table "invoices" add constraint "invoices_booking_id_foreign" foreign key ("booking_id") references "bookings" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "invoices" cascade;`);
  }
}
