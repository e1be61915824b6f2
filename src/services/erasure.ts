import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isVisibleTo } from '../auth/visibility';
import type { ImpactEntry } from '../deletion/delete-impact';
import { Customer, ERASED_NAME, erasedEmailOf } from '../entities/customer.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { audit } from '../kernel/audit';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';

/**
 * Guest erasure that keeps the books. An erased guest's record stays (its bookings,
 * payments and invoices are the hotel's fiscal records, kept for years), but everything
 * in it that says who the guest is goes: the names and email become a placeholder, the
 * phone and the staff account link are cleared, the free text that can name the guest is
 * scrubbed, and the stored answers and login attempts holding their data are deleted.
 * The preview (erasureImpactOf) and the act (eraseCustomer) read the same lists below, so
 * what the one announces is what the other does.
 */

/** Rows of one table the erasure keeps as they are, and why. */
export interface KeptRecords {
  table: string;
  count: number;
  reason: string;
}

export interface ErasureImpact {
  customerId: number;
  /** False once the guest is erased: an erasure happens once. */
  allowed: boolean;
  erasedAt: Date | null;
  placeholderName: string;
  placeholderEmail: string;
  /** One entry per (table, column): rows whose value is replaced by the placeholder, scrubbed of the guest's data, or cleared. */
  scrubs: ImpactEntry[];
  /** One entry per table: rows removed (column null). */
  deletes: ImpactEntry[];
  keeps: KeptRecords[];
}

/**
 * Free text that can hold a guest's personal data. `theirs` picks the guest's own rows
 * (of the row `t`, for the guest `guest`), where every part of their name is scrubbed;
 * `elsewhere` says other rows are searched too, for what names the guest alone (the full
 * name, the email, the phone), since a staff note or a desk notification may mention them.
 * A first name alone is not looked for in other guests' rows: it would scrub another Anna.
 */
interface ScrubbedText {
  table: string;
  column: string;
  json?: true;
  theirs: string | null;
  elsewhere: boolean;
}

const GUEST_BOOKINGS = '(select b.id from bookings b where b.customer_id = guest.id)';

/** Notifications for the guest, or about a record of theirs (a desk's note of their waitlist offer). */
const ABOUT_GUEST = `(t.customer_id = guest.id
  or (t.entity = 'CUSTOMER' and t.entity_id = guest.id::text)
  or (t.entity = 'BOOKING' and t.entity_id in (select b.id::text from bookings b where b.customer_id = guest.id))
  or (t.entity = 'WAITLIST_ENTRY' and t.entity_id in (select w.id::text from waitlist_entries w where w.customer_id = guest.id)))`;

export const SCRUBBED_TEXT: readonly ScrubbedText[] = [
  { table: 'bookings', column: 'cancellation_reason', theirs: 't.customer_id = guest.id', elsewhere: false },
  { table: 'booking_logs', column: 'details', json: true, theirs: `t.booking_id in ${GUEST_BOOKINGS}`, elsewhere: false },
  { table: 'folio_items', column: 'description', theirs: `t.booking_id in ${GUEST_BOOKINGS}`, elsewhere: false },
  { table: 'receivables', column: 'reason', theirs: `t.booking_id in ${GUEST_BOOKINGS}`, elsewhere: false },
  { table: 'loyalty_transactions', column: 'reason', theirs: 't.customer_id = guest.id', elsewhere: false },
  { table: 'notifications', column: 'message', theirs: ABOUT_GUEST, elsewhere: true },
  { table: 'housekeeping_tasks', column: 'notes', theirs: null, elsewhere: true },
  { table: 'maintenance_requests', column: 'description', theirs: null, elsewhere: true },
  // What a webhook receiver answered is its own text, which may echo a guest it looked up.
  { table: 'webhook_deliveries', column: 'last_response_body', theirs: null, elsewhere: true },
];

/** Rows that hold the guest's data and are the API's own bookkeeping, not the hotel's records: deleted. */
export const DELETED: readonly { table: string; rows: string }[] = [
  // A stored answer is replayed from entity references, which re-read the erased row; one that copied the data itself must go.
  { table: 'idempotency_records', rows: 't.response::text ~* guest.naming_json or t.scoped_key ~* guest.naming' },
  { table: 'login_attempts', rows: `lower(t.key) = 'email:' || guest.email` },
];

/**
 * The text columns erasure leaves as they are, and why none holds a guest's data; columns
 * of enums hold none either. With the lists above they account for every text column of
 * the schema (a test holds them to it), so whoever adds one says on which side it falls.
 */
export const LEFT_AS_IS: Readonly<Record<string, string>> = {
  'alert_deliveries.*': "alerts as sent: error codes, check names, counts and ids, and the delivery worker's own words; never a row's values",
  'alert_states.*': 'which error kinds and checks alerted, and when',
  'api_tokens.*': "the credentials of the hotel's integrations and of staff sessions",
  'audit_entries.*': "append-only, and written with ids and labels, never a guest's data (eraseCustomer refuses a reason that names the guest)",
  'booking_logs.action': 'the name of a change',
  'bookings.channel': 'the channel that sold the stay',
  'bookings.channel_reference': "the partner's own reservation number: it names the stay to the partner, not the guest",
  'change_events.*': 'the change feed: kinds of change, record ids, versions and channels, never a value of the record',
  'customers.channel': 'the partner that supplied the guest: the erased record stays theirs',
  'error_counts.*': 'counts of error codes',
  'error_minutes.*': 'counts of error codes per minute',
  'error_totals.*': 'counts of error codes',
  'integrity_changes.*': 'the ids and foreign keys of rows written, and their tables: never a value beside a key',
  'integrity_runs.*': "who asked for an integrity run (a token's label) and how it ended, in the report's own words",
  'integrity_run_checks.*':
    "check names, kinds, severities, the ids of rows that broke a check and the report's reason when one could not run, never a row's values",
  'integrity_run_totals.*': 'counts of integrity runs by outcome',
  'invoices.*': 'the fiscal record as issued: a number and a currency',
  'mikro_orm_migrations.*': "the schema's history",
  'notifications.kind': 'the kind of a message',
  'notifications.entity': 'the kind of record a message is about',
  'notifications.entity_id': 'the id of that record',
  'payments.currency': 'the currency paid in',
  'room_types.*': "the hotel's rooms",
  'rooms.*': "the hotel's rooms",
  'rate_seasons.*': "the hotel's prices",
  'scheduled_jobs.*': "the jobs' schedule",
  'users.*': "staff accounts: a guest's linked account is unlinked, not erased, being the hotel's record of a colleague",
  'webhook_endpoints.*': "a receiver's address, its secret and why it was disabled: the partner's or the hotel's set-up",
  'webhook_deliveries.last_error': "the delivery worker's own words (a refused address, a timeout, an HTTP status), never the receiver's text",
};

const KEPT: readonly (Omit<KeptRecords, 'count'> & { rows: string })[] = [
  {
    table: 'bookings',
    rows: 't.customer_id = guest.id',
    reason: 'Fiscal retention: the stays behind the invoices and payments. Dates, rooms and amounts stay; the guest reads as the placeholder.',
  },
  {
    table: 'payments',
    rows: `t.booking_id in ${GUEST_BOOKINGS}`,
    reason: 'Fiscal retention: amounts, refunds, methods and dates stay as they are.',
  },
  {
    table: 'invoices',
    rows: `t.booking_id in ${GUEST_BOOKINGS}`,
    reason: 'Fiscal retention (an invoice restricts the delete of its booking): numbers and amounts stay as issued.',
  },
  {
    table: 'folio_items',
    rows: `t.booking_id in ${GUEST_BOOKINGS}`,
    reason: "The bills' lines: amounts stay; a description loses the guest's data.",
  },
  { table: 'receivables', rows: `t.booking_id in ${GUEST_BOOKINGS}`, reason: 'Money left owing at check-out: the hotel still collects it.' },
  { table: 'loyalty_transactions', rows: 't.customer_id = guest.id', reason: 'The ledger the loyalty balance is the sum of: the points stay.' },
  { table: 'waitlist_entries', rows: 't.customer_id = guest.id', reason: 'A room type and dates, nothing personal.' },
  {
    table: 'audit_entries',
    rows: `coalesce(t.reason, '') ~* guest.naming or t.details::text ~* guest.naming_json or t.changes::text ~* guest.naming_json`,
    reason: 'The audit trail is append-only: these entries mention the guest and stay as they were written.',
  },
];

/** A term of a PostgreSQL regular expression matching `text` literally. */
const literally = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/** Any of `terms`, case aside, as whole words: not inside a longer word or number. */
const anyOf = (terms: readonly string[]) => `(?<![[:alnum:]])(?:${terms.join('|')})(?![[:alnum:]])`;

/** How JSON text spells a string's content (jsonb::text escapes quotes and backslashes so). */
const asInJson = (text: string) => JSON.stringify(text).slice(1, -1);

/** A single name shorter than this identifies nobody alone and is looked for only within the full name. */
const MIN_NAME_TERM = 2;

/**
 * The guest's personal data as patterns: `naming`, what names them alone (the full name
 * either way round, the email, the phone); `every`, that and each of their names.
 */
function patternsOf(customer: Customer) {
  const first = customer.firstName;
  const last = customer.lastName;
  const naming = (spell: (text: string) => string) => [
    `${literally(spell(first))}[[:space:]]+${literally(spell(last))}`,
    `${literally(spell(last))},?[[:space:]]+${literally(spell(first))}`,
    literally(spell(customer.email)),
    ...(customer.phone ? [literally(spell(customer.phone))] : []),
  ];
  const names = [first, last].filter((name) => name.length >= MIN_NAME_TERM).map(literally);
  return {
    every: anyOf([...naming((text) => text), ...names]),
    naming: anyOf(naming((text) => text)),
    namingJson: anyOf(naming(asInJson)),
  };
}

/** The statement's first part, naming the guest and the patterns once: every statement below reads `guest`. */
const GUEST = 'guest as (select ?::int as id, ?::text as email, ?::text as every, ?::text as naming, ?::text as naming_json)';
const guestValues = (customer: Customer, patterns: ReturnType<typeof patternsOf>) => [
  customer.id,
  customer.email,
  patterns.every,
  patterns.naming,
  patterns.namingJson,
];

/** The length a varchar column of `table` holds, so a longer placeholder never overflows it; undefined for text. */
function lengthOf(em: EntityManager, table: string, column: string): number | undefined {
  const meta = Object.values(em.getMetadata().getAll()).find((entity) => entity.tableName === table);
  const property = meta && Object.values(meta.properties).find((prop) => prop.fieldNames?.[0] === column);
  return property?.columnTypes?.[0]?.startsWith('varchar') ? property.length : undefined;
}

/** What the text of `place` becomes, and which rows change: SQL over `t` and `guest`. */
function scrubOf(em: EntityManager, place: ScrubbedText): { value: string; rows: string } {
  const pattern = place.theirs === null ? 'guest.naming' : place.elsewhere ? `case when ${place.theirs} then guest.every else guest.naming end` : 'guest.every';
  const column = `t.${place.column}`;
  const length = lengthOf(em, place.table, place.column);
  const replaced = place.json
    ? `scrub_jsonb_strings(${column}, ${pattern}, '${ERASED_NAME}')`
    : `regexp_replace(${column}, ${pattern}, '${ERASED_NAME}', 'gi')`;
  const value = length ? `left(${replaced}, ${length})` : replaced;
  const scope = place.theirs !== null && !place.elsewhere ? `${place.theirs} and ` : '';
  return { value, rows: `${scope}${column} is not null and ${value} is distinct from ${column}` };
}

/** The guest's own columns erasure overwrites, each with whether a row still differs from the placeholder there. */
export const CUSTOMER_COLUMNS: Readonly<Record<string, (customer: Customer) => boolean>> = {
  first_name: (customer) => customer.firstName !== ERASED_NAME,
  last_name: (customer) => customer.lastName !== ERASED_NAME,
  email: (customer) => customer.email !== erasedEmailOf(customer.id),
  phone: (customer) => customer.phone != null,
  user_id: (customer) => customer.user != null,
};

/** The guest's own row: each personal column that does not hold the placeholder yet. */
function customerScrubs(customer: Customer): ImpactEntry[] {
  return Object.entries(CUSTOMER_COLUMNS)
    .filter(([, differs]) => differs(customer))
    .map(([column]) => ({ table: 'customers', column, count: 1 }));
}

const nonZero = <T extends { count: number }>(entries: T[]) => entries.filter((entry) => entry.count > 0);

/** Counts, in one statement (one snapshot), what erasing `customer` would scrub, delete and keep. */
async function countImpact(em: EntityManager, customer: Customer, patterns: ReturnType<typeof patternsOf>): Promise<ErasureImpact> {
  const counts = [
    ...SCRUBBED_TEXT.map((place) => `(select count(*) from ${place.table} t where ${scrubOf(em, place).rows})::int`),
    ...DELETED.map((place) => `(select count(*) from ${place.table} t where ${place.rows})::int`),
    ...KEPT.map((place) => `(select count(*) from ${place.table} t where ${place.rows})::int`),
  ];
  const [row] = await em.execute<{ counts: number[] }[]>(
    `with ${GUEST} select array[${counts.join(', ')}] as counts from guest`,
    guestValues(customer, patterns),
  );
  const scrubbed = SCRUBBED_TEXT.map((place, i) => ({ table: place.table, column: place.column, count: row.counts[i] }));
  const deleted = DELETED.map((place, i) => ({ table: place.table, column: null, count: row.counts[SCRUBBED_TEXT.length + i] }));
  const kept = KEPT.map(({ table, reason }, i) => ({ table, reason, count: row.counts[SCRUBBED_TEXT.length + DELETED.length + i] }));
  return {
    customerId: customer.id,
    allowed: !customer.erasedAt,
    erasedAt: customer.erasedAt ?? null,
    placeholderName: ERASED_NAME,
    placeholderEmail: erasedEmailOf(customer.id),
    scrubs: [...customerScrubs(customer), ...nonZero(scrubbed)],
    deletes: nonZero(deleted),
    keeps: nonZero(kept),
  };
}

/** What erasing the customer would do, exactly; null when there is no such customer. */
export async function erasureImpactOf(em: EntityManager, customerId: number): Promise<ErasureImpact | null> {
  const customer = await em.findOne(Customer, { id: customerId }, { populate: ['user'] });
  return customer ? countImpact(em, customer, patternsOf(customer)) : null;
}

export interface EraseCustomerCommand {
  customerId: string;
  reason: string;
}

/**
 * Erases a guest's personal data and keeps the books, in one transaction: what the
 * preview counts, each statement reporting the rows it changed. The customer row is locked
 * before anything is read, so two erasures of one guest take turns and the second is
 * refused, and no booking can be made for the guest meanwhile. The audit
 * entry holds ids and counts only: the trail is append-only, and a reason that names the
 * guest would keep them there for good, so such a reason is refused.
 */
export const eraseCustomer = operation([NotFoundError, BusinessRuleError], async (ctx, command: EraseCustomerCommand) => {
  const check = new InputCheck();
  const customerId = check.id('customerId', command.customerId);
  const reason = check.text('reason', command.reason, { max: 1000 });
  check.done();

  // The guest's bookings first, then the guest: the order check-out takes. Every change to
  // a bill locks its booking, so none writes the guest's name there while they are erased.
  await ctx.em.execute('select b.id from bookings b where b.customer_id = ? order by b.id for update', [customerId!]);
  const customer = await ctx.em.findOne(Customer, { id: customerId! }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['user'] });
  if (!customer || !isVisibleTo(ctx.caller, customer.channel)) throw new NotFoundError('Customer', customerId!);
  if (customer.erasedAt) {
    throw new BusinessRuleError('customer_erased', `Customer ${customer.id} was erased already, on ${customer.erasedAt.toISOString()}.`);
  }
  const patterns = patternsOf(customer);
  await refuseReasonNaming(ctx, reason!, patterns.every);

  const { keeps } = await countImpact(ctx.em, customer, patterns);
  const scrubs = customerScrubs(customer);
  const values = guestValues(customer, patterns);
  for (const place of SCRUBBED_TEXT) {
    const { value, rows } = scrubOf(ctx.em, place);
    const count = await changedRows(ctx, `update ${place.table} t set ${place.column} = ${value} from guest where ${rows} returning 1`, values);
    scrubs.push({ table: place.table, column: place.column, count });
  }
  const deletes: ImpactEntry[] = [];
  for (const place of DELETED) {
    deletes.push({
      table: place.table,
      column: null,
      count: await changedRows(ctx, `delete from ${place.table} t using guest where ${place.rows} returning 1`, values),
    });
  }

  const unlinkedUserId = customer.user?.id ?? null;
  const erasedAt = new Date();
  Object.assign(customer, { firstName: ERASED_NAME, lastName: ERASED_NAME, email: erasedEmailOf(customer.id), phone: null, user: null, erasedAt });
  await ctx.em.flush();

  const impact: ErasureImpact = {
    customerId: customer.id,
    allowed: true,
    erasedAt,
    placeholderName: ERASED_NAME,
    placeholderEmail: erasedEmailOf(customer.id),
    scrubs: nonZero(scrubs),
    deletes: nonZero(deletes),
    keeps,
  };
  const auditEntry = audit(ctx, {
    action: 'ERASE_CUSTOMER',
    entity: 'CUSTOMER',
    entityId: customer.id,
    reason,
    before: { erasedAt: null, userId: unlinkedUserId },
    after: { erasedAt: erasedAt.toISOString(), userId: null },
    details: { scrubs: impact.scrubs, deletes: impact.deletes, keeps: keeps.map(({ table, count }) => ({ table, count })) },
  });
  return { customer, impact, auditEntry };
});

/** How many rows one data-modifying statement (`… returning 1`, over `guest`) changed. */
async function changedRows(ctx: OperationContext, statement: string, values: unknown[]): Promise<number> {
  const [{ n }] = await ctx.em.execute<{ n: number }[]>(`with ${GUEST}, changed as (${statement}) select count(*)::int as n from changed`, values);
  return n;
}

/** The reason is written to the append-only audit trail: it must not name the guest it erases. */
async function refuseReasonNaming(ctx: OperationContext, reason: string, every: string): Promise<void> {
  const [{ names }] = await ctx.em.execute<{ names: boolean }[]>('select ?::text ~* ?::text as names', [reason, every]);
  if (names) {
    const check = new InputCheck();
    check.fail('reason', "Must not contain the guest's name, email or phone: the reason stays in the audit trail, which cannot be changed.");
    check.done();
  }
}
