import { registerEnumType } from 'type-graphql';
import { DELETABLE_ENTITY_CLASSES, DeletableEntity, entityConstant } from '../deletion/deletable-entity';
import { API_TOKEN_KIND_MEANINGS, ApiTokenKind } from '../entities/api-token.entity';
import { BOOKING_STATUS_MEANINGS, BookingStatus } from '../entities/booking.entity';
import { FEE_KIND_MEANINGS, FeeKind } from '../entities/cancellation-policy.entity';
import { CHANGE_KIND_MEANINGS, ChangeKind } from '../entities/change-event.entity';
import { FOLIO_ITEM_KIND_MEANINGS, FolioItemKind } from '../entities/folio-item.entity';
import {
  HOUSEKEEPING_TASK_KIND_MEANINGS,
  HOUSEKEEPING_TASK_STATUS_MEANINGS,
  HousekeepingTaskKind,
  HousekeepingTaskStatus,
} from '../entities/housekeeping-task.entity';
import {
  INTEGRITY_RUN_MODE_MEANINGS,
  INTEGRITY_RUN_OUTCOME_MEANINGS,
  INTEGRITY_RUN_TRIGGER_MEANINGS,
  IntegrityRunMode,
  IntegrityRunOutcome,
  IntegrityRunTrigger,
} from '../entities/integrity-run.entity';
import { MAINTENANCE_SEVERITY_MEANINGS, MAINTENANCE_STATUS_MEANINGS, MaintenanceSeverity, MaintenanceStatus } from '../entities/maintenance-request.entity';
import { WEBHOOK_DELIVERY_STATUS_MEANINGS, WebhookDeliveryStatus } from '../entities/outbox-delivery';
import { PAYMENT_METHOD_MEANINGS, PAYMENT_STATUS_MEANINGS, PaymentMethod, PaymentStatus } from '../entities/payment.entity';
import { ROLE_MEANINGS, Role } from '../entities/role';
import { HOUSEKEEPING_STATUS_MEANINGS, HousekeepingStatus, ROOM_STATUS_MEANINGS, RoomStatus } from '../entities/room.entity';
import { WAITLIST_STATUS_MEANINGS, WaitlistStatus } from '../entities/waitlist-entry.entity';
import { CLASSIFICATION } from '../errors/classification';
import { ERROR_CATEGORY_MEANINGS, ERROR_SEVERITY_MEANINGS, ErrorCategory, ErrorCode, ErrorSeverity } from '../errors/error-code';
import { errorTypeOf, RESULT_ERROR_TYPES } from '../errors/error-types';
import { IntegrityCheckKind, kindPrefix } from '../integrity/checks/integrity-check';
import { CHECK_KINDS } from '../integrity/checks/plan';
import { REPAIR_ACTION_KIND_MEANINGS, RepairActionKind } from '../integrity/repair';
import { ROOM_OCCUPANCY_MEANINGS, RoomOccupancy } from '../services/room-occupancy';

type ValuesConfig = Record<string, { description: string }>;

/** registerEnumType's valuesConfig from what each value means, as the layer that declares the enum says it. */
const described = (meanings: Readonly<Record<string, string>>): ValuesConfig =>
  Object.fromEntries(Object.entries(meanings).map(([value, description]) => [value, { description }]));

/** Where a client meets an error code: in a result union's error type, or only among the top-level errors. */
function whereAnswered(code: ErrorCode): string {
  const type = errorTypeOf(code);
  if (!type) return 'a top-level error, masked';
  const status = CLASSIFICATION[code].httpStatus;
  if (RESULT_ERROR_TYPES.includes(type)) return `${type.name} in a mutation's result, else a top-level error${status ? ` (HTTP ${status})` : ''}`;
  return `a top-level error${status ? `, HTTP ${status}` : ''}`;
}

/** Each ErrorCode value described from its row of the classification table, the one statement of what a code means. */
const ERROR_CODE_VALUES: ValuesConfig = Object.fromEntries(
  Object.entries(CLASSIFICATION).map(([code, { category, severity, retryable, message, advice }]) => [
    code,
    {
      description: `${category}, ${severity}, ${retryable ? 'retryable' : 'not retryable'}; ${whereAnswered(code as ErrorCode)}. ${/[.!?]$/.test(message) ? message : `${message}.`} ${advice}`,
    },
  ]),
);

const INTEGRITY_CHECK_KIND_VALUES: ValuesConfig = Object.fromEntries(
  CHECK_KINDS.map(({ kind, checks }) => [kind, { description: `Checks, named ${kindPrefix(kind)}…, that ${checks}.` }]),
);

const DELETABLE_ENTITY_VALUES: ValuesConfig = Object.fromEntries(
  DELETABLE_ENTITY_CLASSES.map((entity) => [entityConstant(entity.name), { description: `A record of the type ${entity.name}.` }]),
);

/**
 * Every enum of the schema, named and described here. An enum has no class to decorate:
 * the layers below declare plain TypeScript enums, with what each value means beside them,
 * and this is where they become GraphQL types, on import, before the schema is built
 * (schema.ts imports this first).
 */
const ENUMS: [object, string, string, ValuesConfig][] = [
  [Role, 'Role', 'Who a caller is to the hotel, and so what it may do; users and API tokens carry one.', described(ROLE_MEANINGS)],
  [ApiTokenKind, 'ApiTokenKind', 'How a bearer token came to be.', described(API_TOKEN_KIND_MEANINGS)],
  [
    BookingStatus,
    'BookingStatus',
    'Where a booking is in its life: CONFIRMED, then CHECKED_IN and CHECKED_OUT, or CANCELLED or NO_SHOW instead.',
    described(BOOKING_STATUS_MEANINGS),
  ],
  [RoomStatus, 'RoomStatus', 'Whether the room can be sold at all.', described(ROOM_STATUS_MEANINGS)],
  [HousekeepingStatus, 'HousekeepingStatus', 'Whether the room is ready for the next guest.', described(HOUSEKEEPING_STATUS_MEANINGS)],
  [HousekeepingTaskKind, 'HousekeepingTaskKind', 'What housekeeping is to do in a room.', described(HOUSEKEEPING_TASK_KIND_MEANINGS)],
  [HousekeepingTaskStatus, 'HousekeepingTaskStatus', 'Whether a housekeeping task is still to do.', described(HOUSEKEEPING_TASK_STATUS_MEANINGS)],
  [MaintenanceSeverity, 'MaintenanceSeverity', 'How urgent a fault is, as whoever reports it judges.', described(MAINTENANCE_SEVERITY_MEANINGS)],
  [
    MaintenanceStatus,
    'MaintenanceStatus',
    'Where a maintenance request stands: OPEN, then IN_PROGRESS, then RESOLVED.',
    described(MAINTENANCE_STATUS_MEANINGS),
  ],
  [PaymentMethod, 'PaymentMethod', 'How a payment was made.', described(PAYMENT_METHOD_MEANINGS)],
  [PaymentStatus, 'PaymentStatus', 'How much of a payment has been given back.', described(PAYMENT_STATUS_MEANINGS)],
  [WaitlistStatus, 'WaitlistStatus', 'Where a waitlist entry stands: WAITING, NOTIFIED, then FULFILLED, or WITHDRAWN.', described(WAITLIST_STATUS_MEANINGS)],
  [FeeKind, 'FeeKind', 'How a cancellation or no-show fee is reckoned from its booking.', described(FEE_KIND_MEANINGS)],
  [
    FolioItemKind,
    'FolioItemKind',
    'Who posted a folio item: staff, a rule of the hotel (the fees), or a guest spending loyalty points.',
    described(FOLIO_ITEM_KIND_MEANINGS),
  ],
  [
    RoomOccupancy,
    'RoomOccupancy',
    'What a room is on one day; the first of these that holds, in this order: OUT_OF_ORDER, OCCUPIED, DEPARTING, ARRIVING, VACANT.',
    described(ROOM_OCCUPANCY_MEANINGS),
  ],
  [
    ErrorCode,
    'ErrorCode',
    'The stable code of an error, in ClassifiedError.code and in errors[].extensions.code. Each value says its category, severity and retryability, where it is answered, its default message and what to do.',
    ERROR_CODE_VALUES,
  ],
  [ErrorCategory, 'ErrorCategory', 'What kind of failure an error is.', described(ERROR_CATEGORY_MEANINGS)],
  [ErrorSeverity, 'ErrorSeverity', 'How serious a failure, or a failed integrity check, is for the hotel’s operators.', described(ERROR_SEVERITY_MEANINGS)],
  [DeletableEntity, 'DeletableEntity', 'A kind of record that deleteImpact and deleteRecord accept.', DELETABLE_ENTITY_VALUES],
  [
    IntegrityCheckKind,
    'IntegrityCheckKind',
    'What an integrity check looks at; the prefix of its name is the kind in lower case (orphan:, fk_rule:, …).',
    INTEGRITY_CHECK_KIND_VALUES,
  ],
  [IntegrityRunTrigger, 'IntegrityRunTrigger', 'Who started an integrity run.', described(INTEGRITY_RUN_TRIGGER_MEANINGS)],
  [IntegrityRunMode, 'IntegrityRunMode', 'Which rows an integrity run looked at.', described(INTEGRITY_RUN_MODE_MEANINGS)],
  [IntegrityRunOutcome, 'IntegrityRunOutcome', 'How an integrity run ended.', described(INTEGRITY_RUN_OUTCOME_MEANINGS)],
  [RepairActionKind, 'RepairActionKind', 'What a repair does to rows or constraints.', described(REPAIR_ACTION_KIND_MEANINGS)],
  [ChangeKind, 'ChangeKind', 'What a change of the feed says happened; webhook endpoints subscribe to these.', described(CHANGE_KIND_MEANINGS)],
  [WebhookDeliveryStatus, 'WebhookDeliveryStatus', 'Where a webhook delivery stands.', described(WEBHOOK_DELIVERY_STATUS_MEANINGS)],
];

for (const [enumObject, name, description, valuesConfig] of ENUMS) registerEnumType(enumObject, { name, description, valuesConfig });
