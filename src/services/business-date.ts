import type { EntityManager } from '@mikro-orm/postgresql';
import { localDate } from '../dates';

/**
 * The hotel's business date, as the database keeps it (hotel_calendar): "today" in every
 * rule. Read in the transaction that applies a rule, so a day closed meanwhile by another
 * process is seen once committed; a booking row lock already orders a rule against the
 * night audit that would change the same booking.
 */
export async function businessDateOf(em: EntityManager): Promise<string> {
  const [row] = await em.execute<{ business_date: string }[]>(`select business_date::text from hotel_calendar where id = 1`);
  if (!row) throw new Error('hotel_calendar has no row: the API makes it at start-up (ensureBusinessDate)');
  return row.business_date;
}

/** SQL for the same date inside a statement. */
export { BUSINESS_DATE_SQL } from '../entities/hotel-calendar.entity';

/**
 * Makes the calendar's one row where there is none: the business date starts as the local
 * date of the hotel's time zone. Run at start-up; a row already there is kept.
 */
export async function ensureBusinessDate(query: (sql: string, params: unknown[]) => Promise<unknown>, timeZone: string, now = new Date()): Promise<void> {
  await query('insert into hotel_calendar (id, business_date) values (1, $1::date) on conflict (id) do nothing', [localDate(now, timeZone)]);
}
