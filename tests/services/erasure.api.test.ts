import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { AuditEntry } from '../../src/entities/audit-entry.entity';
import { BookingStatus } from '../../src/entities/booking.entity';
import { Customer } from '../../src/entities/customer.entity';
import { Notification } from '../../src/entities/notification.entity';
import { User } from '../../src/entities/user.entity';
import { CUSTOMER_COLUMNS, DELETED, LEFT_AS_IS, SCRUBBED_TEXT } from '../../src/services/erasure';
import { fixtures, useFixtures } from '../support/fixtures';
import { answer, mutate, mutationDocument, mutationVariables, sendMutation } from '../support/mutations';
import { useTestApi } from '../support/test-api';

const t = useTestApi();
const f = useFixtures(t);

const day = (offset: number) => addDays(today(), offset);
const IMPACT =
  'customerId allowed erasedAt placeholderName placeholderEmail scrubs { table column count } deletes { table column count } keeps { table count reason }';
const ERASED = `customer { id firstName lastName email phone erasedAt user { id } } impact { ${IMPACT} } auditEntry { id actor action entity entityId reason details }`;

const erase = (input: Record<string, unknown>, token?: string) => mutate(t, 'eraseCustomer', input, ERASED, token);

async function impactOf(customerId: number | string, token?: string) {
  const response = await t.graphql(`query ($id: ID!) { erasureImpact(customerId: $id) { ${IMPACT} } }`, { id: String(customerId) }, { token });
  return response;
}

/** A mutation sent with an Idempotency-Key header, as a partner's retrying client sends it. */
async function keyed(name: string, input: Record<string, unknown>, selection: string, key: string) {
  const response = await sendMutation(t, name, input, selection, { headers: { 'idempotency-key': key } });
  expect(response.errors).toBeUndefined();
  return response.data?.[name];
}

/** Where in the whole schema any of `needles` still appears: every text, varchar, char and json(b) column of every table, case aside. */
async function whereFound(needles: readonly string[]): Promise<string[]> {
  const columns = await t.database.rows<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
     where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json', 'jsonb') order by 1, 2`,
  );
  expect(columns.length).toBeGreaterThan(40);
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await t.database.rows<{ needle: string }>(
      `select n as needle from unnest($1::text[]) n where exists (select 1 from "${table}" t where t."${column}"::text ilike '%' || n || '%')`,
      [needles],
    );
    found.push(...rows.map((row) => `${table}.${column}: ${row.needle}`));
  }
  return found;
}

/** The books of a guest, straight from PostgreSQL: what erasure must leave exactly as it was. */
async function booksOf(customerId: number) {
  const rows = async (query: string) => t.database.rows(query, [customerId]);
  return {
    bookings: await rows(
      'select id, room_id, check_in::text, check_out::text, status, total_amount::text, nightly_rate::text from bookings where customer_id = $1 order by id',
    ),
    payments: await rows(
      'select p.id, p.booking_id, p.amount::text, p.refunded_amount::text, p.method, p.status from payments p join bookings b on b.id = p.booking_id where b.customer_id = $1 order by p.id',
    ),
    invoices: await rows(
      'select i.id, i.booking_id, i.number, i.amount::text, i.currency from invoices i join bookings b on b.id = i.booking_id where b.customer_id = $1 order by i.id',
    ),
    folio: await rows(
      'select f.id, f.booking_id, f.kind, f.amount::text from folio_items f join bookings b on b.id = f.booking_id where b.customer_id = $1 order by f.id',
    ),
  };
}

interface Guest {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  userId: number;
  checkedOutId: number;
}

/**
 * A guest with a history that spreads their name everywhere the API lets it go: created
 * and updated with stored idempotent answers, linked to a staff account, a stay checked
 * out with a charge naming them, two payments and an invoice, a confirmed stay, a stay
 * cancelled with a reason naming them, a waitlist wish, a notification to them and a
 * desk's one about them, a housekeeping note, a failed login with their email, and a
 * stored answer of an older shape that copied their email.
 */
async function guestWithHistory(names: { firstName: string; lastName: string; email: string; phone: string }, tag: string): Promise<Guest> {
  const em = t.em();
  const f = fixtures(em);
  const user = await f.user({ name: 'Desk Colleague' });
  const created = await keyed(
    'createCustomer',
    { ...names, email: names.email.toUpperCase(), userId: String(user.id) },
    'customer { id firstName email }',
    `${tag}-create`,
  );
  const id = Number(created.customer.id);
  await keyed('updateCustomer', { id: String(id), firstName: names.firstName, phone: names.phone }, 'customer { id firstName phone }', `${tag}-update`);
  const type = await f.roomType({ capacity: 2, baseRate: '100.00' });
  const [r1, r2, r3] = [await f.room(type), await f.room(type), await f.room(type)];
  const customer = await em.findOneOrFail(Customer, id);

  // A stay of two nights checked out today: 200.00 room, 30.00 dinner, paid in two payments.
  const stay = await f.booking(r1, customer, -2, 2, { status: BookingStatus.CHECKED_IN });
  const bookingId = String(stay.id);
  await mutate(t, 'addFolioItem', { bookingId, description: `Dinner for ${names.firstName} ${names.lastName}`, amount: '30.00' }, 'folioItem { id }');
  await mutate(t, 'recordPayment', { bookingId, amount: '130.00', method: 'CARD' }, 'payment { id }');
  await mutate(t, 'recordPayment', { bookingId, amount: '100.00', method: 'CASH' }, 'payment { id }');
  expect((await mutate(t, 'checkOutBooking', { bookingId }, 'booking { status }')).booking.status).toBe('CHECKED_OUT');

  const book = (roomId: number, offset: number, key: string) =>
    keyed(
      'createBooking',
      { roomId: String(roomId), customerId: String(id), checkIn: day(offset), checkOut: day(offset + 2), numGuests: 1 },
      'booking { id status }',
      key,
    );
  await book(r2.id, 10, `${tag}-book`);
  const cancelled = await book(r3.id, 20, `${tag}-book-cancelled`);
  await mutate(
    t,
    'cancelBooking',
    { bookingId: cancelled.booking.id, reason: `${names.firstName} ${names.lastName} called: change of plans` },
    'booking { status }',
  );
  await mutate(t, 'joinWaitlist', { customerId: String(id), roomTypeId: String(type.id), checkIn: day(30), checkOut: day(31), numGuests: 1 }, 'entry { id }');
  await mutate(
    t,
    'createHousekeepingTask',
    { roomId: String(r1.id), kind: 'CLEANING', notes: `Extra pillows for ${names.firstName.toLowerCase()} ${names.lastName.toLowerCase()}` },
    'task { id }',
  );
  em.create(Notification, { customer: id, kind: 'WAITLIST_AVAILABLE', message: `Dear ${names.firstName}, room ${r1.number} is free from ${day(30)}.` });
  em.create(Notification, { user, kind: 'CALL_BACK', message: `Call ${names.firstName} ${names.lastName} back on ${names.phone}.` });
  await em.flush();
  const refused = await mutate(t, 'login', { email: names.email, password: 'not-the-password' }, { members: '' });
  expect(refused).toEqual({ __typename: 'InvalidCredentialsError' });
  await t.database.sql.query(
    `insert into idempotency_records (scoped_key, request_hash, response, expires_at) values ($1, 'x', $2, now() + interval '1 day')`,
    [`token:1|legacy|${tag}`, JSON.stringify({ guest: { email: names.email.toLowerCase(), note: `for ${names.firstName} ${names.lastName}` } })],
  );
  return { id, ...names, email: names.email.toLowerCase(), userId: user.id, checkedOutId: stay.id };
}

describe('eraseCustomer', () => {
  it('leaves the guest’s personal data in no text or JSON column of any table, keeps the books to the cent, and the integrity report passes', async () => {
    const guest = await guestWithHistory(
      { firstName: 'Zebulon', lastName: 'Quixotefield', email: 'Zebulon.Quixotefield@Erase-Me.test', phone: '+44 20 7946 0958' },
      'g1',
    );
    const needles = ['Zebulon', 'Quixotefield', guest.email, '7946 0958'];
    expect((await whereFound(needles)).length).toBeGreaterThan(8);
    const books = await booksOf(guest.id);
    expect(books).toMatchObject({ bookings: { length: 3 }, payments: { length: 2 }, invoices: [{ amount: '230.00' }] });

    const preview = await impactOf(guest.id);
    expect(preview.errors).toBeUndefined();
    const expected = {
      customerId: String(guest.id),
      placeholderName: 'Erased',
      placeholderEmail: `erased-${guest.id}@erased.invalid`,
      scrubs: [
        { table: 'customers', column: 'first_name', count: 1 },
        { table: 'customers', column: 'last_name', count: 1 },
        { table: 'customers', column: 'email', count: 1 },
        { table: 'customers', column: 'phone', count: 1 },
        { table: 'customers', column: 'user_id', count: 1 },
        { table: 'bookings', column: 'cancellation_reason', count: 1 },
        // The charge posted with the guest's name, and the cancellation with its reason.
        { table: 'booking_logs', column: 'details', count: 2 },
        { table: 'folio_items', column: 'description', count: 1 },
        { table: 'notifications', column: 'message', count: 2 },
        { table: 'housekeeping_tasks', column: 'notes', count: 1 },
      ],
      deletes: [
        { table: 'idempotency_records', column: null, count: 1 },
        { table: 'login_attempts', column: null, count: 1 },
      ],
      keeps: [
        { table: 'bookings', count: 3, reason: expect.stringContaining('Fiscal retention') },
        { table: 'payments', count: 2, reason: expect.stringContaining('Fiscal retention') },
        { table: 'invoices', count: 1, reason: expect.stringContaining('Fiscal retention') },
        { table: 'folio_items', count: 1, reason: expect.any(String) },
        { table: 'loyalty_transactions', count: 1, reason: expect.any(String) },
        { table: 'waitlist_entries', count: 1, reason: expect.any(String) },
      ],
    };
    expect(preview.data?.erasureImpact).toEqual({ ...expected, allowed: true, erasedAt: null });

    const before = Date.now();
    const erased = await erase({ customerId: String(guest.id), reason: 'Erasure request by letter of 2 December, ticket 4711' });
    expect(erased).toEqual({
      __typename: 'EraseCustomerSuccess',
      customer: {
        id: String(guest.id),
        firstName: 'Erased',
        lastName: 'Erased',
        email: `erased-${guest.id}@erased.invalid`,
        phone: null,
        erasedAt: expect.any(String),
        user: null,
      },
      // What the preview said, row for row.
      impact: { ...preview.data?.erasureImpact, erasedAt: erased.customer.erasedAt },
      auditEntry: {
        id: expect.any(String),
        actor: expect.stringContaining('test admin'),
        action: 'ERASE_CUSTOMER',
        entity: 'CUSTOMER',
        entityId: String(guest.id),
        reason: 'Erasure request by letter of 2 December, ticket 4711',
        details: {
          scrubs: expected.scrubs,
          deletes: expected.deletes,
          keeps: expected.keeps.map(({ table, count }) => ({ table, count })),
        },
      },
    });
    expect(new Date(erased.customer.erasedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);

    expect(await whereFound(needles)).toEqual([]);
    // The free text keeps what it said of the stay, with the guest's name put out of it.
    const texts = await t.database.rows(
      `select b.cancellation_reason as text from bookings b where b.customer_id = $1 and b.cancellation_reason is not null
       union all select f.description from folio_items f join bookings b on b.id = f.booking_id where b.customer_id = $1
       union all select l.details->>'description' from booking_logs l join bookings b on b.id = l.booking_id where b.customer_id = $1 and l.action = 'CHARGE_POSTED'
       union all select n.message from notifications n where n.kind = 'CALL_BACK' and n.user_id = $2`,
      [guest.id, guest.userId],
    );
    expect(texts.map((row) => row.text)).toEqual(['Erased called: change of plans', 'Dinner for Erased', 'Dinner for Erased', 'Call Erased back on Erased.']);
    expect(await booksOf(guest.id)).toEqual(books);
    // The staff account is unlinked, not touched: it is the hotel's record of a colleague.
    const user = await t.em().findOneOrFail(User, guest.userId);
    expect({ name: user.name, active: user.active }).toEqual({ name: 'Desk Colleague', active: true });
    const audit = await t.em().findOneOrFail(AuditEntry, Number(erased.auditEntry.id));
    expect(audit.changes).toEqual({
      erasedAt: { before: null, after: erased.customer.erasedAt },
      userId: { before: guest.userId, after: null },
    });

    const report = await t.graphql('{ integrityReport { ok checks { name passed } } }', {}, { constraintNames: true });
    expect(report.errors).toBeUndefined();
    expect(report.data?.integrityReport.checks.filter((check: { passed: boolean }) => !check.passed)).toEqual([]);
    expect(report.data?.integrityReport.ok).toBe(true);

    // Replays of the stored answers re-read the erased row: no guest is created again, and nobody reads the name.
    const replayed = await keyed(
      'createCustomer',
      { firstName: guest.firstName, lastName: guest.lastName, email: guest.email.toUpperCase(), phone: guest.phone, userId: String(guest.userId) },
      'customer { id firstName email }',
      'g1-create',
    );
    expect(replayed).toEqual({
      __typename: 'CreateCustomerSuccess',
      customer: { id: String(guest.id), firstName: 'Erased', email: `erased-${guest.id}@erased.invalid` },
    });
    expect(await whereFound(needles)).toEqual([]);
  });

  it('answers a preview of the erased guest with allowed false, nothing left to scrub, and refuses a second erasure', async () => {
    const guest = await guestWithHistory({ firstName: 'Ottilie', lastName: 'Vandersnoot', email: 'ottilie@erase-me.test', phone: '555 0101' }, 'g2');
    const first = await erase({ customerId: String(guest.id), reason: 'Request 1' });
    expect(first.__typename).toBe('EraseCustomerSuccess');
    const preview = (await impactOf(guest.id)).data?.erasureImpact;
    expect(preview).toMatchObject({ allowed: false, erasedAt: first.customer.erasedAt, scrubs: [], deletes: [] });
    const audits = await t.em().count(AuditEntry, { action: 'ERASE_CUSTOMER', entityId: String(guest.id) });

    expect(await erase({ customerId: String(guest.id), reason: 'Request 2' })).toEqual(
      answer.businessRule('customer_erased', `Customer ${guest.id} was erased already, on ${first.customer.erasedAt}.`),
    );
    expect(await t.em().count(AuditEntry, { action: 'ERASE_CUSTOMER', entityId: String(guest.id) })).toBe(audits);
  });

  it('refuses a reason that names the guest, since the audit trail keeps it for good, and changes nothing', async () => {
    const customer = await f.customer({ firstName: 'Philomena', lastName: 'Cartwheel', email: 'philomena@erase-me.test' });
    const message = "Must not contain the guest's name, email or phone: the reason stays in the audit trail, which cannot be changed.";
    for (const reason of ['Philomena Cartwheel asked by phone', 'mail from PHILOMENA@erase-me.test', 'Cartwheel, by letter']) {
      expect(await erase({ customerId: String(customer.id), reason })).toEqual(answer.validation([{ path: ['input', 'reason'], message }]));
    }
    // A word that merely contains a name part is not the name.
    expect((await erase({ customerId: String(customer.id), reason: 'Cartwheels are not names' })).__typename).toBe('EraseCustomerSuccess');
  });

  it('answers bad input and unknown guests with ValidationError and NotFoundError', async () => {
    expect(await erase({ customerId: 'x', reason: ' ' })).toEqual(
      answer.validation([
        { path: ['input', 'customerId'], message: 'Not a valid id.' },
        { path: ['input', 'reason'], message: 'Must not be blank.' },
      ]),
    );
    expect(await erase({ customerId: '999999', reason: 'Request' })).toEqual(answer.notFound('Customer', 999999, 'No customer with id 999999.'));
    const missing = await impactOf(999999);
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is an administrator’s: staff and partners are FORBIDDEN the preview and the erasure, and nothing changes', async () => {
    const customer = await f.customer({ channel: 'partner-a' });
    for (const token of [t.tokens.staff, t.tokens.partner]) {
      const preview = await impactOf(customer.id, token);
      expect(preview.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      const refused = await t.graphql(
        mutationDocument('eraseCustomer', 'customer { id }'),
        mutationVariables('eraseCustomer', { customerId: String(customer.id), reason: 'r' }),
        {
          token,
        },
      );
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await t.em().findOneOrFail(Customer, customer.id)).erasedAt).toBeNull();
  });

  it('says which audit entries mention the guest: the trail is append-only, so they are kept as written', async () => {
    const customer = await f.customer({ firstName: 'Wilhelmina', lastName: 'Bramblethorpe', email: 'wilhelmina@erase-me.test' });
    const room = await f.room(await f.roomType());
    const stay = await f.booking(room, customer, -1, 1, { status: BookingStatus.CHECKED_IN });
    // An administrator lets the guest leave owing, naming them in the reason: a receivable, and an audit entry.
    await mutate(t, 'checkOutBooking', { bookingId: String(stay.id), openBalanceReason: 'Wilhelmina Bramblethorpe pays by transfer' }, 'booking { status }');
    const preview = (await impactOf(customer.id)).data?.erasureImpact;
    expect(preview.scrubs).toContainEqual({ table: 'receivables', column: 'reason', count: 1 });
    expect(preview.keeps).toContainEqual({ table: 'audit_entries', count: 1, reason: expect.stringContaining('append-only') });
    expect(preview.keeps).toContainEqual({ table: 'receivables', count: 1, reason: expect.any(String) });
  });
});

describe('scrubbing free text', () => {
  it('never overflows a column when the placeholder is longer than the name it replaces', async () => {
    const customer = await f.customer({ firstName: 'Bo', lastName: 'Ng', email: 'bo.ng@erase-me.test' });
    const stay = await f.booking(await f.room(await f.roomType()), customer, 5, 1);
    const description = `${'x'.repeat(197)} Ng`;
    expect(description).toHaveLength(200);
    await mutate(t, 'addFolioItem', { bookingId: String(stay.id), description, amount: '1.00' }, 'folioItem { id }');
    expect((await erase({ customerId: String(customer.id), reason: 'Request' })).impact.scrubs).toContainEqual({
      table: 'folio_items',
      column: 'description',
      count: 1,
    });
    const [item] = await t.database.rows('select description from folio_items where booking_id = $1', [stay.id]);
    expect(item.description).toBe(`${'x'.repeat(197)} Er`);
  });
});

describe('an erased guest', () => {
  it('is not found by the customers list or its search, but is still the customer of its bookings', async () => {
    const customer = await f.customer({ firstName: 'Cornelius', lastName: 'Pettigrew', email: 'cornelius@erase-me.test' });
    const search = async (text: string) => {
      const response = await t.graphql('query ($s: String) { customers(search: $s, first: 100) { nodes { id } } }', { s: text });
      expect(response.errors).toBeUndefined();
      return response.data?.customers.nodes.map((node: { id: string }) => node.id);
    };
    expect(await search('Pettigrew')).toEqual([String(customer.id)]);
    await erase({ customerId: String(customer.id), reason: 'Request' });
    expect(await search('Pettigrew')).toEqual([]);
    expect(await search('Erased')).toEqual([]);
    expect(await search(`erased-${customer.id}`)).toEqual([]);
    // Without a search too: the list is of guests, and an erased one is a placeholder.
    const all = await t.graphql('{ customers(first: 100) { nodes { id } totalCount } }');
    expect(all.data?.customers.nodes).not.toContainEqual({ id: String(customer.id) });
    const one = await t.graphql('query ($id: ID!) { customer(id: $id) { id firstName erasedAt } }', { id: String(customer.id) });
    expect(one.data?.customer).toEqual({ id: String(customer.id), firstName: 'Erased', erasedAt: expect.any(String) });
  });

  it('cannot be updated: a BusinessRuleError from the API, and PostgreSQL refuses it too, and refuses an erasure undone', async () => {
    const customer = await f.customer({ firstName: 'Hortensia', lastName: 'Quill', email: 'hortensia@erase-me.test' });
    await erase({ customerId: String(customer.id), reason: 'Request' });
    expect(await mutate(t, 'updateCustomer', { id: String(customer.id), firstName: 'Hortensia' }, 'customer { id }')).toEqual(
      answer.businessRule('customer_erased', `Customer ${customer.id} was erased: the record keeps no personal data and cannot be changed.`),
    );
    const refusal = async (statement: string) => {
      try {
        await t.database.sql.query(statement, [customer.id]);
        return undefined;
      } catch (error) {
        const { code, constraint } = error as { code: string; constraint: string };
        return { code, constraint };
      }
    };
    const checkViolation = { code: '23514', constraint: 'customers_erased_check' };
    expect(await refusal(`update customers set first_name = 'Hortensia' where id = $1`)).toEqual(checkViolation);
    expect(await refusal(`update customers set phone = '555 0100' where id = $1`)).toEqual(checkViolation);
    expect(await refusal(`update customers set erased_at = null, first_name = 'Hortensia' where id = $1`)).toEqual(checkViolation);
    expect(await refusal(`update customers set erased_at = null where id = $1`)).toEqual(checkViolation);
    expect(await refusal(`update customers set loyalty_points = loyalty_points where id = $1`)).toBeUndefined();
    expect((await t.em().findOneOrFail(Customer, customer.id)).firstName).toBe('Erased');
  });
});

describe('what erasure looks at', () => {
  it('accounts for every text and JSON column of the schema: overwritten, scrubbed, deleted with its row, an enum, or said to hold no guest data', async () => {
    const columns = await t.database.rows<{ name: string }>(
      `select table_name || '.' || column_name as name from information_schema.columns
       where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json', 'jsonb') order by 1`,
    );
    const enums = Object.values(t.orm.getMetadata().getAll()).flatMap((meta) =>
      Object.values(meta.properties)
        .filter((prop) => prop.enum)
        .map((prop) => `${meta.tableName}.${prop.fieldNames[0]}`),
    );
    const accounted = new Set([
      ...Object.keys(CUSTOMER_COLUMNS).map((column) => `customers.${column}`),
      ...SCRUBBED_TEXT.map((place) => `${place.table}.${place.column}`),
      ...enums,
      ...Object.keys(LEFT_AS_IS),
    ]);
    const wholeTables = new Set([
      ...DELETED.map((place) => place.table),
      ...Object.keys(LEFT_AS_IS)
        .filter((key) => key.endsWith('.*'))
        .map((key) => key.slice(0, -2)),
    ]);
    const unaccounted = columns.map((column) => column.name).filter((name) => !accounted.has(name) && !wholeTables.has(name.split('.')[0]));
    expect(unaccounted).toEqual([]);
  });
});
