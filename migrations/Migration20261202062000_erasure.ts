import { Migration } from '@mikro-orm/migrations';

/**
 * Guest erasure and loyalty redemption. An erased customer (erased_at set) holds the
 * placeholder and nothing personal (customers_erased_check), and stays erased (a trigger
 * refuses clearing or moving erased_at, under the same constraint name so the API answers
 * it as one rule). scrub_jsonb_strings rewrites the string values of a JSON document, never
 * its keys, so erasure can take a guest's name out of a log line's details and leave its
 * shape. A folio item may now be a loyalty redemption, and such an item is always a credit.
 */
export class Migration20261202062000_erasure extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "customers" add column "erased_at" timestamptz null;`);
    this.addSql(
      `alter table "customers" add constraint customers_erased_check check(erased_at is null or (first_name = 'Erased' and last_name = 'Erased' and email = 'erased-' || id || '@erased.invalid' and phone is null and user_id is null));`,
    );
    this.addSql(`create function customers_erasure_is_final() returns trigger language plpgsql as $$
      begin
        raise exception 'customer % was erased; an erasure cannot be undone', old.id
          using errcode = 'check_violation', constraint = 'customers_erased_check', table = 'customers';
      end $$;`);
    this.addSql(`create trigger customers_erasure_final before update of erased_at on "customers"
      for each row when (old.erased_at is not null and new.erased_at is distinct from old.erased_at)
      execute function customers_erasure_is_final();`);

    // Recursive, so plpgsql: a SQL function's body is checked at creation, when it does not exist yet.
    this.addSql(`create function scrub_jsonb_strings(document jsonb, pattern text, placeholder text) returns jsonb
      language plpgsql immutable strict as $$
      begin
        return case jsonb_typeof(document)
          when 'string' then to_jsonb(regexp_replace(document #>> '{}', pattern, placeholder, 'gi'))
          when 'object' then (select coalesce(jsonb_object_agg(e.key, scrub_jsonb_strings(e.value, pattern, placeholder)), '{}'::jsonb) from jsonb_each(document) e)
          when 'array' then (select coalesce(jsonb_agg(scrub_jsonb_strings(e.value, pattern, placeholder) order by e.position), '[]'::jsonb)
                             from jsonb_array_elements(document) with ordinality as e(value, position))
          else document
        end;
      end $$;`);

    this.addSql(`alter table "folio_items" drop constraint "folio_items_kind_check";`);
    this.addSql(
      `alter table "folio_items" add constraint "folio_items_kind_check" check ("kind" in ('CHARGE', 'CANCELLATION_FEE', 'NO_SHOW_FEE', 'EARLY_DEPARTURE', 'LOYALTY_REDEMPTION'));`,
    );
    this.addSql(`alter table "folio_items" add constraint folio_items_loyalty_credit_check check(kind <> 'LOYALTY_REDEMPTION' or amount < 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "folio_items" drop constraint folio_items_loyalty_credit_check;`);
    // A redemption's credit stays on the bill as a plain credit.
    this.addSql(`update "folio_items" set "kind" = 'CHARGE' where "kind" = 'LOYALTY_REDEMPTION';`);
    this.addSql(`alter table "folio_items" drop constraint "folio_items_kind_check";`);
    this.addSql(
      `alter table "folio_items" add constraint "folio_items_kind_check" check ("kind" in ('CHARGE', 'CANCELLATION_FEE', 'NO_SHOW_FEE', 'EARLY_DEPARTURE'));`,
    );

    this.addSql(`drop function scrub_jsonb_strings(jsonb, text, text);`);

    this.addSql(`drop trigger customers_erasure_final on "customers";`);
    this.addSql(`drop function customers_erasure_is_final();`);
    this.addSql(`alter table "customers" drop constraint customers_erased_check;`);
    this.addSql(`alter table "customers" drop column "erased_at";`);
  }
}
