import { Role } from '../entities/role';

/** Anyone may call it, with or without a token (login). */
export const PUBLIC = 'PUBLIC';
export type Access = typeof PUBLIC | readonly Role[];

const { ADMIN, STAFF, PARTNER } = Role;
const EVERYONE = [ADMIN, STAFF, PARTNER] as const;
const HOTEL = [ADMIN, STAFF] as const;
const ADMIN_ONLY = [ADMIN] as const;
/** The firms that integrate with the hotel, and its administrators: each manages its own webhooks. */
const ADMIN_AND_PARTNERS = [ADMIN, PARTNER] as const;

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
    // What is for sale and at what price: the partner's daily bread.
    availability: EVERYONE,
    quote: EVERYONE,
    // Partners: only their own channel's (visibility.ts).
    customers: EVERYONE,
    customer: EVERYONE,
    bookings: EVERYONE,
    booking: EVERYONE,
    // Partners: the reference in their own channel only.
    bookingByReference: EVERYONE,
    arrivals: EVERYONE,
    departures: EVERYONE,
    inHouse: EVERYONE,
    // The house's figures (revenue, ADR, RevPAR) are the hotel's own.
    occupancy: HOTEL,
    housekeepingTasks: HOTEL,
    maintenanceRequests: HOTEL,
    waitlist: HOTEL,
    // Partners: their own channel's guests' notifications only (notification.service.ts).
    notifications: EVERYONE,
    errorStats: ADMIN_ONLY,
    errorHistory: ADMIN_ONLY,
    deleteImpact: HOTEL,
    integrityReport: ADMIN_ONLY,
    integrityRuns: ADMIN_ONLY,
    integrityRun: ADMIN_ONLY,
    auditEntries: ADMIN_ONLY,
    // Partners: their own channel's bookings and payments only.
    changes: EVERYONE,
    receivables: HOTEL,
    businessDate: EVERYONE,
    cancellationPolicies: EVERYONE,
    // Partners: their own channel's bookings only.
    cancellationQuote: EVERYONE,
    erasureImpact: ADMIN_ONLY,
    // The hotel's own ledger, as Customer.loyaltyPoints is.
    loyaltyTransactions: HOTEL,
    // STAFF: the ids and names of active users only, for assignee pickers (PARTIAL_READS).
    users: HOTEL,
    apiTokens: ADMIN_ONLY,
    // A partner: its own endpoints only (webhook-endpoints.ts).
    webhookEndpoints: ADMIN_AND_PARTNERS,
    webhookDeliveries: ADMIN_AND_PARTNERS,
  },
  Mutation: {
    login: PUBLIC,
    // Partners: bookings and customers of their own channel only; payments only on those.
    createBooking: EVERYONE,
    // Partners: their own channel's, by id or by their reference.
    amendBooking: EVERYONE,
    cancelBooking: EVERYONE,
    checkInBooking: HOTEL,
    checkOutBooking: HOTEL,
    moveRoom: HOTEL,
    assignRoom: HOTEL,
    markNoShow: HOTEL,
    closeBusinessDay: HOTEL,
    setCancellationPolicy: ADMIN_ONLY,
    recordPayment: EVERYONE,
    refundPayment: HOTEL,
    addFolioItem: HOTEL,
    createRoomType: ADMIN_ONLY,
    updateRoomType: ADMIN_ONLY,
    createRateSeason: ADMIN_ONLY,
    updateRateSeason: ADMIN_ONLY,
    createRoom: ADMIN_ONLY,
    updateRoom: HOTEL,
    createCustomer: EVERYONE,
    updateCustomer: EVERYONE,
    eraseCustomer: ADMIN_ONLY,
    redeemLoyaltyPoints: HOTEL,
    createUser: ADMIN_ONLY,
    updateUser: ADMIN_ONLY,
    deactivateUser: ADMIN_ONLY,
    reactivateUser: ADMIN_ONLY,
    resetPassword: ADMIN_ONLY,
    // A staff user's own password, from their session or personal token.
    changePassword: HOTEL,
    createApiToken: ADMIN_ONLY,
    // Anyone but an ADMIN revokes only its own token or session (logging out).
    revokeApiToken: EVERYONE,
    createHousekeepingTask: HOTEL,
    assignHousekeepingTask: HOTEL,
    completeHousekeepingTask: HOTEL,
    openMaintenanceRequest: HOTEL,
    startMaintenanceRequest: HOTEL,
    assignMaintenanceRequest: HOTEL,
    resolveMaintenanceRequest: HOTEL,
    joinWaitlist: HOTEL,
    withdrawWaitlistEntry: HOTEL,
    // Partners: their own channel's guests' notifications only.
    markNotificationRead: EVERYONE,
    markAllNotificationsRead: EVERYONE,
    deleteRecord: ADMIN_ONLY,
    repairIntegrity: ADMIN_ONLY,
    // A partner: its own endpoints only, sent its own channel's events only.
    createWebhookEndpoint: ADMIN_AND_PARTNERS,
    disableWebhookEndpoint: ADMIN_AND_PARTNERS,
    enableWebhookEndpoint: ADMIN_AND_PARTNERS,
    deleteWebhookEndpoint: ADMIN_AND_PARTNERS,
    redeliverWebhook: ADMIN_AND_PARTNERS,
  },
  // Fields below the root that partners must not see: who on the staff did what, the
  // hotel's own bills and ledgers, and of their customers anything they did not supply.
  Booking: { deletable: HOTEL, cancelledBy: HOTEL, logs: HOTEL, folioItems: HOTEL, invoice: HOTEL },
  Payment: { processedBy: HOTEL },
  Customer: { deletable: HOTEL, user: HOTEL, loyaltyPoints: HOTEL, channel: HOTEL, createdAt: HOTEL },
  Room: { deletable: HOTEL },
  RoomType: { deletable: HOTEL },
  User: { deletable: HOTEL },
  ApiToken: { user: HOTEL },
};

/**
 * Root lists a role may call but read only part of, beyond the matrix: the fields of their
 * nodes it may select (selecting any other is FORBIDDEN), and for that role the list holds
 * only what a picker offers. STAFF lists users to assign work to: active users, found by
 * name, their ids and names. Where else STAFF meets a user (who cancelled, who is assigned)
 * it reads the user as the matrix says.
 */
export const PARTIAL_READS: Readonly<Record<string, Partial<Record<Role, readonly string[]>>>> = {
  users: { [STAFF]: ['id', 'name'] },
};

/** The node fields `role` may select from the root list `field`; undefined when it may read them all. */
export function partialReadOf(field: string, role: Role | undefined): readonly string[] | undefined {
  return role === undefined ? undefined : PARTIAL_READS[field]?.[role];
}

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
