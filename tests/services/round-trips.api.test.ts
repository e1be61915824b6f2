import { describe, expect, it } from 'vitest';
import { BookingStatus } from '../../src/entities/booking.entity';
import { useFixtures } from '../support/fixtures';
import { mutate } from '../support/mutations';
import { useTestApi } from '../support/test-api';

/**
 * The two writes partners send most, counted in statements to PostgreSQL, BEGIN and COMMIT
 * included: each check that only answers better (the room, the customer, the rules, the
 * balance) rides in the statement that writes.
 */

const t = useTestApi();
const f = useFixtures(t);

describe('round trips of a write', () => {
  it('createBooking: BEGIN, one statement, COMMIT; and a refusal costs no more', async () => {
    const room = await f.room(await f.roomType({ capacity: 2 }));
    const customer = await f.customer();
    const input = { roomId: String(room.id), customerId: String(customer.id), checkIn: '2027-03-01', checkOut: '2027-03-04', numGuests: 2 };
    let answer: any;
    const statements = await t.queries.count(async () => {
      answer = await mutate(t, 'createBooking', input, 'booking { id totalAmount status }');
    });
    expect(answer).toMatchObject({ __typename: 'CreateBookingSuccess', booking: { status: BookingStatus.CONFIRMED } });
    expect(t.queries.statements.map((statement) => statement.split(' ')[1])).toEqual(['begin', 'with', 'commit']);
    expect(statements).toBeLessThanOrEqual(4);
    // The same stay again: the one statement finds it taken, and the ids are read after the rollback.
    const refused = await t.queries.count(async () => {
      answer = await mutate(t, 'createBooking', input, 'booking { id }');
    });
    expect(answer).toMatchObject({ code: 'ROOM_UNAVAILABLE' });
    expect(refused).toBeLessThanOrEqual(4);
  });

  it('recordPayment: BEGIN, the lock, one statement, COMMIT', async () => {
    const room = await f.room(await f.roomType());
    const booking = await f.booking(room, await f.customer(), 30, 2);
    let answer: any;
    const statements = await t.queries.count(async () => {
      answer = await mutate(t, 'recordPayment', { bookingId: String(booking.id), amount: '10.00', method: 'CARD' }, 'payment { id amount }');
    });
    expect(answer).toMatchObject({ __typename: 'RecordPaymentSuccess', payment: { amount: '10.00' } });
    expect(statements).toBe(4);
    const overpaid = await t.queries.count(async () => {
      answer = await mutate(t, 'recordPayment', { bookingId: String(booking.id), amount: '99999.00', method: 'CARD' }, 'payment { id }');
    });
    expect(answer).toMatchObject({ code: 'BUSINESS_RULE_VIOLATION' });
    expect(overpaid).toBeLessThanOrEqual(4);
  });
});
