import { Migration } from '@mikro-orm/migrations';

export class Migration20261202005012_list_order_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "customers_name_index" on "customers" ("last_name", "first_name", "id");`);

    this.addSql(`drop index "bookings_check_in_index";`);

    this.addSql(`create index "bookings_check_in_id_index" on "bookings" ("check_in", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "bookings_check_in_id_index";`);

    this.addSql(`create index "bookings_check_in_index" on "bookings" ("check_in");`);

    this.addSql(`drop index "customers_name_index";`);
  }
}
