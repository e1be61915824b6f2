/** The staff app's bookings page: what bench:read measures, and what the query limits must let through. */
export const BOOKINGS_PAGE_QUERY =
  '{ bookings(first: 100) { nodes { id checkIn checkOut status room { number roomType { name baseRate } } customer { firstName lastName email } } } }';
