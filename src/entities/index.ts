import { AlertDelivery } from './alert-delivery.entity';
import { AlertState } from './alert-state.entity';
import { ApiToken } from './api-token.entity';
import { AuditEntry } from './audit-entry.entity';
import { Booking } from './booking.entity';
import { BookingLog } from './booking-log.entity';
import { CancellationPolicy } from './cancellation-policy.entity';
import { ChangeEvent } from './change-event.entity';
import { CostBudgetWindow } from './cost-budget-window.entity';
import { Customer } from './customer.entity';
import { ErrorCount } from './error-count.entity';
import { ErrorMinute } from './error-minute.entity';
import { ErrorTotal } from './error-total.entity';
import { FolioItem } from './folio-item.entity';
import { HotelCalendar } from './hotel-calendar.entity';
import { HousekeepingTask } from './housekeeping-task.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { IntegrityChange } from './integrity-change.entity';
import { IntegrityRun } from './integrity-run.entity';
import { IntegrityRunCheck } from './integrity-run-check.entity';
import { IntegrityRunTotal } from './integrity-run-total.entity';
import { Invoice } from './invoice.entity';
import { LoginAttempt } from './login-attempt.entity';
import { LoyaltyTransaction } from './loyalty-transaction.entity';
import { MaintenanceRequest } from './maintenance-request.entity';
import { NightAudit } from './night-audit.entity';
import { Notification } from './notification.entity';
import { Payment } from './payment.entity';
import { RateSeason } from './rate-season.entity';
import { Receivable } from './receivable.entity';
import { Room } from './room.entity';
import { RoomType } from './room-type.entity';
import { RoomTypeNight } from './room-type-night.entity';
import { ScheduledJob } from './scheduled-job.entity';
import { User } from './user.entity';
import { WaitlistEntry } from './waitlist-entry.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export {
  AlertDelivery,
  AlertState,
  ApiToken,
  AuditEntry,
  Booking,
  BookingLog,
  CancellationPolicy,
  ChangeEvent,
  CostBudgetWindow,
  Customer,
  ErrorCount,
  ErrorMinute,
  ErrorTotal,
  FolioItem,
  HotelCalendar,
  HousekeepingTask,
  IdempotencyRecord,
  IntegrityChange,
  IntegrityRun,
  IntegrityRunCheck,
  IntegrityRunTotal,
  Invoice,
  LoginAttempt,
  LoyaltyTransaction,
  MaintenanceRequest,
  NightAudit,
  Notification,
  Payment,
  RateSeason,
  Receivable,
  Room,
  RoomType,
  RoomTypeNight,
  ScheduledJob,
  User,
  WaitlistEntry,
  WebhookDelivery,
  WebhookEndpoint,
};

/** The hotel's records: what its staff, partners and administrators read, change and delete. */
export const HOTEL_ENTITIES: readonly Function[] = [
  User,
  Customer,
  RoomType,
  Room,
  Booking,
  Payment,
  RateSeason,
  FolioItem,
  Invoice,
  BookingLog,
  Notification,
  LoyaltyTransaction,
  HousekeepingTask,
  MaintenanceRequest,
  WaitlistEntry,
  CancellationPolicy,
  Receivable,
  NightAudit,
  ApiToken,
  AuditEntry,
  WebhookEndpoint,
];

/**
 * What the API keeps for itself, shared by its processes: stored answers to idempotent
 * requests, login attempts, error counts and their per-minute history (shown as errorHistory), job schedules, the business date, the change feed's outbox, the room-type inventory its triggers keep, what each token spent of its cost budget, the webhooks' outbox (shown as webhookDeliveries, as the feed is as changes), the integrity runs' history and totals (shown as integrityRuns), the alerts' claims and outbox, the keys of the rows written since the last integrity run. Never shown, never deleted by a
 * client.
 */
export const INTERNAL_ENTITIES: readonly Function[] = [
  IdempotencyRecord,
  LoginAttempt,
  ErrorCount,
  ErrorTotal,
  ErrorMinute,
  ScheduledJob,
  HotelCalendar,
  ChangeEvent,
  RoomTypeNight,
  CostBudgetWindow,
  WebhookDelivery,
  IntegrityRun,
  IntegrityRunCheck,
  IntegrityRunTotal,
  AlertState,
  AlertDelivery,
  IntegrityChange,
];

/** Every entity of the model, for the ORM and for anything that walks the model. */
export const ENTITIES = [...HOTEL_ENTITIES, ...INTERNAL_ENTITIES];
