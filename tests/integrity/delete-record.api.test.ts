import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { loadConfig } from '../../src/config';
import { AuditEntry } from '../../src/entities/audit-entry.entity';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { BookingLog } from '../../src/entities/booking-log.entity';
import { Customer } from '../../src/entities/customer.entity';
import { FolioItem } from '../../src/entities/folio-item.entity';
import { Invoice } from '../../src/entities/invoice.entity';
import { LoyaltyTransaction } from '../../src/entities/loyalty-transaction.entity';
import { Payment } from '../../src/entities/payment.entity';
import { Role } from '../../src/entities/role';
import { Room } from '../../src/entities/room.entity';
import { User } from '../../src/entities/user.entity';
import { deleteRecord } from '../../src/integrity/delete-record';
import { createLogger } from '../../src/logging/logger';
import { fixtures } from '../support/fixtures';
import { mutationDocument } from '../support/mutations';
import { useTestApi } from '../support/test-api';

const t = useTestApi();

const IMPACT = `query ($entity: DeletableEntity!, $id: ID!) { deleteImpact(entity: $entity, id: $id) { entity id allowed token deletes { table column count } nullifies { table column count } blockers { table column count sampleIds } } }`;
const DELETE = mutationDocument('deleteRecord', {
  members: `... on DeleteRecordSuccess { impact { allowed deletes { table count } nullifies { table column count } } auditEntry { id action entity entityId reason actor details } }
  ... on ClassifiedError { code message }
  ... on RestrictedError { blockers { table column count sampleIds } }
  ... on ImpactChangedError { impact { allowed token blockers { table column count sampleIds } } }
  ... on ValidationError { fieldErrors { path message } }
  ... on NotFoundError { entity id }`,
});

const impactOf = async (entity: string, id: number, token = t.tokens.admin) =>
  (await t.graphql(IMPACT, { entity, id: String(id) }, { token })).data?.deleteImpact;
const remove = (input: Record<string, unknown>, token = t.tokens.admin) => t.graphql(DELETE, { input }, { token });

/** A guest with one booking carrying two payments, a charge, a log line and loyalty points. */
async function guestWithStay() {
  const em = t.em();
  const f = fixtures(em);
  const room = await em.findOneOrFail(Room, (await f.room(await f.roomType())).id, { populate: ['roomType'] });
  const customer = await f.customer();
  const booking = await f.booking(room, customer, 5, 2);
  await f.payment(booking, '50.00');
  await f.payment(booking, '25.00');
  em.create(FolioItem, { booking, description: 'Spa', amount: '30.00' });
  em.create(BookingLog, { booking, action: 'CREATED' });
  em.create(LoyaltyTransaction, { customer, booking, points: 40, reason: 'stay' });
  await em.flush();
  return { room, customer, booking };
}

describe('the rule table, one delete per rule', () => {
  it('CASCADE: deleting a booking removes its payments, charges and log lines; SET NULL keeps the loyalty points, unlinked', async () => {
    const { booking, customer } = await guestWithStay();
    const preview = await impactOf('BOOKING', booking.id);
    expect(preview).toMatchObject({
      allowed: true,
      deletes: [
        { table: 'booking_logs', column: null, count: 1 },
        { table: 'bookings', column: null, count: 1 },
        { table: 'folio_items', column: null, count: 1 },
        { table: 'payments', column: null, count: 2 },
      ],
      nullifies: [{ table: 'loyalty_transactions', column: 'booking_id', count: 1 }],
      blockers: [],
    });
    const { data } = await remove({ entity: 'BOOKING', id: String(booking.id) });
    expect(data?.deleteRecord.__typename).toBe('DeleteRecordSuccess');
    const em = t.em();
    expect(await em.count(Payment, { booking: booking.id })).toBe(0);
    expect(await em.count(Booking, { id: booking.id })).toBe(0);
    const points = await em.find(LoyaltyTransaction, { customer: customer.id });
    expect(points.map((p) => [p.points, p.booking])).toEqual([[40, null]]);
  });

  it('RESTRICT: a room with bookings, or a room type with rooms, cannot be deleted; the blockers say which rows', async () => {
    const { room, booking } = await guestWithStay();
    expect(await impactOf('ROOM', room.id)).toMatchObject({
      allowed: false,
      blockers: [{ table: 'bookings', column: 'room_id', count: 1, sampleIds: [String(booking.id)] }],
    });
    const refused = await remove({ entity: 'ROOM', id: String(room.id) });
    expect(refused.data?.deleteRecord).toMatchObject({
      __typename: 'RestrictedError',
      code: 'DELETE_RESTRICTED',
      blockers: [{ table: 'bookings', column: 'room_id', count: 1, sampleIds: [String(booking.id)] }],
    });
    const typeRefused = await remove({ entity: 'ROOM_TYPE', id: String(room.roomType.id), reason: 'Renovation' });
    expect(typeRefused.data?.deleteRecord).toMatchObject({
      __typename: 'RestrictedError',
      // Its bookings hold the type too, with a room or without.
      blockers: [
        { table: 'bookings', column: 'room_type_id', count: 1, sampleIds: [String(booking.id)] },
        { table: 'rooms', column: 'room_type_id', count: 1, sampleIds: [String(room.id)] },
      ],
    });
    expect(await t.em().count(Room, { id: room.id })).toBe(1);
  });

  it('RESTRICT reached through a cascade: a guest whose stay has an invoice cannot be deleted', async () => {
    const { customer, booking } = await guestWithStay();
    const em = t.em();
    em.create(Invoice, { booking: booking.id, number: `INV-T-${booking.id}`, amount: '230.00', currency: 'EUR' });
    await em.flush();
    const invoice = await t.em().findOneOrFail(Invoice, { booking: booking.id });
    const { data } = await remove({ entity: 'CUSTOMER', id: String(customer.id), reason: 'GDPR request' });
    expect(data?.deleteRecord).toMatchObject({
      __typename: 'RestrictedError',
      blockers: [{ table: 'invoices', column: 'booking_id', count: 1, sampleIds: [String(invoice.id)] }],
    });
    expect(await t.em().count(Customer, { id: customer.id })).toBe(1);
  });
});

describe('multi-path graphs', () => {
  it('a user who is also a customer: own bookings (cancelled by themselves, paid through themselves) are removed, not nulled; others are nulled', async () => {
    const em = t.em();
    const f = fixtures(em);
    const user = await f.user({ role: Role.STAFF });
    const self = await f.customer({ user });
    const stranger = await f.customer();
    const room = await em.findOneOrFail(Room, (await f.room(await f.roomType())).id, { populate: ['roomType'] });
    const own = await f.booking(room, self, 5, 2, { status: BookingStatus.CANCELLED });
    const other = await f.booking(room, stranger, 10, 2, { status: BookingStatus.CANCELLED });
    own.cancelledBy = user;
    other.cancelledBy = user;
    em.create(Payment, { booking: own, amount: '10.00', currency: 'EUR', method: 'CARD' as never, processedBy: user });
    em.create(Payment, { booking: other, amount: '10.00', currency: 'EUR', method: 'CARD' as never, processedBy: user });
    await em.flush();

    const preview = await impactOf('USER', user.id);
    expect(preview).toMatchObject({
      allowed: true,
      deletes: [
        { table: 'bookings', column: null, count: 1 },
        { table: 'customers', column: null, count: 1 },
        { table: 'payments', column: null, count: 1 },
        { table: 'users', column: null, count: 1 },
      ],
      nullifies: [
        { table: 'bookings', column: 'cancelled_by_id', count: 1 },
        { table: 'payments', column: 'processed_by_id', count: 1 },
      ],
    });
    const { data } = await remove({ entity: 'USER', id: String(user.id), reason: 'Left the hotel' });
    expect(data?.deleteRecord.impact).toMatchObject({
      deletes: preview.deletes.map(({ table, count }: { table: string; count: number }) => ({ table, count })),
      nullifies: preview.nullifies,
    });
    const check = t.em();
    expect(await check.count(Booking, { id: own.id })).toBe(0);
    expect((await check.findOneOrFail(Booking, other.id)).cancelledBy).toBeNull();
    expect(await check.count(Payment, { booking: other.id, processedBy: null })).toBe(1);
  });
});

describe('races', () => {
  async function emptyRoom() {
    const em = t.em();
    const f = fixtures(em);
    const room = await em.findOneOrFail(Room, (await f.room(await f.roomType())).id, { populate: ['roomType'] });
    return { room, customer: await f.customer(), f };
  }

  it('a booking made between the preview and the delete: with the token, ImpactChangedError with the new impact', async () => {
    const { room, customer, f } = await emptyRoom();
    const preview = await impactOf('ROOM', room.id);
    expect(preview.allowed).toBe(true);
    const booking = await f.booking(room, customer, 3, 1);
    const { data } = await remove({ entity: 'ROOM', id: String(room.id), impactToken: preview.token });
    expect(data?.deleteRecord).toMatchObject({
      __typename: 'ImpactChangedError',
      code: 'IMPACT_CHANGED',
      impact: { allowed: false, blockers: [{ table: 'bookings', column: 'room_id', count: 1, sampleIds: [String(booking.id)] }] },
    });
    expect(data?.deleteRecord.impact.token).not.toBe(preview.token);
  });

  it('the same without a token: RestrictedError', async () => {
    const { room, customer, f } = await emptyRoom();
    await impactOf('ROOM', room.id);
    await f.booking(room, customer, 3, 1);
    expect((await remove({ entity: 'ROOM', id: String(room.id) })).data?.deleteRecord.__typename).toBe('RestrictedError');
  });

  it('a token still matching deletes', async () => {
    const { room } = await emptyRoom();
    const preview = await impactOf('ROOM', room.id);
    expect((await remove({ entity: 'ROOM', id: String(room.id), impactToken: preview.token })).data?.deleteRecord.__typename).toBe('DeleteRecordSuccess');
  });

  it('a blocking row committed by another transaction while the delete cascades is stopped by the foreign key, answered as RestrictedError', async () => {
    const { customer, booking } = await guestWithStay();
    const other = new pg.Client({ connectionString: t.database.url });
    await other.connect();
    try {
      await other.query('begin');
      const { rows } = await other.query(`insert into invoices (booking_id, number, amount, currency) values ($1, $2, 100, 'EUR') returning id`, [
        booking.id,
        `INV-RACE-${booking.id}`,
      ]);
      const deletion = remove({ entity: 'CUSTOMER', id: String(customer.id), reason: 'race' });
      // The delete counted no invoice and now waits for the booking row the insert holds.
      for (let i = 0; i < 200; i++) {
        const waiting = await other.query(`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (waiting.rowCount) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await other.query('commit');
      const { data } = await deletion;
      expect(data?.deleteRecord).toMatchObject({
        __typename: 'RestrictedError',
        code: 'DELETE_RESTRICTED',
        blockers: [{ table: 'invoices', column: 'booking_id', count: 1, sampleIds: [String(rows[0].id)] }],
      });
      expect(await t.em().count(Customer, { id: customer.id })).toBe(1);
    } finally {
      await other.end();
    }
  });
});

describe('the audit trail', () => {
  it('records who deleted what, why and with which impact, in the same transaction, and outlives the rows and the actor', async () => {
    const em = t.em();
    const f = fixtures(em);
    const admin = await f.user({ role: Role.ADMIN });
    const personal = issueToken(em, { name: 'personal admin', role: Role.ADMIN, userId: admin.id });
    await em.flush();
    const { booking } = await guestWithStay();
    const { data } = await remove({ entity: 'BOOKING', id: String(booking.id), reason: 'Duplicate' }, personal.secret);
    const entry = data?.deleteRecord.auditEntry;
    expect(entry).toMatchObject({
      action: 'DELETE',
      entity: 'BOOKING',
      entityId: String(booking.id),
      reason: 'Duplicate',
      actor: expect.stringContaining(`user:${admin.id}`),
    });
    expect(entry.details.impact.deletes).toContainEqual({ table: 'payments', column: null, count: 2 });

    await remove({ entity: 'USER', id: String(admin.id), reason: 'Left' });
    const survivor = await t.em().findOneOrFail(AuditEntry, Number(entry.id));
    expect(survivor.actor).toContain(`user:${admin.id}`);
    expect(await t.em().count(User, { id: admin.id })).toBe(0);
  });

  it('is not written when the delete is refused', async () => {
    const { room } = await guestWithStay();
    const before = await t.em().count(AuditEntry, {});
    await remove({ entity: 'ROOM', id: String(room.id) });
    expect(await t.em().count(AuditEntry, {})).toBe(before);
  });
});

describe('rules of use', () => {
  it('requires a reason for users, customers and room types', async () => {
    const { customer } = await guestWithStay();
    const { data } = await remove({ entity: 'CUSTOMER', id: String(customer.id) });
    expect(data?.deleteRecord).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['input', 'reason'], message: 'A reason is required to delete a customer.' }],
    });
  });

  it('lets only an ADMIN delete; STAFF may preview', async () => {
    const { booking } = await guestWithStay();
    const denied = await remove({ entity: 'BOOKING', id: String(booking.id) }, t.tokens.staff);
    expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await impactOf('BOOKING', booking.id, t.tokens.staff)).allowed).toBe(true);
    expect((await t.graphql(IMPACT, { entity: 'BOOKING', id: String(booking.id) }, { token: t.tokens.partner })).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for a record that does not exist', async () => {
    expect((await remove({ entity: 'BOOKING', id: '987654' })).data?.deleteRecord).toMatchObject({
      __typename: 'NotFoundError',
      entity: 'BOOKING',
      id: '987654',
    });
    expect((await t.graphql(IMPACT, { entity: 'BOOKING', id: '987654' })).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('cost', () => {
  it('counts an impact in one statement, whatever the number of rows', async () => {
    const small = await guestWithStay();
    const large = await guestWithStay();
    const em = t.em();
    for (let i = 0; i < 300; i++) em.create(Payment, { booking: large.booking.id, amount: '1.00', currency: 'EUR', method: 'CASH' as never });
    await em.flush();
    await impactOf('CUSTOMER', small.customer.id);
    const a = await t.queries.count(() => impactOf('CUSTOMER', small.customer.id));
    const b = await t.queries.count(() => impactOf('CUSTOMER', large.customer.id));
    expect([a, b]).toEqual([1, 1]); // the guard's statement (the token is looked up on the control connections)
  });

  it('answers `deletable` for a whole page in one guard statement', async () => {
    await guestWithStay();
    await guestWithStay();
    const query = '{ rooms(first: 50) { nodes { number deletable { allowed blockers { table count } } } } }';
    const { data } = await t.graphql(query);
    expect(data?.rooms.nodes.some((n: { deletable: { allowed: boolean } }) => !n.deletable.allowed)).toBe(true);
    expect(await t.queries.count(() => t.graphql(query))).toBe(2); // page, guard (the token is looked up on the control connections)
  });
});

describe('the unit of work after a database cascade', () => {
  it('holds none of the removed rows, and a later flush writes none of them back', async () => {
    const { customer, booking } = await guestWithStay();
    const tx = t.orm.em.fork();
    await tx.begin();
    try {
      const loaded = await tx.findOneOrFail(Booking, booking.id, { populate: ['customer'] });
      const payments = await tx.find(Payment, { booking: booking.id });
      const ctx = {
        em: tx,
        caller: { tokenId: 0, tokenName: 'test', role: Role.ADMIN, userId: null, channel: null },
        config: loadConfig({}),
        logger: createLogger('silent'),
      };
      await deleteRecord(ctx, { entity: 'CUSTOMER', id: String(customer.id), reason: 'test' });
      loaded.numGuests = 2;
      payments[0].amount = '99.00';
      await tx.flush();
      await tx.commit();
    } catch (error) {
      await tx.rollback();
      throw error;
    }
    const identityMap = [...tx.getUnitOfWork().getIdentityMap()].map((entity) => entity.constructor.name);
    expect(identityMap).not.toContain('Booking');
    expect(identityMap).not.toContain('Payment');
    expect(await t.em().count(Booking, { id: booking.id })).toBe(0);
    expect(await t.em().count(Payment, { booking: booking.id })).toBe(0);
    expect(await t.em().count(Customer, { id: customer.id })).toBe(0);
  });
});
