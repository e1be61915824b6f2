/** The staff app's bookings page: what bench:read measures, and what the query limits must let through. */
export const BOOKINGS_PAGE_QUERY =
  '{ bookings(first: 100) { nodes { id checkIn checkOut status room { number roomType { name baseRate } } customer { firstName lastName email } } } }';

/** The same page asked of PostGraphile 5 (amber preset): its names for the same rows in the same order. */
export const POSTGRAPHILE_PAGE_QUERY = `{ allBookings(first: 100, orderBy: [CHECK_IN_ASC, PRIMARY_KEY_ASC]) { nodes {
  rowId checkIn checkOut status
  roomByRoomId { number roomTypeByRoomTypeId { name baseRate } }
  customerByCustomerId { firstName lastName email } } } }`;

/** Dates and numerics as PostgreSQL prints them, as the API returns them: how the floors read. */
export function readAsPostgresPrints(types: { setTypeParser(oid: number, parse: (value: string) => unknown): void }): void {
  types.setTypeParser(1082, (value) => value);
  types.setTypeParser(1700, (value) => value);
}

/** The same rows by one SQL join: the floors. */
export const FLOOR_PAGE_SQL = `select b.id, b.check_in, b.check_out, b.status, r.number, rt.name, rt.base_rate, c.first_name, c.last_name, c.email
  from bookings b join rooms r on r.id = b.room_id join room_types rt on rt.id = r.room_type_id join customers c on c.id = b.customer_id
  order by b.check_in, b.id limit 100`;

export interface FloorRow {
  id: number;
  check_in: string;
  check_out: string;
  status: string;
  number: string;
  name: string;
  base_rate: string;
  first_name: string;
  last_name: string;
  email: string;
}

/** What a page answers, shaped as the API's: the floor's body, and the form every contender's rows are compared in. */
export function pageOfFloorRows(rows: readonly FloorRow[]) {
  return {
    data: {
      bookings: {
        nodes: rows.map((row) => ({
          id: String(row.id),
          checkIn: row.check_in,
          checkOut: row.check_out,
          status: row.status,
          room: { number: row.number, roomType: { name: row.name, baseRate: row.base_rate } },
          customer: { firstName: row.first_name, lastName: row.last_name, email: row.email },
        })),
      },
    },
  };
}
