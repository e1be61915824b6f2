import { registerEnumType } from 'type-graphql';
import { DeletableEntity } from '../deletion/deletable-entity';
import { ApiTokenKind } from '../entities/api-token.entity';
import { BookingStatus } from '../entities/booking.entity';
import { FeeKind } from '../entities/cancellation-policy.entity';
import { ChangeKind } from '../entities/change-event.entity';
import { FolioItemKind } from '../entities/folio-item.entity';
import { HousekeepingTaskKind, HousekeepingTaskStatus } from '../entities/housekeeping-task.entity';
import { MaintenanceSeverity, MaintenanceStatus } from '../entities/maintenance-request.entity';
import { PaymentMethod, PaymentStatus } from '../entities/payment.entity';
import { Role } from '../entities/role';
import { HousekeepingStatus, RoomStatus } from '../entities/room.entity';
import { WaitlistStatus } from '../entities/waitlist-entry.entity';
import { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { ErrorCategory, ErrorCode, ErrorSeverity } from '../errors/error-code';
import { IntegrityCheckKind } from '../integrity/checks/integrity-check';
import { RepairActionKind } from '../integrity/repair';
import { RoomOccupancy } from '../services/room-occupancy';

/**
 * Every enum of the schema, named and described here. An enum has no class to decorate:
 * the layers below declare plain TypeScript enums, and this is where they become GraphQL
 * types, on import, before the schema is built (schema.ts imports this first).
 */
const ENUMS: [object, string, string?, Record<string, { description: string }>?][] = [
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
  [FeeKind, 'FeeKind', 'How a cancellation or no-show fee is reckoned from its booking.'],
  [
    FolioItemKind,
    'FolioItemKind',
    'Who posted a folio item: staff (CHARGE), a rule of the hotel (the fees), or a guest spending loyalty points (LOYALTY_REDEMPTION).',
  ],
  [
    RoomOccupancy,
    'RoomOccupancy',
    'What a room is on one day; the first of these that holds, in this order: OUT_OF_ORDER, OCCUPIED, DEPARTING, ARRIVING, VACANT.',
    {
      OUT_OF_ORDER: { description: 'Not in service, or an unresolved maintenance request takes it out of order that night.' },
      OCCUPIED: { description: 'A guest sleeps in it that night: a booking holding the night is checked in, or began in this room before the day.' },
      DEPARTING: { description: 'A checked-in guest leaves it that day and is still to check out.' },
      ARRIVING: { description: 'A confirmed booking begins in it that day.' },
      VACANT: { description: 'None of these: free to sell or to give.' },
    },
  ],
  [ErrorCode, 'ErrorCode'],
  [ErrorCategory, 'ErrorCategory'],
  [ErrorSeverity, 'ErrorSeverity'],
  [DeletableEntity, 'DeletableEntity', 'A kind of record that deleteImpact and deleteRecord accept.'],
  [IntegrityCheckKind, 'IntegrityCheckKind', 'What an integrity check looks at; the prefix of its name is the kind in lower case (orphan:, fk_rule:, …).'],
  [RepairActionKind, 'RepairActionKind', 'What a repair does to rows or constraints.'],
  [ChangeKind, 'ChangeKind', 'What a change of the feed says happened; webhook endpoints subscribe to these.'],
  [
    WebhookDeliveryStatus,
    'WebhookDeliveryStatus',
    'Where a webhook delivery stands.',
    {
      PENDING: { description: 'To be sent: now, or at nextAttemptAt after a failed attempt.' },
      DELIVERED: { description: 'The endpoint answered 2xx.' },
      FAILED: { description: 'Given up when its endpoint was disabled; redeliverWebhook queues it again.' },
    },
  ],
];

for (const [enumObject, name, description, valuesConfig] of ENUMS) registerEnumType(enumObject, { name, description, valuesConfig });
