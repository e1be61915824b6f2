import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { INVENTORY_DRIFT } from '../../src/entities/room-type-night.entity';
import { apiProcessesOfFile } from '../support/api-processes-of-file';
import { mutationDocument } from '../support/mutations';

const TOKEN = 'room-type-contention-admin-token-0123456789';
const CREATE_TYPE = mutationDocument('createRoomType', { members: '... on CreateRoomTypeSuccess { roomType { id } } ... on ClassifiedError { code }' });
const CREATE_ROOM = mutationDocument('createRoom', { members: '... on CreateRoomSuccess { room { id } } ... on ClassifiedError { code }' });
const CREATE_CUSTOMER = mutationDocument('createCustomer', { members: '... on CreateCustomerSuccess { customer { id } } ... on ClassifiedError { code }' });
const CREATE_BOOKING = mutationDocument('createBooking', { members: '... on CreateBookingSuccess { booking { id } } ... on ClassifiedError { code }' });

const house = apiProcessesOfFile(2, TOKEN);

describe('room-type bookings across two API processes', () => {
  it('sell the last 3 units of a night to exactly 3 of 50 at once; the inventory equals its recount', async () => {
    const night = addDays(today(), 30);
    const type = (await house.apis[0].client.send(CREATE_TYPE, { input: { name: 'Contended', capacity: 2, baseRate: '90.00' } })).body.data.createRoomType;
    for (let i = 0; i < 5; i++) {
      const room = await house.apis[0].client.send(CREATE_ROOM, { input: { number: `C${i}`, floor: 1, roomTypeId: type.roomType.id } });
      expect(room.body.data.createRoom.__typename).toBe('CreateRoomSuccess');
    }
    const customer = (await house.apis[1].client.send(CREATE_CUSTOMER, { input: { firstName: 'Many', lastName: 'Guests', email: 'many@guest.test' } })).body
      .data.createCustomer.customer;
    const book = (process: number) =>
      house.apis[process].client.send(CREATE_BOOKING, {
        input: { roomTypeId: type.roomType.id, customerId: customer.id, checkIn: night, checkOut: addDays(night, 1), numGuests: 1 },
      });
    // Two of the five are sold already.
    for (const process of [0, 1]) expect((await book(process)).body.data.createBooking.__typename).toBe('CreateBookingSuccess');

    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => book(i % 2)));
    const outcomes = answers.map(
      (answer) => answer.body.data?.createBooking?.code ?? answer.body.data?.createBooking?.__typename ?? answer.body.errors?.[0]?.extensions?.code,
    );
    const tally = Object.fromEntries([...new Set(outcomes)].map((outcome) => [outcome, outcomes.filter((o) => o === outcome).length]));
    expect(tally).toEqual({ CreateBookingSuccess: 3, ROOM_TYPE_SOLD_OUT: 47 });

    const { rows } = await house.db.sql.query('select available, sold from room_type_nights where room_type_id = $1 and night = $2', [type.roomType.id, night]);
    expect(rows).toEqual([{ available: 5, sold: 5 }]);
    const { rows: booked } = await house.db.sql.query(`select count(*)::int as n from bookings where room_type_id = $1 and status = 'CONFIRMED'`, [
      type.roomType.id,
    ]);
    expect(booked[0].n).toBe(5);
    expect((await house.db.sql.query(INVENTORY_DRIFT)).rows).toEqual([]);
  });
});
