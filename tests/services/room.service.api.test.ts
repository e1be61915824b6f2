import { beforeEach, describe, expect, it } from 'vitest';
import { BookingStatus } from '../../src/entities/booking.entity';
import { Customer } from '../../src/entities/customer.entity';
import { Room } from '../../src/entities/room.entity';
import { RoomType } from '../../src/entities/room-type.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, rowCounts, whileWritesTo } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let type: RoomType;
let customer: Customer;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  type = await f.roomType({ capacity: 4, baseRate: '150.00' });
  customer = await f.customer();
});

const ROOM_TYPE = 'roomType { id name capacity baseRate description }';
const ROOM = 'room { id number floor status housekeepingStatus roomType { id } }';

const createRoomType = (input: Record<string, unknown>) => mutate(t, 'createRoomType', input, ROOM_TYPE);
const updateRoomType = (input: Record<string, unknown>) => mutate(t, 'updateRoomType', input, ROOM_TYPE);
const createRoom = (input: Record<string, unknown>) => mutate(t, 'createRoom', input, ROOM);
const updateRoom = (input: Record<string, unknown>, token?: string) => mutate(t, 'updateRoom', input, ROOM, token);

let sequence = 0;
const unique = (prefix: string) => `${prefix} ${++sequence}`;

describe('createRoomType', () => {
  it('creates a room type from trimmed, normalised input', async () => {
    const name = unique('Suite');
    const result = await createRoomType({ name: `  ${name} `, capacity: 3, baseRate: '210.5', description: 'Sea view' });
    expect(result).toEqual({
      __typename: 'CreateRoomTypeSuccess',
      roomType: { id: expect.any(String), name, capacity: 3, baseRate: '210.50', description: 'Sea view' },
    });
    const row = await t.em().findOneOrFail(RoomType, Number(result.roomType.id));
    expect([row.name, row.capacity, row.baseRate, row.description]).toEqual([name, 3, '210.50', 'Sea view']);
  });

  it('answers a taken name with ValidationError at input.name and writes nothing', async () => {
    const before = await rowCounts(t, ['room_types']);
    expect(await createRoomType({ name: type.name, capacity: 2, baseRate: '99.00' })).toEqual(
      answer.validation([{ path: ['input', 'name'], message: 'A room type with this name already exists.' }]),
    );
    expect(await rowCounts(t, ['room_types'])).toEqual(before);
  });

  it('reports every invalid field at once', async () => {
    const before = await rowCounts(t, ['room_types']);
    expect(await createRoomType({ name: ' ', capacity: 0, baseRate: '-1.00', description: 'x'.repeat(2001) })).toEqual(
      answer.validation([
        { path: ['input', 'name'], message: 'Must not be blank.' },
        { path: ['input', 'description'], message: 'Must be at most 2000 characters long.' },
        { path: ['input', 'capacity'], message: 'Must be between 1 and 50.' },
        { path: ['input', 'baseRate'], message: 'Must not be negative.' },
      ]),
    );
    expect(await rowCounts(t, ['room_types'])).toEqual(before);
  });
});

describe('updateRoomType', () => {
  it('changes the given fields only; a new rate leaves existing bookings’ totals alone', async () => {
    const room = await f.room(type);
    const booking = await f.booking(room, customer, 10, 2);
    const name = unique('Deluxe');
    expect(await updateRoomType({ id: String(type.id), name, baseRate: '175.00' })).toEqual({
      __typename: 'UpdateRoomTypeSuccess',
      roomType: { id: String(type.id), name, capacity: 4, baseRate: '175.00', description: null },
    });
    const { data } = await t.graphql('query ($id: ID!) { booking(id: $id) { totalAmount } }', { id: String(booking.id) });
    expect(data?.booking.totalAmount).toBe('300.00');
  });

  it('sets and clears the description', async () => {
    expect((await updateRoomType({ id: String(type.id), description: 'Quiet side' })).roomType.description).toBe('Quiet side');
    expect((await updateRoomType({ id: String(type.id), description: null })).roomType.description).toBeNull();
    expect((await t.em().findOneOrFail(RoomType, type.id)).description).toBeNull();
  });

  it('refuses a capacity below a party already booked in a room of this type', async () => {
    const room = await f.room(type);
    await f.booking(room, customer, 10, 2, { numGuests: 3 });
    await f.booking(room, customer, 20, 2, { numGuests: 4, status: BookingStatus.CANCELLED });
    expect(await updateRoomType({ id: String(type.id), capacity: 2 })).toEqual(
      answer.businessRule('room_capacity', `1 upcoming booking(s) of ${type.name} rooms bring more than 2 guests.`),
    );
    expect((await t.em().findOneOrFail(RoomType, type.id)).capacity).toBe(4);
    expect((await updateRoomType({ id: String(type.id), capacity: 3 })).roomType.capacity).toBe(3);
  });

  it('answers a name taken by another type with ValidationError at input.name', async () => {
    const other = await f.roomType();
    expect(await updateRoomType({ id: String(type.id), name: other.name })).toEqual(
      answer.validation([{ path: ['input', 'name'], message: 'A room type with this name already exists.' }]),
    );
    expect((await t.em().findOneOrFail(RoomType, type.id)).name).toBe(type.name);
  });

  it('answers NotFoundError for an unknown id and ValidationError for bad input', async () => {
    expect(await updateRoomType({ id: '999999', capacity: 2 })).toEqual(answer.notFound('RoomType', 999999, 'No room type with id 999999.'));
    expect(await updateRoomType({ id: 'nope', capacity: 51, baseRate: '-0.01' })).toEqual(
      answer.validation([
        { path: ['input', 'id'], message: 'Not a valid id.' },
        { path: ['input', 'capacity'], message: 'Must be between 1 and 50.' },
        { path: ['input', 'baseRate'], message: 'Must not be negative.' },
      ]),
    );
  });
});

describe('createRoom', () => {
  it('creates a room in service and clean unless told otherwise', async () => {
    const number = unique('N').replace(' ', '');
    const result = await createRoom({ number: ` ${number} `, floor: 3, roomTypeId: String(type.id) });
    expect(result).toEqual({
      __typename: 'CreateRoomSuccess',
      room: { id: expect.any(String), number, floor: 3, status: 'IN_SERVICE', housekeepingStatus: 'CLEAN', roomType: { id: String(type.id) } },
    });
    const other = await createRoom({ number: `${number}b`, floor: -5, roomTypeId: String(type.id), status: 'OUT_OF_SERVICE', housekeepingStatus: 'DIRTY' });
    expect(other.room).toMatchObject({ floor: -5, status: 'OUT_OF_SERVICE', housekeepingStatus: 'DIRTY' });
    expect(await t.em().count(Room, { roomType: type.id })).toBe(2);
  });

  it('answers an existing number with ValidationError at input.number and writes nothing', async () => {
    const room = await f.room(type);
    const before = await rowCounts(t, ['rooms']);
    expect(await createRoom({ number: room.number, floor: 2, roomTypeId: String(type.id) })).toEqual(
      answer.validation([{ path: ['input', 'number'], message: 'A room with this number already exists.' }]),
    );
    expect(await rowCounts(t, ['rooms'])).toEqual(before);
  });

  it('answers NotFoundError for an unknown room type and ValidationError for bad input', async () => {
    const before = await rowCounts(t, ['rooms']);
    expect(await createRoom({ number: 'Z1', floor: 1, roomTypeId: '999999' })).toEqual(answer.notFound('RoomType', 999999, 'No room type with id 999999.'));
    expect(await createRoom({ number: '', floor: 201, roomTypeId: '-3' })).toEqual(
      answer.validation([
        { path: ['input', 'number'], message: 'Must not be blank.' },
        { path: ['input', 'floor'], message: 'Must be between -5 and 200.' },
        { path: ['input', 'roomTypeId'], message: 'Not a valid id.' },
      ]),
    );
    expect(await rowCounts(t, ['rooms'])).toEqual(before);
  });
});

describe('updateRoom', () => {
  it('lets STAFF change number, floor, type, status and housekeeping status', async () => {
    const room = await f.room(type);
    const bigger = await f.roomType({ capacity: 6 });
    const number = unique('U').replace(' ', '');
    const input = { id: String(room.id), number, floor: 7, roomTypeId: String(bigger.id), status: 'OUT_OF_SERVICE', housekeepingStatus: 'INSPECTED' };
    expect(await updateRoom(input, t.tokens.staff)).toEqual({
      __typename: 'UpdateRoomSuccess',
      room: { id: String(room.id), number, floor: 7, status: 'OUT_OF_SERVICE', housekeepingStatus: 'INSPECTED', roomType: { id: String(bigger.id) } },
    });
    const row = await t.em().findOneOrFail(Room, room.id);
    expect([row.number, row.floor, row.roomType.id, row.status, row.housekeepingStatus]).toEqual([number, 7, bigger.id, 'OUT_OF_SERVICE', 'INSPECTED']);
  });

  it('answers a number taken by another room with ValidationError at input.number', async () => {
    const room = await f.room(type);
    const other = await f.room(type);
    expect(await updateRoom({ id: String(room.id), number: other.number })).toEqual(
      answer.validation([{ path: ['input', 'number'], message: 'A room with this number already exists.' }]),
    );
    expect((await t.em().findOneOrFail(Room, room.id)).number).toBe(room.number);
  });

  it('refuses to take a room with a guest checked in out of service', async () => {
    const room = await f.room(type);
    await f.booking(room, customer, 0, 2, { status: BookingStatus.CHECKED_IN });
    for (const status of ['OUT_OF_ORDER', 'OUT_OF_SERVICE']) {
      expect(await updateRoom({ id: String(room.id), status })).toEqual(
        answer.businessRule('room_occupied', `Room ${room.number} has a guest checked in; move the booking before taking it out of service.`),
      );
    }
    expect((await t.em().findOneOrFail(Room, room.id)).status).toBe('IN_SERVICE');
    expect((await updateRoom({ id: String(room.id), housekeepingStatus: 'DIRTY' })).room.housekeepingStatus).toBe('DIRTY');
  });

  it('refuses a smaller room type than an upcoming party needs; cancelled bookings do not count', async () => {
    const room = await f.room(type);
    const small = await f.roomType({ capacity: 2 });
    await f.booking(room, customer, 10, 2, { numGuests: 3 });
    await f.booking(room, customer, 20, 2, { numGuests: 4, status: BookingStatus.CANCELLED });
    expect(await updateRoom({ id: String(room.id), roomTypeId: String(small.id) })).toEqual(
      answer.businessRule('room_capacity', `1 upcoming booking(s) of room ${room.number} bring more than 2 guests.`),
    );
    expect((await t.em().findOneOrFail(Room, room.id)).roomType.id).toBe(type.id);
  });

  it('answers NotFoundError for an unknown room or room type and ValidationError for bad input', async () => {
    const room = await f.room(type);
    expect(await updateRoom({ id: '999999', floor: 2 })).toEqual(answer.notFound('Room', 999999, 'No room with id 999999.'));
    expect(await updateRoom({ id: String(room.id), roomTypeId: '999999' })).toEqual(answer.notFound('RoomType', 999999, 'No room type with id 999999.'));
    expect(await updateRoom({ id: String(room.id), floor: -6, number: 'x'.repeat(21) })).toEqual(
      answer.validation([
        { path: ['input', 'number'], message: 'Must be at most 20 characters long.' },
        { path: ['input', 'floor'], message: 'Must be between -5 and 200.' },
      ]),
    );
    const row = await t.em().findOneOrFail(Room, room.id);
    expect([row.number, row.floor, row.roomType.id]).toEqual([room.number, 1, type.id]);
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError and leaves nothing behind', async () => {
    const room = await f.room(type);
    const before = await rowCounts(t, ['room_types', 'rooms']);
    expect(
      await whileWritesTo(t, 'room_types', async () => [
        await createRoomType({ name: unique('Loft'), capacity: 2, baseRate: '90.00' }),
        await updateRoomType({ id: String(type.id), baseRate: '1.00' }),
      ]),
    ).toEqual([answer.serviceUnavailable(), answer.serviceUnavailable()]);
    expect(
      await whileWritesTo(t, 'rooms', async () => [
        await createRoom({ number: unique('S').replace(' ', ''), floor: 1, roomTypeId: String(type.id) }),
        await updateRoom({ id: String(room.id), floor: 9 }),
      ]),
    ).toEqual([answer.serviceUnavailable(), answer.serviceUnavailable()]);
    expect(await rowCounts(t, ['room_types', 'rooms'])).toEqual(before);
    expect((await t.em().findOneOrFail(RoomType, type.id)).baseRate).toBe('150.00');
    expect((await t.em().findOneOrFail(Room, room.id)).floor).toBe(1);
  });
});
