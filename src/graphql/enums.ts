import { registerEnumType } from 'type-graphql';
import { DeletableEntity } from '../deletion/deletable-entity';
import { ApiTokenKind } from '../entities/api-token.entity';
import { BookingStatus } from '../entities/booking.entity';
import { HousekeepingTaskKind, HousekeepingTaskStatus } from '../entities/housekeeping-task.entity';
import { MaintenanceSeverity, MaintenanceStatus } from '../entities/maintenance-request.entity';
import { PaymentMethod, PaymentStatus } from '../entities/payment.entity';
import { Role } from '../entities/role';
import { HousekeepingStatus, RoomStatus } from '../entities/room.entity';
import { WaitlistStatus } from '../entities/waitlist-entry.entity';
import { ErrorCategory, ErrorCode, ErrorSeverity } from '../errors/error-code';
import { IntegrityCheckKind } from '../integrity/checks/integrity-check';
import { RepairActionKind } from '../integrity/repair';

/**
 * Every enum of the schema, named and described here. An enum has no class to decorate:
 * the layers below declare plain TypeScript enums, and this is where they become GraphQL
 * types, on import, before the schema is built (schema.ts imports this first).
 */
const ENUMS: [object, string, string?][] = [
  [Role, 'Role', 'What a caller may do: ADMIN everything, STAFF daily operations, PARTNER its own bookings.'],
  [ApiTokenKind, 'ApiTokenKind'],
  [BookingStatus, 'BookingStatus'],
  [RoomStatus, 'RoomStatus', 'Whether the room can be sold at all.'],
  [HousekeepingStatus, 'HousekeepingStatus'],
  [HousekeepingTaskKind, 'HousekeepingTaskKind'],
  [HousekeepingTaskStatus, 'HousekeepingTaskStatus'],
  [MaintenanceSeverity, 'MaintenanceSeverity'],
  [MaintenanceStatus, 'MaintenanceStatus'],
  [PaymentMethod, 'PaymentMethod'],
  [PaymentStatus, 'PaymentStatus'],
  [WaitlistStatus, 'WaitlistStatus'],
  [ErrorCode, 'ErrorCode'],
  [ErrorCategory, 'ErrorCategory'],
  [ErrorSeverity, 'ErrorSeverity'],
  [DeletableEntity, 'DeletableEntity', 'A kind of record that deleteImpact and deleteRecord accept.'],
  [IntegrityCheckKind, 'IntegrityCheckKind', 'What an integrity check looks at; the prefix of its name is the kind in lower case (orphan:, fk_rule:, …).'],
  [RepairActionKind, 'RepairActionKind', 'What a repair does to rows or constraints.'],
];

for (const [enumObject, name, description] of ENUMS) registerEnumType(enumObject, { name, description });
