import { Role } from '../entities/role';

/** Anyone may call it, with or without a token (login). */
export const PUBLIC = 'PUBLIC';
export type Access = typeof PUBLIC | readonly Role[];

const { ADMIN, STAFF, PARTNER } = Role;
const EVERYONE = [ADMIN, STAFF, PARTNER] as const;
const HOTEL = [ADMIN, STAFF] as const;
const ADMIN_ONLY = [ADMIN] as const;

/**
 * The role matrix: who may call each root field. It is the only place roles are named for
 * access; the auth checker enforces it, a test walks the schema against it, and the README
 * table is generated from it. A root field missing here is denied to everyone.
 */
export const ACCESS_MATRIX: Readonly<Record<string, Readonly<Record<string, Access>>>> = {
  Query: {
    me: EVERYONE,
    roomTypes: EVERYONE,
    roomType: EVERYONE,
    rooms: EVERYONE,
    room: EVERYONE,
    availableRooms: EVERYONE,
    customers: HOTEL,
    customer: HOTEL,
    bookings: HOTEL,
    booking: HOTEL,
    housekeepingTasks: HOTEL,
    maintenanceRequests: HOTEL,
    waitlist: HOTEL,
    notifications: HOTEL,
    errorStats: ADMIN_ONLY,
    deleteImpact: HOTEL,
    integrityReport: ADMIN_ONLY,
  },
  Mutation: {
    createBooking: EVERYONE,
    amendBooking: HOTEL,
    cancelBooking: EVERYONE,
    checkInBooking: HOTEL,
    checkOutBooking: HOTEL,
    markNoShow: HOTEL,
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
  // Fields below the root that reveal what partners must not see (other channels' bookings).
  Booking: { deletable: HOTEL },
  Customer: { deletable: HOTEL },
  Room: { deletable: HOTEL },
  RoomType: { deletable: HOTEL },
  User: { deletable: HOTEL },
};

export function accessOf(parentType: string, field: string): Access | undefined {
  return ACCESS_MATRIX[parentType]?.[field];
}
