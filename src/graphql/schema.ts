import 'reflect-metadata';
import './enums';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { MAX_PAGE_SIZE } from '../db/keyset-page';
import { HOTEL_ENTITIES } from '../entities';
import { RESULT_ERROR_TYPES } from '../errors/error-types';
import { describeAccess } from './access-descriptions';
import { applyFieldAccess, authChecker } from './auth-checker';
import { applyJoinedRelations } from './loaders';
import { applyMutationBoundary } from './mutation-boundary';
import { applyQueryDeadline } from './query-deadline';
import { ApiTokenResolver } from './resolvers/api-token.resolver';
import { AuditEntryResolver } from './resolvers/audit-entry.resolver';
import { AvailabilityNightResolver } from './resolvers/availability-night.resolver';
import { BookingResolver } from './resolvers/booking.resolver';
import { BookingLogResolver } from './resolvers/booking-log.resolver';
import { BookingOperationsResolver } from './resolvers/booking-operations.resolver';
import { BusinessDayResolver } from './resolvers/business-day.resolver';
import { CancellationPolicyResolver } from './resolvers/cancellation-policy.resolver';
import { ChangeFeedResolver } from './resolvers/change-feed.resolver';
import { CustomerResolver } from './resolvers/customer.resolver';
import { CustomerOperationsResolver } from './resolvers/customer-operations.resolver';
import { ErasureResolver } from './resolvers/erasure.resolver';
import { ErrorStatsResolver } from './resolvers/error-stats.resolver';
import { FolioItemResolver } from './resolvers/folio-item.resolver';
import { HouseListsResolver } from './resolvers/house-lists.resolver';
import { HousekeepingOperationsResolver } from './resolvers/housekeeping-operations.resolver';
import { HousekeepingTaskResolver } from './resolvers/housekeeping-task.resolver';
import { IntegrityResolver } from './resolvers/integrity.resolver';
import { IntegrityRunResolver } from './resolvers/integrity-run.resolver';
import { LoyaltyOperationsResolver } from './resolvers/loyalty-operations.resolver';
import { LoyaltyTransactionResolver } from './resolvers/loyalty-transaction.resolver';
import { MaintenanceOperationsResolver } from './resolvers/maintenance-operations.resolver';
import { MaintenanceRequestResolver } from './resolvers/maintenance-request.resolver';
import { MeResolver } from './resolvers/me.resolver';
import { NotificationResolver } from './resolvers/notification.resolver';
import { NotificationOperationsResolver } from './resolvers/notification-operations.resolver';
import { OccupancyResolver } from './resolvers/occupancy.resolver';
import { PaymentResolver } from './resolvers/payment.resolver';
import { PaymentOperationsResolver } from './resolvers/payment-operations.resolver';
import { QuoteResolver } from './resolvers/quote.resolver';
import { RatePlanResolver } from './resolvers/rate-plan.resolver';
import { ReceivableResolver } from './resolvers/receivable.resolver';
import { RoomResolver } from './resolvers/room.resolver';
import { RoomOperationsResolver } from './resolvers/room-operations.resolver';
import { RoomTypeResolver } from './resolvers/room-type.resolver';
import { StaffResolver } from './resolvers/staff.resolver';
import { UserResolver } from './resolvers/user.resolver';
import { WaitlistEntryResolver } from './resolvers/waitlist-entry.resolver';
import { WaitlistOperationsResolver } from './resolvers/waitlist-operations.resolver';
import { WebhookEndpointResolver } from './resolvers/webhook-endpoint.resolver';
import { WebhookOperationsResolver } from './resolvers/webhook-operations.resolver';

export const RESOLVERS = [
  MeResolver,
  RoomTypeResolver,
  RatePlanResolver,
  AvailabilityNightResolver,
  QuoteResolver,
  RoomResolver,
  CustomerResolver,
  BookingResolver,
  AuditEntryResolver,
  HouseListsResolver,
  OccupancyResolver,
  PaymentResolver,
  FolioItemResolver,
  BookingLogResolver,
  HousekeepingTaskResolver,
  MaintenanceRequestResolver,
  WaitlistEntryResolver,
  BookingOperationsResolver,
  BusinessDayResolver,
  CancellationPolicyResolver,
  ChangeFeedResolver,
  PaymentOperationsResolver,
  ReceivableResolver,
  RoomOperationsResolver,
  CustomerOperationsResolver,
  ErasureResolver,
  LoyaltyTransactionResolver,
  LoyaltyOperationsResolver,
  StaffResolver,
  HousekeepingOperationsResolver,
  MaintenanceOperationsResolver,
  WaitlistOperationsResolver,
  NotificationResolver,
  NotificationOperationsResolver,
  ErrorStatsResolver,
  IntegrityResolver,
  IntegrityRunResolver,
  UserResolver,
  ApiTokenResolver,
  WebhookEndpointResolver,
  WebhookOperationsResolver,
] as const;

/** Types every client may meet even where no field names them yet. */
const ORPHANED_TYPES = [...HOTEL_ENTITIES, ...(RESULT_ERROR_TYPES as unknown as Function[])];

/** type-graphql makes the root types without a description; what each says of all its fields. */
const ROOT_DESCRIPTIONS = {
  Query: `What may be read. Every field needs a bearer token (\`Authorization: Bearer <token>\`) unless it says otherwise, and says which roles may use it when not every role may. Lists are connections, at most ${MAX_PAGE_SIZE} rows a page.`,
  Mutation:
    'What may be changed. Each mutation runs in one transaction, landing whole or not at all, and answers a result union: its Success type, or an error type implementing ClassifiedError with a stable code. Sent again with the same Idempotency-Key header (or input.idempotencyKey), a mutation answers its first result and writes nothing.',
} as const;

function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = ROOT_DESCRIPTIONS.Query;
  if (mutation) mutation.description = ROOT_DESCRIPTIONS.Mutation;
  return schema;
}

export async function buildHotelSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    orphanedTypes: ORPHANED_TYPES,
    authChecker,
    validate: false,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
  });
  return describeRoots(describeAccess(applyQueryDeadline(applyMutationBoundary(applyFieldAccess(applyJoinedRelations(schema))))));
}

/** The SDL committed as schema/schema.graphql: sorted, so it diffs cleanly. */
export function printHotelSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
