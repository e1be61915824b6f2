/**
 * Stay dates are calendar dates ("2027-03-01"), compared and stepped as UTC days so no
 * time zone or daylight-saving change can add or lose a night.
 */
const DAY_MS = 86_400_000;

/** The calendar the API accepts dates from; the bookings table's CHECK says the same. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';

export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function nightsBetween(checkIn: string, checkOut: string): number {
  return Math.round((Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / DAY_MS);
}

/** The calendar date and the wall-clock time ("HH:MM") at instant `now` in `timeZone`. */
export function localDateTime(now: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The calendar date at instant `now` in `timeZone`: where the hotel is, not where the machine is. */
export function localDate(now: Date, timeZone: string): string {
  return localDateTime(now, timeZone).date;
}
