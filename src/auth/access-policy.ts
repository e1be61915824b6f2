import { Role } from '../entities/role';

/** Anyone may call it, with or without a token (login). */
export const PUBLIC = 'PUBLIC';
export type Access = typeof PUBLIC | readonly Role[];

const { ADMIN, STAFF, PARTNER } = Role;
const EVERYONE = [ADMIN, STAFF, PARTNER] as const;
const HOTEL = [ADMIN, STAFF] as const;
const ADMIN_ONLY = [ADMIN] as const;

/**
 * The role matrix: who may call each root field, and who may read the fields below the
 * root listed here. It is the only place roles are named for access; the auth checker and
 * field guard enforce it (auth-checker.ts), a test walks the schema against it, and the
 * README table is generated from it. A root field missing here is denied to everyone.
 *
 * The matrix says what a role may do; which records it may do it to is the object-level
 * rule of visibility.ts: a partner's lists are limited to its own channel, and another
 * channel's record answers null (queries) or NOT_FOUND (mutations), never FORBIDDEN.
 */
export const ACCESS_MATRIX: Readonly<Record<string, Readonly<Record<string, Access>>>> = {
  Query: {
    me: EVERYONE,
    roomTypes: EVERYONE,
    roomType: EVERYONE,
    rooms: EVERYONE,
    room: EVERYONE,
    availableRooms: EVERYONE,
    // Partners: only their own channel's (visibility.ts).
    customers: EVERYONE,
    customer: EVERYONE,
    bookings: EVERYONE,
    booking: EVERYONE,
    arrivals: EVERYONE,
    departures: EVERYONE,
    inHouse: EVERYONE,
    // The house's figures (revenue, ADR, RevPAR) are the hotel's own.
    occupancy: HOTEL,
    housekeepingTasks: HOTEL,
    maintenanceRequests: HOTEL,
    waitlist: HOTEL,
    notifications: HOTEL,
    errorStats: ADMIN_ONLY,
    deleteImpact: HOTEL,
    integrityReport: ADMIN_ONLY,
    receivables: HOTEL,
    businessDate: EVERYONE,
    cancellationPolicies: EVERYONE,
    // Partners: their own channel's bookings only.
    cancellationQuote: EVERYONE,
  },
  Mutation: {
    login: PUBLIC,
    // Partners: bookings and customers of their own channel only; payments only on those.
    createBooking: EVERYONE,
    amendBooking: HOTEL,
    cancelBooking: EVERYONE,
    checkInBooking: HOTEL,
    checkOutBooking: HOTEL,
    moveRoom: HOTEL,
    markNoShow: HOTEL,
    closeBusinessDay: HOTEL,
    setCancellationPolicy: ADMIN_ONLY,
    recordPayment: EVERYONE,
    refundPayment: HOTEL,
    addFolioItem: HOTEL,
    createRoomType: ADMIN_ONLY,
    updateRoomType: ADMIN_ONLY,
    createRoom: ADMIN_ONLY,
    updateRoom: HOTEL,
    createCustomer: EVERYONE,
    updateCustomer: EVERYONE,
    createUser: ADMIN_ONLY,
    createApiToken: ADMIN_ONLY,
    // Anyone but an ADMIN revokes only its own token or session (logging out).
    revokeApiToken: EVERYONE,
    createHousekeepingTask: HOTEL,
    completeHousekeepingTask: HOTEL,
    openMaintenanceRequest: HOTEL,
    resolveMaintenanceRequest: HOTEL,
    joinWaitlist: HOTEL,
    markNotificationRead: HOTEL,
    deleteRecord: ADMIN_ONLY,
    repairIntegrity: ADMIN_ONLY,
  },
  // Fields below the root that partners must not see: who on the staff did what, the
  // hotel's own bills and ledgers, and of their customers anything they did not supply.
  Booking: { deletable: HOTEL, cancelledBy: HOTEL, logs: HOTEL, folioItems: HOTEL, invoice: HOTEL },
  Payment: { processedBy: HOTEL },
  Customer: { deletable: HOTEL, user: HOTEL, loyaltyPoints: HOTEL, channel: HOTEL, createdAt: HOTEL },
  Room: { deletable: HOTEL },
  RoomType: { deletable: HOTEL },
  User: { deletable: HOTEL },
};

/**
 * What a role may decide inside an operation it may call, beyond the matrix: a rule of the
 * hotel that bends for some roles only. Letting a guest leave owing money (check-out with
 * an open balance, which writes a receivable) is an administrator's call.
 */
export const DISCRETION = {
  checkOutWithOpenBalance: ADMIN_ONLY,
} as const satisfies Readonly<Record<string, readonly Role[]>>;

/** Whether `role` may take the decision `what` (see DISCRETION). */
export function mayDecide(role: Role | undefined, what: keyof typeof DISCRETION): boolean {
  return role !== undefined && (DISCRETION[what] as readonly Role[]).includes(role);
}

export function accessOf(parentType: string, field: string): Access | undefined {
  return ACCESS_MATRIX[parentType]?.[field];
}
