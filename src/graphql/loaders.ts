import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import { isDetachedRow, readRowsByKey } from '../db/read-rows';
import { deleteGuardFor } from '../deletion/delete-guard';
import type { DeleteImpact } from '../deletion/delete-impact';
import { Booking, BookingLog, Customer, FolioItem, Invoice, Payment, RateSeason, Room, RoomType, User } from '../entities';
import { checksOfRuns } from '../integrity/integrity-runs';
import { type Folio, foliosOf } from '../services/folio';
import { occupancyOfRooms, type RoomDay, type RoomOccupancy } from '../services/room-occupancy';

type WithId = { id: number };

/** One query for every id asked in the same tick; missing ids resolve to null. */
function byId<T extends WithId>(em: EntityManager, entity: new () => T): DataLoader<number, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await readRowsByKey(em, entity, 'id', ids);
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Children of many parents in one query, in id order per parent. */
function childrenOf<T extends WithId>(em: EntityManager, entity: new () => T, parent: keyof T & string): DataLoader<number, T[]> {
  return new DataLoader(async (parentIds) => {
    const rows = await readRowsByKey(em, entity, parent, parentIds);
    const grouped = new Map<number, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) grouped.get((row[parent] as WithId).id)?.push(row);
    return parentIds.map((id) => grouped.get(id) ?? []);
  });
}

/** Delete impacts of many records, one guard statement per entity kind; keys are "ENTITY:id". */
function impacts(em: EntityManager): DataLoader<string, DeleteImpact | null> {
  return new DataLoader(async (keys) => {
    const byEntity = new Map<string, number[]>();
    for (const key of keys) {
      const [entity, id] = key.split(':');
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), Number(id)]);
    }
    const found = new Map<string, DeleteImpact>();
    await Promise.all(
      [...byEntity].map(async ([entity, ids]) => {
        for (const [id, impact] of await deleteGuardFor(em).impactsOf(em, entity, ids)) found.set(`${entity}:${id}`, impact);
      }),
    );
    return keys.map((key) => found.get(key) ?? null);
  });
}

/** Per-request loaders: a relation field never costs a query per row. They read detached rows (see readRows). */
export function createLoaders(em: EntityManager) {
  return {
    impact: impacts(em),
    user: byId(em, User),
    customer: byId(em, Customer),
    roomType: byId(em, RoomType),
    room: byId(em, Room),
    booking: byId(em, Booking),
    paymentsOfBooking: childrenOf(em, Payment, 'booking'),
    rateSeasonsOfRoomType: childrenOf(em, RateSeason, 'roomType'),
    folioItemsOfBooking: childrenOf(em, FolioItem, 'booking'),
    logsOfBooking: childrenOf(em, BookingLog, 'booking'),
    invoicesOfBooking: childrenOf(em, Invoice, 'booking'),
    checksOfIntegrityRun: new DataLoader(async (runIds: readonly number[]) => {
      const byRun = await checksOfRuns(em, runIds);
      return runIds.map((id) => byRun.get(id) ?? []);
    }),
    folioOfBooking: new DataLoader<number, Folio | null>(async (ids) => {
      const folios = await foliosOf(em, ids);
      return ids.map((id) => folios.get(id) ?? null);
    }),
    // Every room of a page on every day asked, in one statement.
    roomOccupancy: new DataLoader<RoomDay, RoomOccupancy, string>(
      async (days) => (await occupancyOfRooms(em, days)).map((occupancy, i) => occupancy ?? new Error(`room ${days[i].roomId} no longer exists`)),
      { cacheKeyFn: (day) => `${day.roomId}@${day.date ?? ''}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * The record a to-one relation field shows: the row itself when the page read it with its
 * own (a join, see rowShapeOf), else one batched load.
 */
export function related<T>(reference: { id: number } | null | undefined, loader: DataLoader<number, T | null>): T | null | Promise<T | null> {
  if (!reference) return null;
  return isDetachedRow(reference) ? (reference as T) : loader.load(reference.id);
}

/**
 * A field whose source already holds, under the field's name, the row a page joined for it
 * (readShaped: a to-one relation with a selection, see rowShapeOf) shows that row, without
 * its resolver being called: every to-one relation field resolves by `related`, which
 * returns that very row, and type-graphql's call of a resolver (parameters, middlewares)
 * costs more than the row. tests/db/row-shape.api.test.ts holds the two the same, byte for
 * byte, against single-record reads that go through the resolvers. Applied beneath the
 * role matrix's field guards, which still run first.
 */
export function applyJoinedRelations(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || ROOTS.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || !isObjectType(getNamedType(field.type))) continue;
      const name = field.name;
      field.resolve = (source, args, context, info) => {
        const held = (source as Record<string, unknown> | null)?.[name];
        return isDetachedRow(held) ? held : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
