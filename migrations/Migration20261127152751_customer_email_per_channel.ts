import { Migration } from '@mikro-orm/migrations';

export class Migration20261127152751_customer_email_per_channel extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customers" drop constraint "customers_email_unique";`);

    this.addSql(`create unique index "customers_channel_email_unique" on "customers" (coalesce("channel", ''), "email");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "customers_channel_email_unique";`);

    this.addSql(`alter table "customers" add constraint "customers_email_unique" unique ("email");`);
  }
}
