import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeEach } from 'vitest';
import { hashPassword } from '../../src/auth/passwords';
import { addDays, nightsBetween, today } from '../../src/dates';
import { Booking, BookingStatus } from '../../src/entities/booking.entity';
import { Customer } from '../../src/entities/customer.entity';
import { Payment, PaymentMethod } from '../../src/entities/payment.entity';
import { Role } from '../../src/entities/role';
import { Room } from '../../src/entities/room.entity';
import { RoomType } from '../../src/entities/room-type.entity';
import { User } from '../../src/entities/user.entity';
import { fromCents, toCents } from '../../src/money';

let sequence = 0;
const next = () => ++sequence;

/** Small builders for test data, written straight through the ORM and flushed. */
export function fixtures(em: EntityManager) {
  return {
    async roomType(fields: Partial<Pick<RoomType, 'name' | 'capacity' | 'baseRate'>> = {}) {
      const type = em.create(RoomType, { name: `Type ${next()}`, capacity: 2, baseRate: '100.00', ...fields });
      await em.flush();
      return type;
    },
    async room(roomType: RoomType, fields: Partial<Pick<Room, 'number' | 'floor' | 'status' | 'housekeepingStatus'>> = {}) {
      const room = em.create(Room, { number: `R${next()}`, floor: 1, roomType, ...fields });
      await em.flush();
      return room;
    },
    async user(fields: Partial<Pick<User, 'email' | 'name' | 'role'>> = {}) {
      const n = next();
      const user = em.create(User, {
        email: `user${n}@hotel.test`,
        name: `User ${n}`,
        role: Role.STAFF,
        passwordHash: await hashPassword('secret-password'),
        ...fields,
      });
      await em.flush();
      return user;
    },
    async customer(fields: Partial<Pick<Customer, 'firstName' | 'lastName' | 'email' | 'user' | 'channel'>> = {}) {
      const n = next();
      const customer = em.create(Customer, { firstName: 'Guest', lastName: `Number${n}`, email: `guest${n}@guest.test`, ...fields });
      await em.flush();
      return customer;
    },
    /** A booking starting `offset` days from today for `nights` nights; total = rate × nights. */
    async booking(room: Room, customer: Customer, offset: number, nights: number, fields: Partial<Pick<Booking, 'status' | 'numGuests' | 'channel'>> = {}) {
      const checkIn = addDays(today(), offset);
      const checkOut = addDays(checkIn, nights);
      const total = toCents(room.roomType.baseRate) * BigInt(nightsBetween(checkIn, checkOut));
      const booking = em.create(Booking, {
        room,
        roomType: room.roomType,
        customer,
        checkIn,
        checkOut,
        numGuests: 1,
        totalAmount: fromCents(total),
        nightlyRate: room.roomType.baseRate,
        status: BookingStatus.CONFIRMED,
        ...fields,
      });
      await em.flush();
      return booking;
    },
    async payment(booking: Booking, amount: string, method = PaymentMethod.CARD) {
      const payment = em.create(Payment, { booking, amount, currency: 'EUR', method });
      await em.flush();
      return payment;
    },
  };
}

export type Fixtures = ReturnType<typeof fixtures>;

/** Fixtures for each test of a file: filled in anew before each, on a fresh fork of `t`'s EntityManager. */
export function useFixtures(t: { em(): EntityManager }): Fixtures {
  const f = {} as Fixtures;
  beforeEach(() => {
    Object.assign(f, fixtures(t.em()));
  });
  return f;
}
