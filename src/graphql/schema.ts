import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { ENTITIES, IdempotencyRecord } from '../entities';
import {
  BusinessRuleError,
  ConflictError,
  ImpactChangedError,
  NotFoundError,
  RestrictedError,
  ServiceUnavailableError,
  ValidationError,
} from '../errors/graphql-error-types';
import { BookingResolver } from './resolvers/booking.resolver';
import { BookingLogResolver } from './resolvers/booking-log.resolver';
import { CustomerResolver } from './resolvers/customer.resolver';
import { FolioItemResolver } from './resolvers/folio-item.resolver';
import { MeResolver } from './resolvers/me.resolver';
import { PaymentResolver } from './resolvers/payment.resolver';
import { RoomResolver } from './resolvers/room.resolver';
import { RoomTypeResolver } from './resolvers/room-type.resolver';

export const RESOLVERS = [
  MeResolver,
  RoomTypeResolver,
  RoomResolver,
  CustomerResolver,
  BookingResolver,
  PaymentResolver,
  FolioItemResolver,
  BookingLogResolver,
] as const;

/** Types every client may meet even where no field names them yet. */
const ORPHANED_TYPES = [
  ...ENTITIES.filter((entity) => entity !== IdempotencyRecord),
  ValidationError,
  NotFoundError,
  ConflictError,
  RestrictedError,
  ImpactChangedError,
  BusinessRuleError,
  ServiceUnavailableError,
];

export async function buildHotelSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    orphanedTypes: ORPHANED_TYPES,
    authChecker,
    validate: false,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
  });
}

/** The SDL committed as schema/schema.graphql: sorted, so it diffs cleanly. */
export function printHotelSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
