import { beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { addDays, today } from '../../src/dates';
import type { Booking } from '../../src/entities/booking.entity';
import type { Customer } from '../../src/entities/customer.entity';
import { Payment } from '../../src/entities/payment.entity';
import { Role } from '../../src/entities/role';
import { Room } from '../../src/entities/room.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, mutationDocument, mutationVariables, rowCounts } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let room: Room;
let guestA: Customer;
let guestB: Customer;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  room = await f.room(await f.roomType({ capacity: 2, baseRate: '120.00' }));
  guestA = await f.customer({ channel: 'partner-a' });
  guestB = await f.customer({ channel: 'partner-b' });
});

const TABLES = ['bookings', 'payments', 'booking_logs', 'idempotency_records'] as const;
const BOOKING = 'booking { id status checkIn checkOut numGuests totalAmount channel room { id } customer { id } }';
const PAYMENT = 'payment { id amount method status }';

const createBooking = (input: Record<string, unknown>, token = t.tokens.partner) => mutate(t, 'createBooking', input, `replayed ${BOOKING}`, token);
const recordPayment = (input: Record<string, unknown>, token = t.tokens.partner) => mutate(t, 'recordPayment', input, `replayed ${PAYMENT}`, token);

let sequence = 0;
const key = (name: string) => `${name}-${++sequence}`;
const stay = (offset: number, nights: number, extra: Record<string, unknown> = {}) => ({
  roomId: String(room.id),
  customerId: String(guestA.id),
  checkIn: addDays(today(), offset),
  checkOut: addDays(today(), offset + nights),
  numGuests: 2,
  ...extra,
});

/** A confirmed partner-a booking of two nights at 120.00: 240.00 owed. */
async function partnerBooking(): Promise<Booking> {
  const em = t.em();
  return f.booking(await em.findOneOrFail(Room, room.id, { populate: ['roomType'] }), guestA, 40, 2, { channel: 'partner-a' });
}

async function storedKeys(like: string): Promise<{ scoped_key: string; expires_in_hours: number }[]> {
  return t.orm.em
    .getConnection()
    .execute(
      `select scoped_key, round(extract(epoch from expires_at - now()) / 3600)::int as expires_in_hours from idempotency_records where scoped_key like ? order by scoped_key`,
      [like],
    );
}

describe('a replay with the same key and input', () => {
  it('returns the same booking with replayed: true and writes nothing', async () => {
    const k = key('book');
    const first = await createBooking({ ...stay(10, 2), idempotencyKey: k });
    expect(first).toMatchObject({
      __typename: 'CreateBookingSuccess',
      replayed: false,
      booking: { status: 'CONFIRMED', totalAmount: '240.00', channel: 'partner-a' },
    });
    const before = await rowCounts(t, TABLES);

    const again = await createBooking({ ...stay(10, 2), idempotencyKey: k });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });

  it('returns the same payment with replayed: true and writes nothing', async () => {
    const booking = await partnerBooking();
    const k = key('pay');
    const first = await recordPayment({ bookingId: String(booking.id), amount: '50.00', method: 'CARD', idempotencyKey: k });
    expect(first).toMatchObject({ __typename: 'RecordPaymentSuccess', replayed: false, payment: { amount: '50.00', method: 'CARD', status: 'COMPLETED' } });
    const before = await rowCounts(t, TABLES);

    // "50" is the same amount as "50.00": the input is compared after parsing.
    const again = await recordPayment({ bookingId: String(booking.id), amount: '50', method: 'CARD', idempotencyKey: k });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });
});

describe('the same key with a different input', () => {
  it('answers IDEMPOTENCY_KEY_REUSED to createBooking and recordPayment and writes nothing', async () => {
    const bookingKey = key('book');
    await createBooking({ ...stay(10, 2), idempotencyKey: bookingKey });
    const booking = await partnerBooking();
    const paymentKey = key('pay');
    await recordPayment({ bookingId: String(booking.id), amount: '50.00', method: 'CARD', idempotencyKey: paymentKey });
    const before = await rowCounts(t, TABLES);

    expect(await createBooking({ ...stay(10, 2, { numGuests: 1 }), idempotencyKey: bookingKey })).toEqual(answer.idempotencyKeyReused());
    expect(await createBooking({ ...stay(20, 2), idempotencyKey: bookingKey })).toEqual(answer.idempotencyKeyReused());
    expect(await recordPayment({ bookingId: String(booking.id), amount: '50.01', method: 'CARD', idempotencyKey: paymentKey })).toEqual(
      answer.idempotencyKeyReused(),
    );
    expect(await recordPayment({ bookingId: String(booking.id), amount: '50.00', method: 'CASH', idempotencyKey: paymentKey })).toEqual(
      answer.idempotencyKeyReused(),
    );
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });
});

describe('keys are scoped', () => {
  it('per partner channel: partner-a and partner-b use one key independently, and every token of a channel shares it', async () => {
    const other = await f.room(await f.roomType({ capacity: 2 }));
    const k = key('shared');
    const a = await createBooking({ ...stay(10, 2), idempotencyKey: k }, t.tokens.partner);
    const b = await createBooking({ ...stay(10, 2, { roomId: String(other.id), customerId: String(guestB.id) }), idempotencyKey: k }, t.tokens.otherPartner);
    expect([a.replayed, b.replayed]).toEqual([false, false]);
    expect(b.booking).toMatchObject({ channel: 'partner-b', room: { id: String(other.id) } });
    expect(b.booking.id).not.toBe(a.booking.id);

    const em = t.em();
    const secondTokenOfA = issueToken(em, { name: 'partner-a backup', role: Role.PARTNER, channel: 'partner-a' });
    await em.flush();
    expect(await createBooking({ ...stay(10, 2), idempotencyKey: k }, secondTokenOfA.secret)).toEqual({ ...a, replayed: true });
    expect(await storedKeys(`%|${k}`)).toEqual([
      { scoped_key: `channel:partner-a|createBooking|${k}`, expires_in_hours: 24 },
      { scoped_key: `channel:partner-b|createBooking|${k}`, expires_in_hours: 24 },
    ]);
  });

  it('per hotel token: ADMIN and STAFF use one key independently', async () => {
    const k = key('desk');
    const admin = await createBooking({ ...stay(10, 2), idempotencyKey: k }, t.tokens.admin);
    const staff = await createBooking({ ...stay(20, 2), idempotencyKey: k }, t.tokens.staff);
    expect([admin.__typename, admin.replayed, staff.__typename, staff.replayed]).toEqual(['CreateBookingSuccess', false, 'CreateBookingSuccess', false]);
    expect((await storedKeys(`%|${k}`)).map((row) => row.scoped_key.replace(/^token:\d+/, 'token'))).toEqual([
      `token|createBooking|${k}`,
      `token|createBooking|${k}`,
    ]);
  });

  it('per operation: a key used for createBooking is new to recordPayment', async () => {
    const k = key('both');
    const booked = await createBooking({ ...stay(10, 2), idempotencyKey: k });
    const paid = await recordPayment({ bookingId: booked.booking.id, amount: '240.00', method: 'BANK_TRANSFER', idempotencyKey: k });
    expect(paid).toMatchObject({ __typename: 'RecordPaymentSuccess', replayed: false, payment: { amount: '240.00' } });
    expect(await t.em().count(Payment, { booking: Number(booked.booking.id) })).toBe(1);
  });
});

describe('an expired key', () => {
  it('is treated as new: the request runs again and its answer replaces the old one', async () => {
    const bookingKey = key('old-book');
    const first = await createBooking({ ...stay(10, 2), idempotencyKey: bookingKey });
    const booking = await partnerBooking();
    const paymentKey = key('old-pay');
    const paid = await recordPayment({ bookingId: String(booking.id), amount: '20.00', method: 'CARD', idempotencyKey: paymentKey });
    await t.orm.em.getConnection().execute(`update idempotency_records set expires_at = now() - interval '1 second' where scoped_key like ?`, ['%|old-%']);
    const before = await rowCounts(t, TABLES);

    const rebooked = await createBooking({ ...stay(20, 2), idempotencyKey: bookingKey });
    expect(rebooked).toMatchObject({ __typename: 'CreateBookingSuccess', replayed: false });
    expect(rebooked.booking.id).not.toBe(first.booking.id);
    const repaid = await recordPayment({ bookingId: String(booking.id), amount: '20.00', method: 'CARD', idempotencyKey: paymentKey });
    expect(repaid).toMatchObject({ __typename: 'RecordPaymentSuccess', replayed: false, payment: { amount: '20.00' } });
    expect(repaid.payment.id).not.toBe(paid.payment.id);

    expect(await rowCounts(t, TABLES)).toEqual({
      ...before,
      bookings: before.bookings + 1,
      payments: before.payments + 1,
      booking_logs: before.booking_logs + 2,
    });
    expect(await storedKeys('%|old-%')).toEqual([
      { scoped_key: `channel:partner-a|createBooking|${bookingKey}`, expires_in_hours: 24 },
      { scoped_key: `channel:partner-a|recordPayment|${paymentKey}`, expires_in_hours: 24 },
    ]);
    expect(await createBooking({ ...stay(20, 2), idempotencyKey: bookingKey })).toEqual({ ...rebooked, replayed: true });
  });
});

describe('a failed first attempt', () => {
  it('stores nothing, so a retry with the same key succeeds once the room is free', async () => {
    const blocker = await f.booking(await t.em().findOneOrFail(Room, room.id, { populate: ['roomType'] }), await f.customer(), 10, 3);
    const k = key('retry');
    const before = await rowCounts(t, TABLES);
    // The blocker is the hotel's own booking: a partner is not told its id.
    expect(await createBooking({ ...stay(11, 2), idempotencyKey: k })).toEqual(answer.roomUnavailable([]));
    expect(await rowCounts(t, TABLES)).toEqual(before);
    expect(await storedKeys(`%|${k}`)).toEqual([]);

    await mutate(t, 'cancelBooking', { bookingId: String(blocker.id), reason: 'Guest moved' }, 'booking { id }');
    const retried = await createBooking({ ...stay(11, 2), idempotencyKey: k });
    expect(retried).toMatchObject({ __typename: 'CreateBookingSuccess', replayed: false, booking: { status: 'CONFIRMED', channel: 'partner-a' } });
    expect(await storedKeys(`%|${k}`)).toEqual([{ scoped_key: `channel:partner-a|createBooking|${k}`, expires_in_hours: 24 }]);
  });
});

describe('concurrent identical requests with one key', () => {
  it('make exactly one booking; all ten answers name it, nine of them replayed', async () => {
    const k = key('burst');
    const before = await rowCounts(t, TABLES);
    const answers = await Promise.all(Array.from({ length: 10 }, () => createBooking({ ...stay(10, 2), idempotencyKey: k })));

    expect(answers.map((a) => a.__typename)).toEqual(Array(10).fill('CreateBookingSuccess'));
    expect(new Set(answers.map((a) => a.booking.id)).size).toBe(1);
    expect(answers.filter((a) => a.replayed).length).toBe(9);
    expect(await rowCounts(t, TABLES)).toEqual({
      ...before,
      bookings: before.bookings + 1,
      booking_logs: before.booking_logs + 1,
      idempotency_records: before.idempotency_records + 1,
    });
    const [row] = await t.orm.em.getConnection().execute('select count(*)::int as n from bookings where room_id = ?', [room.id]);
    expect(row.n).toBe(1);
  });
});

describe('a malformed key', () => {
  it('answers ValidationError at input.idempotencyKey and writes nothing', async () => {
    const before = await rowCounts(t, TABLES);
    for (const bad of ['', 'with space', 'x'.repeat(201), 'naïve']) {
      expect(await createBooking({ ...stay(10, 2), idempotencyKey: bad })).toEqual(
        answer.validation([{ path: ['input', 'idempotencyKey'], message: 'Must be 1 to 200 printable ASCII characters without spaces.' }]),
      );
    }
    expect(await rowCounts(t, TABLES)).toEqual(before);
  });
});

describe('the Idempotency-Key header', () => {
  const withKey = (name: string, input: Record<string, unknown>, selection: string, k: string, token = t.tokens.staff) =>
    t.graphql(mutationDocument(name, selection), mutationVariables(name, input), { token, headers: { 'idempotency-key': k } });

  it('makes any mutation run once per key: the replay answers the same records, says so, and writes nothing', async () => {
    const booking = await partnerBooking();
    const k = key('charge');
    const charge = { bookingId: String(booking.id), description: 'Late checkout', amount: '30.00' };
    const first = await withKey('addFolioItem', charge, 'folioItem { id amount description }', k);
    expect(first.data?.addFolioItem).toMatchObject({ __typename: 'AddFolioItemSuccess', folioItem: { amount: '30.00' } });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const before = await rowCounts(t, ['folio_items', 'booking_logs', 'idempotency_records']);

    const again = await withKey('addFolioItem', charge, 'folioItem { id amount description }', k);
    expect(again.data?.addFolioItem).toEqual(first.data?.addFolioItem);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await rowCounts(t, ['folio_items', 'booking_logs', 'idempotency_records'])).toEqual(before);

    const other = await withKey('addFolioItem', { ...charge, amount: '31.00' }, 'folioItem { id }', k);
    expect(other.data?.addFolioItem).toMatchObject({
      __typename: 'ValidationError',
      code: 'IDEMPOTENCY_KEY_REUSED',
      fieldErrors: [{ path: ['headers', 'Idempotency-Key'], message: 'This idempotency key was already used with a different input.' }],
    });
    expect(await rowCounts(t, ['folio_items', 'booking_logs', 'idempotency_records'])).toEqual(before);
  });

  it('keeps no digest of a password: the stored hash leaves password fields out, so only the other fields tell a reuse', async () => {
    const k = key('user');
    const user = { email: 'hashed@hotel.test', name: 'Hashed', role: 'STAFF', password: 'a-first-long-password' };
    const first = await withKey('createUser', user, 'user { id }', k, t.tokens.admin);
    expect(first.data?.createUser.__typename).toBe('CreateUserSuccess');
    const again = await withKey('createUser', { ...user, password: 'a-second-long-password' }, 'user { id }', k, t.tokens.admin);
    expect(again.data?.createUser).toEqual(first.data?.createUser);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const renamed = await withKey('createUser', { ...user, name: 'Other' }, 'user { id }', k, t.tokens.admin);
    expect(renamed.data?.createUser).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('is one key with the input field: the same replays, a different one is refused', async () => {
    const k = key('both-ways');
    const first = await createBooking({ ...stay(10, 2), idempotencyKey: k });
    const viaHeader = await withKey('createBooking', stay(10, 2), `replayed ${BOOKING}`, k, t.tokens.partner);
    expect(viaHeader.data?.createBooking).toEqual({ ...first, replayed: true });
    const clash = await withKey('createBooking', { ...stay(12, 2), idempotencyKey: key('other') }, `replayed ${BOOKING}`, k, t.tokens.partner);
    expect(clash.data?.createBooking).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['input', 'idempotencyKey'], message: 'Differs from the Idempotency-Key header; send one key.' }],
    });
  });

  it('is refused where the answer shows a secret once: login and createApiToken', async () => {
    const login = await t.graphql(
      mutationDocument('login', 'token'),
      { email: 'nobody@hotel.test', password: 'whatever it is' },
      { token: null, headers: { 'idempotency-key': key('login') } },
    );
    expect(login.data?.login).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['headers', 'Idempotency-Key'] }] });
    const issued = await withKey('createApiToken', { name: 'kiosk', role: 'STAFF' }, 'secret', key('token'), t.tokens.admin);
    expect(issued.data?.createApiToken.__typename).toBe('ValidationError');
  });
});
