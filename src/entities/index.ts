import { ApiToken } from './api-token.entity';
import { AuditEntry } from './audit-entry.entity';
import { Booking } from './booking.entity';
import { BookingLog } from './booking-log.entity';
import { Customer } from './customer.entity';
import { FolioItem } from './folio-item.entity';
import { HousekeepingTask } from './housekeeping-task.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { Invoice } from './invoice.entity';
import { LoyaltyTransaction } from './loyalty-transaction.entity';
import { MaintenanceRequest } from './maintenance-request.entity';
import { Notification } from './notification.entity';
import { Payment } from './payment.entity';
import { Room } from './room.entity';
import { RoomType } from './room-type.entity';
import { User } from './user.entity';
import { WaitlistEntry } from './waitlist-entry.entity';

export {
  ApiToken,
  AuditEntry,
  Booking,
  BookingLog,
  Customer,
  FolioItem,
  HousekeepingTask,
  IdempotencyRecord,
  Invoice,
  LoyaltyTransaction,
  MaintenanceRequest,
  Notification,
  Payment,
  Room,
  RoomType,
  User,
  WaitlistEntry,
};

/** Every entity of the model, for the ORM and for anything that walks the model. */
export const ENTITIES = [
  User,
  Customer,
  RoomType,
  Room,
  Booking,
  Payment,
  FolioItem,
  Invoice,
  BookingLog,
  Notification,
  LoyaltyTransaction,
  HousekeepingTask,
  MaintenanceRequest,
  WaitlistEntry,
  ApiToken,
  AuditEntry,
  IdempotencyRecord,
];
