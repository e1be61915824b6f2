import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { BookingLog } from '../../src/entities/booking-log.entity';
import { Customer } from '../../src/entities/customer.entity';
import { Payment } from '../../src/entities/payment.entity';
import { fixtures } from '../support/fixtures';
import { mutate, mutationDocument, type Selection } from '../support/mutations';
import { useTestApi } from '../support/test-api';

const ids: Record<string, string> = {};

const t = useTestApi();
beforeAll(async () => {
  const em = t.em();
  const f = fixtures(em);
  const staffUser = await f.user({ email: 'desk@hotel.test' });
  const type = await f.roomType({ capacity: 2, baseRate: '100.00' });
  const r1 = await f.room(type, { number: '301' });
  const r2 = await f.room(type, { number: '302' });
  const hotelGuest = await f.customer({ firstName: 'Hotel', email: 'hotel-guest@guest.test', user: staffUser });
  const guestA = await f.customer({ firstName: 'Alice', email: 'alice@partner-a.test', channel: 'partner-a' });
  const guestB = await f.customer({ firstName: 'Bob', email: 'bob@partner-b.test', channel: 'partner-b' });
  const direct = await f.booking(r1, hotelGuest, 5, 2);
  const ofA = await f.booking(r1, guestA, 10, 2, { channel: 'partner-a' });
  const ofB = await f.booking(r2, guestB, 10, 2, { channel: 'partner-b' });
  const payment = await f.payment(ofA, '50.00');
  payment.processedBy = staffUser;
  em.create(BookingLog, { booking: ofA, actor: staffUser, action: 'NOTE' });
  await em.flush();
  Object.assign(ids, {
    r1: String(r1.id),
    r2: String(r2.id),
    hotelGuest: String(hotelGuest.id),
    guestA: String(guestA.id),
    guestB: String(guestB.id),
    direct: String(direct.id),
    ofA: String(ofA.id),
    ofB: String(ofB.id),
  });
});

const asPartner = (query: string, variables: Record<string, unknown> = {}) => t.graphql(query, variables, { token: t.tokens.partner });
const codes = (response: { errors?: { extensions: Record<string, unknown> }[] }) => (response.errors ?? []).map((e) => e.extensions.code);

describe('a partner reading', () => {
  it('lists only its own channel’s bookings, whatever the filter asks', async () => {
    const all = await asPartner('{ bookings(first: 100) { totalCount nodes { id channel } } }');
    expect(all.errors).toBeUndefined();
    expect(all.data?.bookings).toEqual({ totalCount: 1, nodes: [{ id: ids.ofA, channel: 'partner-a' }] });
    const other = await asPartner(`{ bookings(filter: { customerId: "${ids.guestB}" }) { totalCount } }`);
    expect(other.data?.bookings.totalCount).toBe(0);
  });

  it('gets null, not FORBIDDEN, for another channel’s booking or customer, as for one that does not exist', async () => {
    for (const [field, id] of [
      ['booking', ids.ofB],
      ['booking', ids.direct],
      ['booking', '999999'],
      ['customer', ids.guestB],
      ['customer', ids.hotelGuest],
      ['customer', '999999'],
    ]) {
      const response = await asPartner(`query ($id: ID!) { ${field}(id: $id) { id } }`, { id });
      expect({ field, id, errors: response.errors, data: response.data }).toEqual({ field, id, errors: undefined, data: { [field]: null } });
    }
    const own = await asPartner(`{ booking(id: "${ids.ofA}") { id customer { firstName } } customer(id: "${ids.guestA}") { email } }`);
    expect(own.data).toEqual({ booking: { id: ids.ofA, customer: { firstName: 'Alice' } }, customer: { email: 'alice@partner-a.test' } });
  });

  it('lists only the customers it supplied', async () => {
    const { data } = await asPartner('{ customers(first: 100) { totalCount nodes { email } } }');
    expect(data?.customers).toEqual({ totalCount: 1, nodes: [{ email: 'alice@partner-a.test' }] });
  });

  it('sees of its bookings the stay, the room, the guest it supplied, the payments and the balance', async () => {
    const { data, errors } = await asPartner(`{ booking(id: "${ids.ofA}") {
      id status checkIn checkOut numGuests totalAmount balance channel cancellationReason
      room { number roomType { name } } customer { id firstName lastName email phone } payments { amount method status }
    } }`);
    expect(errors).toBeUndefined();
    expect(data?.booking).toMatchObject({ totalAmount: '200.00', balance: '150.00', payments: [{ amount: '50.00', method: 'CARD' }] });
  });

  it('is FORBIDDEN the fields that reveal staff, the hotel’s ledgers, or what it did not supply', async () => {
    const denied: [string, string[]][] = [
      ['booking { cancelledBy { id } }', ['booking', 'cancelledBy']],
      ['booking { logs { action } }', ['booking', 'logs']],
      ['booking { folioItems { amount } }', ['booking', 'folioItems']],
      ['booking { invoice { number } }', ['booking', 'invoice']],
      ['booking { deletable { allowed } }', ['booking', 'deletable']],
      ['booking { payments { processedBy { id } } }', ['booking', 'payments', '0', 'processedBy']],
      ['booking { customer { loyaltyPoints } }', ['booking', 'customer', 'loyaltyPoints']],
      ['booking { customer { user { id } } }', ['booking', 'customer', 'user']],
      ['booking { customer { channel } }', ['booking', 'customer', 'channel']],
      ['booking { customer { createdAt } }', ['booking', 'customer', 'createdAt']],
      ['booking { customer { deletable { allowed } } }', ['booking', 'customer', 'deletable']],
      ['booking { room { deletable { allowed } } }', ['booking', 'room', 'deletable']],
      ['booking { room { roomType { deletable { allowed } } } }', ['booking', 'room', 'roomType', 'deletable']],
    ];
    for (const [selection, path] of denied) {
      const query = `{ ${selection.replace('booking {', `booking(id: "${ids.ofA}") {`)} }`;
      const response = await asPartner(query);
      const error = response.errors?.[0];
      expect({ query, code: error?.extensions.code, path: error?.path?.map(String) }).toEqual({ query, code: 'FORBIDDEN', path });
    }
  });

  it('leaves staff all of those fields', async () => {
    const { errors, data } = await t.graphql(
      `{ booking(id: "${ids.ofA}") { cancelledBy { id } logs { action actor { email } } folioItems { amount } invoice { number } deletable { allowed }
        payments { processedBy { email } } customer { loyaltyPoints user { id } channel createdAt deletable { allowed } } } }`,
      {},
      { token: t.tokens.staff },
    );
    expect(errors).toBeUndefined();
    expect(data?.booking.payments[0].processedBy.email).toBe('desk@hotel.test');
    expect(data?.booking.logs[0].actor.email).toBe('desk@hotel.test');
  });
});

describe('a partner writing', () => {
  const notFound = { members: '... on NotFoundError { code entity id }' };
  const write = (name: string, input: Record<string, unknown>, selection: Selection = notFound) => mutate(t, name, input, selection, t.tokens.partner);
  const cancel = (id: string) => write('cancelBooking', { bookingId: id, reason: 'probe' });
  const pay = (id: string) => write('recordPayment', { bookingId: id, amount: '10.00', method: 'CARD' });
  const update = (id: string) => write('updateCustomer', { id, phone: '+1 555 0100' });

  it('gets NOT_FOUND, exactly as for a missing id, when it cancels, pays or edits what another channel owns', async () => {
    for (const [send, id, entity] of [
      [cancel, ids.ofB, 'Booking'],
      [cancel, ids.direct, 'Booking'],
      [pay, ids.ofB, 'Booking'],
      [update, ids.guestB, 'Customer'],
      [update, ids.hotelGuest, 'Customer'],
    ] as const) {
      expect(await send(id)).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', entity, id });
      expect(await send('999999')).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', entity, id: '999999' });
    }
    expect((await t.em().findOneOrFail(Customer, Number(ids.guestB))).phone ?? null).toBeNull();
    expect(await t.em().count(Payment, { booking: Number(ids.ofB) })).toBe(0);
  });

  it('cannot book for a guest another channel supplied', async () => {
    const answered = await write(
      'createBooking',
      { roomId: ids.r2, customerId: ids.guestB, checkIn: addDays(today(), 40), checkOut: addDays(today(), 41), numGuests: 1 },
      { members: '... on NotFoundError { entity id }' },
    );
    expect(answered).toEqual({ __typename: 'NotFoundError', entity: 'Customer', id: ids.guestB });
  });

  it('learns that a room is taken, but not the ids of other channels’ bookings that take it', async () => {
    const conflict = { members: '... on ConflictError { code conflictingIds }' };
    const stay = { checkIn: addDays(today(), 10), checkOut: addDays(today(), 11), numGuests: 1, customerId: ids.guestA };
    expect(await write('createBooking', { ...stay, roomId: ids.r2 }, conflict)).toEqual({
      __typename: 'ConflictError',
      code: 'ROOM_UNAVAILABLE',
      conflictingIds: [],
    });
    expect(await write('createBooking', { ...stay, roomId: ids.r1 }, conflict)).toEqual({
      __typename: 'ConflictError',
      code: 'ROOM_UNAVAILABLE',
      conflictingIds: [ids.ofA],
    });
  });

  it('creates customers and bookings that are its own, and cancels them', async () => {
    const created = await write('createCustomer', { firstName: 'Carol', lastName: 'Own', email: 'carol@partner-a.test' }, 'customer { id }');
    const customerId = created.customer.id;
    expect(customerId).toBeDefined();
    const booked = await write(
      'createBooking',
      { roomId: ids.r2, customerId, checkIn: addDays(today(), 50), checkOut: addDays(today(), 52), numGuests: 1 },
      'booking { id channel }',
    );
    expect(booked.booking.channel).toBe('partner-a');
    const cancelled = await write(
      'cancelBooking',
      { bookingId: booked.booking.id, reason: 'guest changed plans' },
      { members: '... on CancelBookingSuccess { booking { status } }' },
    );
    expect(cancelled).toEqual({ __typename: 'CancelBookingSuccess', booking: { status: 'CANCELLED' } });
    const other = await t.graphql(`{ customer(id: "${customerId}") { id } }`, {}, { token: t.tokens.otherPartner });
    expect(other.data?.customer).toBeNull();
  });

  it('is FORBIDDEN the hotel’s own operations', async () => {
    for (const [query, variables] of [
      [mutationDocument('checkInBooking', { members: '' }), { input: { bookingId: ids.ofA } }],
      [mutationDocument('refundPayment', { members: '' }), { input: { paymentId: '1', amount: '1.00' } }],
      [mutationDocument('addFolioItem', { members: '' }), { input: { bookingId: ids.ofA, description: 'x', amount: '1.00' } }],
      [`{ deleteImpact(entity: BOOKING, id: "${ids.ofA}") { allowed } }`, {}],
    ] as const) {
      expect({ query, codes: codes(await asPartner(query, variables)) }).toEqual({ query, codes: ['FORBIDDEN'] });
    }
  });
});
