import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { Booking } from '../../src/entities/booking.entity';
import { Payment, PaymentMethod } from '../../src/entities/payment.entity';
import { fixtures } from '../support/fixtures';
import { useTestApi } from '../support/test-api';

const PAGE_QUERY = `query ($first: Int) { bookings(first: $first) { nodes { id room { number roomType { name } } customer { lastName } payments { amount } } } }`;

const t = useTestApi();
beforeAll(async () => {
  const em = t.em();
  const f = fixtures(em);
  const types = [await f.roomType(), await f.roomType(), await f.roomType()];
  const rooms = [];
  for (let i = 0; i < 20; i++) rooms.push(await f.room(types[i % 3]));
  const customers = [];
  for (let i = 0; i < 15; i++) customers.push(await f.customer());
  // 120 bookings: six consecutive stays in each of 20 rooms, each with two payments.
  for (let i = 0; i < 120; i++) {
    const room = rooms[i % 20];
    const checkIn = addDays(today(), 5 + Math.floor(i / 20) * 3);
    const booking = em.create(Booking, {
      room,
      roomType: room.roomType,
      customer: customers[i % 15],
      checkIn,
      checkOut: addDays(checkIn, 2),
      numGuests: 1,
      totalAmount: '200.00',
      nightlyRate: '100.00',
    });
    em.create(Payment, { booking, amount: '50.00', currency: 'EUR', method: PaymentMethod.CARD });
    em.create(Payment, { booking, amount: '25.00', currency: 'EUR', method: PaymentMethod.CASH });
  }
  await em.flush();
  await t.graphql('{ me { role } }'); // the token's first use records lastUsedAt; keep that write out of the counts
});

describe('relation fields', () => {
  it('load a 100-booking page with room, room type, customer and payments in two statements', async () => {
    let response: { errors?: unknown[]; data?: any } | undefined;
    const statements = await t.queries.count(async () => {
      response = await t.graphql(PAGE_QUERY, { first: 100 });
    });
    expect(response?.errors).toBeUndefined();
    const nodes = response?.data?.bookings.nodes;
    expect(nodes).toHaveLength(100);
    expect(nodes.every((n: { payments: unknown[] }) => n.payments.length === 2)).toBe(true);
    // The page with its room, room type and customer joined, then the payments (the token is looked up on the control connections).
    expect(statements).toBe(2);
    // And what it shows is what the tables hold, row by row.
    const expected = await t.database.rows(
      `select b.id::text, r.number, rt.name, c.last_name from bookings b join rooms r on r.id = b.room_id join room_types rt on rt.id = r.room_type_id
         join customers c on c.id = b.customer_id order by b.check_in, b.id limit 100`,
    );
    expect(nodes.map((n: any) => ({ id: n.id, number: n.room.number, name: n.room.roomType.name, last_name: n.customer.lastName }))).toEqual(expected);
  });

  it('cost the same number of statements for 10 bookings as for 100', async () => {
    const small = await t.queries.count(() => t.graphql(PAGE_QUERY, { first: 10 }));
    const large = await t.queries.count(() => t.graphql(PAGE_QUERY, { first: 100 }));
    expect(small).toBe(large);
  });
});
