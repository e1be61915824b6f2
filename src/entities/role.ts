/** Who a caller is to the hotel; users and API tokens carry one. */
export enum Role {
  ADMIN = 'ADMIN',
  STAFF = 'STAFF',
  PARTNER = 'PARTNER',
}

/** What each role may do, as the schema describes it; the role matrix (auth/access-policy.ts) is what enforces it. */
export const ROLE_MEANINGS: Readonly<Record<Role, string>> = {
  ADMIN: "The hotel's administrators: everything STAFF may do, and users, API tokens, deletes, integrity repairs, the audit trail and error statistics.",
  STAFF: "The hotel's staff: the daily operations of bookings, payments, rooms, housekeeping, maintenance and the waitlist.",
  PARTNER:
    'A firm integrating with the hotel (a booking channel, a payment processor): availability and quotes, and the bookings, customers and payments of its own channel.',
};
