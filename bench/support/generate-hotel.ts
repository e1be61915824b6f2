import type pg from 'pg';

export interface HotelSize {
  bookings: number;
  rooms: number;
  customers: number;
  paymentsPerBooking?: number;
  folioItemsPerBooking?: number;
}

/**
 * Fills an empty hotel with set-based SQL (generate_series), fast enough for millions of
 * rows. Stays follow each other in each room (three days apart, two nights each, from a
 * month ahead, within the API's booking horizon for the sizes benchmarked), so the
 * exclusion constraint holds and every booking is valid; payments never exceed totals.
 */
export async function generateHotel(client: pg.Client, size: HotelSize): Promise<void> {
  const { bookings, rooms, customers, paymentsPerBooking = 0, folioItemsPerBooking = 0 } = size;
  await client.query(`insert into room_types (name, capacity, base_rate)
    select 'Type ' || g, 1 + g % 4, 80 + g * 20 from generate_series(1, 5) g`);
  await client.query(
    `insert into rooms (number, floor, room_type_id)
     select 'B' || lpad(g::text, 6, '0'), 1 + (g / 100) % 100, t.ids[1 + g % 5]
     from generate_series(0, $1 - 1) g, (select array_agg(id order by id) ids from room_types) t`,
    [rooms],
  );
  await client.query(
    `insert into customers (first_name, last_name, email)
     select 'Guest', 'Number' || g, 'guest' || g || '@bench.test' from generate_series(1, $1) g`,
    [customers],
  );
  await client.query(
    `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, status, total_amount)
     select r.ids[1 + g % $2], c.ids[1 + g % $3],
            current_date + 30 + (g / $2) * 3, current_date + 30 + (g / $2) * 3 + 2, 1, 'CONFIRMED', 300
     from generate_series(0, $1 - 1) g,
          (select array_agg(id order by id) ids from rooms) r,
          (select array_agg(id order by id) ids from customers) c`,
    [bookings, rooms, customers],
  );
  if (paymentsPerBooking > 0) {
    await client.query(
      `insert into payments (booking_id, amount, currency, method)
       select b.id, 50, 'EUR', 'CARD' from bookings b, generate_series(1, $1)`,
      [paymentsPerBooking],
    );
  }
  if (folioItemsPerBooking > 0) {
    await client.query(
      `insert into folio_items (booking_id, description, amount)
       select b.id, 'Minibar', 12.5 from bookings b, generate_series(1, $1)`,
      [folioItemsPerBooking],
    );
  }
  await client.query('analyze');
}
