import type { EntityManager } from '@mikro-orm/postgresql';
import { seededRandom } from '../../src/demo/seeded-random';

export { seededRandom };

/**
 * A random hotel with every relation of the model in use and many rows reached by several
 * paths: users who are customers, bookings cancelled by their own guest, payments and
 * logs by users of other customers, invoices on some stays. Written with plain SQL.
 */
export async function generateRandomHotel(em: EntityManager, seed: number): Promise<void> {
  const r = seededRandom(seed);
  const ids = async (sql: string, params: unknown[] = []) => (await em.execute<{ id: number }[]>(`${sql} returning id`, params))[0].id;
  const users: number[] = [];
  for (let i = 0, n = r.int(3, 6); i < n; i++) {
    users.push(await ids(`insert into users (email, name, role, password_hash) values (?, ?, 'STAFF', 'x')`, [`u${seed}-${i}@h.test`, `User ${i}`]));
  }
  const types: number[] = [];
  for (let i = 0, n = r.int(1, 3); i < n; i++)
    types.push(await ids(`insert into room_types (name, capacity, base_rate) values (?, 4, 100)`, [`T${seed}-${i}`]));
  const rooms: number[] = [];
  for (let i = 0, n = r.int(2, 5); i < n; i++)
    rooms.push(await ids(`insert into rooms (number, floor, room_type_id) values (?, 1, ?)`, [`R${seed}-${i}`, r.pick(types)]));
  const customers: number[] = [];
  const customerUsers = [...users].sort(() => r.next() - 0.5).slice(0, r.int(0, users.length));
  for (let i = 0, n = r.int(2, 5); i < n; i++) {
    customers.push(
      await ids(`insert into customers (first_name, last_name, email, user_id) values ('G', ?, ?, ?)`, [
        `C${i}`,
        `c${seed}-${i}@g.test`,
        customerUsers[i] ?? null,
      ]),
    );
  }
  const nextFree = new Map(rooms.map((room) => [room, 0]));
  const bookings: number[] = [];
  for (let i = 0, n = r.int(3, 12); i < n; i++) {
    const room = r.pick(rooms);
    const start = nextFree.get(room)! + r.int(0, 2);
    nextFree.set(room, start + 2);
    const status = r.pick(['CONFIRMED', 'CANCELLED', 'CHECKED_OUT', 'CHECKED_IN']);
    const cancelledBy = status === 'CANCELLED' ? r.maybe(0.8, () => r.pick(users)) : null;
    const booking = await ids(
      `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, status, total_amount, cancelled_by_id, cancelled_at)
       values (?, ?, date '2031-01-01' + ?::int, date '2031-01-01' + ?::int, 1, ?, 200, ?, ?)`,
      [room, r.pick(customers), start, start + 2, status, cancelledBy, status === 'CANCELLED' ? new Date() : null],
    );
    bookings.push(booking);
    for (let k = r.int(0, 2); k > 0; k--)
      await ids(`insert into payments (booking_id, amount, currency, method, processed_by_id) values (?, 50, 'EUR', 'CARD', ?)`, [
        booking,
        r.maybe(0.7, () => r.pick(users)),
      ]);
    for (let k = r.int(0, 2); k > 0; k--)
      await ids(`insert into folio_items (booking_id, description, amount, posted_by_id) values (?, 'Bar', 10, ?)`, [
        booking,
        r.maybe(0.5, () => r.pick(users)),
      ]);
    for (let k = r.int(0, 2); k > 0; k--)
      await ids(`insert into booking_logs (booking_id, actor_id, action) values (?, ?, 'X')`, [booking, r.maybe(0.7, () => r.pick(users))]);
    if (status === 'CHECKED_OUT' && r.next() < 0.4)
      await ids(`insert into invoices (booking_id, number, amount, currency) values (?, ?, 200, 'EUR')`, [booking, `I${seed}-${booking}`]);
  }
  for (const customer of customers) {
    for (let k = r.int(0, 2); k > 0; k--)
      await ids(`insert into loyalty_transactions (customer_id, booking_id, points, reason) values (?, ?, 5, 'x')`, [
        customer,
        r.maybe(0.6, () => r.pick(bookings)),
      ]);
    if (r.next() < 0.5)
      await ids(`insert into waitlist_entries (customer_id, room_type_id, check_in, check_out, num_guests) values (?, ?, '2032-01-01', '2032-01-03', 1)`, [
        customer,
        r.pick(types),
      ]);
    if (r.next() < 0.5) await ids(`insert into notifications (customer_id, kind, message) values (?, 'X', 'm')`, [customer]);
  }
  for (const user of users) {
    if (r.next() < 0.6)
      await ids(`insert into notifications (user_id, customer_id, kind, message) values (?, ?, 'X', 'm')`, [user, r.maybe(0.3, () => r.pick(customers))]);
    if (r.next() < 0.5)
      await ids(`insert into api_tokens (name, role, secret_hash, user_id) values ('t', 'STAFF', ?, ?)`, [`${seed}-${user}`.padEnd(64, '0'), user]);
  }
  for (let k = r.int(0, 4); k > 0; k--)
    await ids(`insert into housekeeping_tasks (room_id, kind, assigned_to_id) values (?, 'CLEANING', ?)`, [r.pick(rooms), r.maybe(0.6, () => r.pick(users))]);
  for (let k = r.int(0, 3); k > 0; k--) {
    await ids(`insert into maintenance_requests (room_id, description, severity, reported_by_id, assigned_to_id) values (?, 'x', 'LOW', ?, ?)`, [
      r.pick(rooms),
      r.maybe(0.7, () => r.pick(users)),
      r.maybe(0.7, () => r.pick(users)),
    ]);
  }
}
