import type { EntityManager } from '@mikro-orm/postgresql';
import { issueToken } from '../auth/api-tokens';
import { hashPassword } from '../auth/passwords';
import { addDays, nightsBetween, today } from '../dates';
import {
  Booking,
  BookingLog,
  Customer,
  FolioItem,
  HousekeepingTask,
  Invoice,
  LoyaltyTransaction,
  MaintenanceRequest,
  Notification,
  Payment,
  Room,
  RoomType,
  User,
  WaitlistEntry,
} from '../entities';
import { BookingStatus } from '../entities/booking.entity';
import { HousekeepingTaskKind } from '../entities/housekeeping-task.entity';
import { MaintenanceSeverity } from '../entities/maintenance-request.entity';
import { PaymentMethod } from '../entities/payment.entity';
import { Role } from '../entities/role';
import { HousekeepingStatus } from '../entities/room.entity';
import { fromCents, toCents } from '../money';
import { seededRandom } from './seeded-random';

const FIRST_NAMES = ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kasia', 'Luca', 'Mina', 'Nils', 'Olga', 'Pablo'];
const LAST_NAMES = [
  'Lovelace',
  'Costa',
  'Ricci',
  'Volkov',
  'Garcia',
  'Haddad',
  'Berg',
  'Tanaka',
  'Moreau',
  'Weber',
  'Nowak',
  'Romano',
  'Park',
  'Larsen',
  'Ivanova',
  'Ortega',
];
const EXTRAS = [
  ['Minibar', '18.50'],
  ['Breakfast', '24.00'],
  ['Spa treatment', '85.00'],
  ['Room service', '42.00'],
  ['Laundry', '15.00'],
] as const;

export const DEMO_STAFF_PASSWORD = 'hotel-demo-password';

/** The demo's staff logins, all with DEMO_STAFF_PASSWORD: printed by `npm start` and listed in the README. */
export const DEMO_LOGINS = [
  { email: 'admin@hotel.example', name: 'Avery Admin', role: Role.ADMIN },
  { email: 'frontdesk@hotel.example', name: 'Frances Desk', role: Role.STAFF },
  { email: 'housekeeping@hotel.example', name: 'Hugo Keeper', role: Role.STAFF },
] as const;

/** The sales channel the demo's PARTNER token books for. */
export const DEMO_CHANNEL = 'demo-channel';

export interface DemoHotel {
  adminSecret: string;
  /** A PARTNER token's secret for DEMO_CHANNEL, shown once like every secret. */
  partnerSecret: string;
  rooms: number;
  bookings: number;
}

/**
 * A plausible hotel for `npm start`: room types, 40 rooms, guests, and stays in the past
 * (settled, with loyalty points), present (checked in) and future (deposits paid), all
 * obeying every rule the integrity report checks. Its business date is the day it is
 * seeded, with arrivals still to check in, guests in house and departures still to check out.
 */
export async function seedDemoHotel(em: EntityManager, currency: string): Promise<DemoHotel> {
  const random = seededRandom(20_270_301);
  const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
  const [admin, frontDesk, housekeeper] = DEMO_LOGINS.map((login) => em.create(User, { ...login, passwordHash }));
  const { secret: adminSecret } = issueToken(em, { name: 'demo admin', role: Role.ADMIN });
  const { secret: partnerSecret } = issueToken(em, { name: 'demo channel manager', role: Role.PARTNER, channel: DEMO_CHANNEL });

  const types = [
    em.create(RoomType, { name: 'Single', capacity: 1, baseRate: '89.00', description: 'One bed, one guest.' }),
    em.create(RoomType, { name: 'Double', capacity: 2, baseRate: '129.00', description: 'A queen bed.' }),
    em.create(RoomType, { name: 'Twin', capacity: 2, baseRate: '119.00', description: 'Two single beds.' }),
    em.create(RoomType, { name: 'Family', capacity: 4, baseRate: '189.00', description: 'A double and two singles.' }),
    em.create(RoomType, { name: 'Suite', capacity: 3, baseRate: '299.00', description: 'Living room and terrace.' }),
  ];
  const rooms: Room[] = [];
  for (let floor = 1; floor <= 4; floor++) {
    for (let n = 1; n <= 10; n++) {
      const type = floor === 4 && n > 7 ? types[4] : types[(n + floor) % 4];
      rooms.push(em.create(Room, { number: `${floor}${String(n).padStart(2, '0')}`, floor, roomType: type }));
    }
  }

  const customers: Customer[] = [];
  for (let i = 0; i < 30; i++) {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
    const lastName = LAST_NAMES[(i * 7) % LAST_NAMES.length];
    customers.push(
      em.create(Customer, {
        firstName,
        lastName,
        email: `${firstName}.${lastName}.${i}@guest.example`.toLowerCase(),
        phone: `+39 06 ${String(5550000 + i * 37)}`,
        user: i === 0 ? frontDesk : null,
      }),
    );
  }

  const start = today();
  let bookings = 0;
  let departuresDue = 0;
  for (const room of rooms) {
    // Stays follow each other in each room, so none overlap; gaps are free nights.
    let day = addDays(start, -random.int(40, 60));
    while (day < addDays(start, 60)) {
      const nights = random.int(1, 6);
      const checkIn = day;
      const checkOut = addDays(checkIn, nights);
      day = addDays(checkOut, random.int(0, 4));
      const customer = random.pick(customers);
      const numGuests = random.int(1, room.roomType.capacity);
      const totalCents = toCents(room.roomType.baseRate) * BigInt(nightsBetween(checkIn, checkOut));
      let status: BookingStatus;
      if (checkOut < start) status = random.next() < 0.1 ? BookingStatus.CANCELLED : BookingStatus.CHECKED_OUT;
      // Of the guests due to leave on the business date, every other one is still in.
      else if (checkOut === start) status = departuresDue++ % 2 === 0 ? BookingStatus.CHECKED_IN : BookingStatus.CHECKED_OUT;
      else if (checkIn < start) status = BookingStatus.CHECKED_IN;
      // The day's arrivals are all still to come.
      else if (checkIn === start) status = BookingStatus.CONFIRMED;
      else status = random.next() < 0.08 ? BookingStatus.CANCELLED : BookingStatus.CONFIRMED;

      const booking = em.create(Booking, {
        room,
        roomType: room.roomType,
        customer,
        checkIn,
        checkOut,
        numGuests,
        status,
        // A released booking no longer bills its room.
        totalAmount: status === BookingStatus.CANCELLED ? '0.00' : fromCents(totalCents),
        nightlyRate: room.roomType.baseRate,
        ...(status === BookingStatus.CANCELLED
          ? { cancelledAt: new Date(`${checkIn}T09:00:00Z`), cancelledBy: frontDesk, cancellationReason: 'Guest changed plans' }
          : {}),
      });
      bookings++;
      em.create(BookingLog, { booking, actor: frontDesk, action: 'CREATED', details: { channel: 'DIRECT' } });

      let extrasCents = 0n;
      if (status === BookingStatus.CHECKED_OUT || status === BookingStatus.CHECKED_IN) {
        for (let k = random.int(0, 2); k > 0; k--) {
          const [description, amount] = random.pick(EXTRAS);
          em.create(FolioItem, { booking, description, amount, postedBy: frontDesk });
          extrasCents += toCents(amount);
        }
      }
      if (status === BookingStatus.CHECKED_OUT) {
        const paid = totalCents + extrasCents;
        em.create(Payment, {
          booking,
          amount: fromCents(paid),
          currency,
          method: random.pick([PaymentMethod.CARD, PaymentMethod.CASH, PaymentMethod.BANK_TRANSFER]),
          processedBy: frontDesk,
        });
        const points = Number(paid / 100n);
        if (points > 0) {
          em.create(LoyaltyTransaction, { customer, booking, points, reason: `Stay ${checkIn} to ${checkOut}` });
          customer.loyaltyPoints += points;
        }
        em.create(Invoice, { booking, number: `INV-${checkOut.slice(0, 4)}-D${String(bookings).padStart(7, '0')}`, amount: fromCents(paid), currency });
        em.create(BookingLog, { booking, actor: frontDesk, action: 'CHECKED_OUT', details: {} });
      } else if (status === BookingStatus.CHECKED_IN || status === BookingStatus.CONFIRMED) {
        const deposit = totalCents / 5n;
        if (deposit > 0n) em.create(Payment, { booking, amount: fromCents(deposit), currency, method: PaymentMethod.CARD, processedBy: frontDesk });
      } else if (status === BookingStatus.CANCELLED) {
        em.create(BookingLog, { booking, actor: frontDesk, action: 'CANCELLED', details: { reason: 'Guest changed plans' } });
      }
    }
  }

  for (const room of rooms.slice(0, 5)) {
    room.housekeepingStatus = HousekeepingStatus.DIRTY;
    em.create(HousekeepingTask, { room, kind: HousekeepingTaskKind.CLEANING, assignedTo: housekeeper, notes: 'After check-out' });
  }
  em.create(MaintenanceRequest, {
    room: rooms[12],
    reportedBy: housekeeper,
    assignedTo: admin,
    description: 'Air conditioning rattles at night',
    severity: MaintenanceSeverity.MEDIUM,
  });
  em.create(WaitlistEntry, { customer: customers[3], roomType: types[4], checkIn: addDays(start, 20), checkOut: addDays(start, 23), numGuests: 2 });
  em.create(Notification, { user: frontDesk, kind: 'WELCOME', message: 'Welcome to the hotel operations API demo.' });

  await em.flush();
  // The hotel's day is the one the stays were laid out around: its arrivals, departures and guests in house.
  await em.execute(
    'insert into hotel_calendar (id, business_date) values (1, ?) on conflict (id) do update set business_date = excluded.business_date, updated_at = current_timestamp',
    [start],
  );
  return { adminSecret, partnerSecret, rooms: rooms.length, bookings };
}
