import { type EntityMetadata, type Platform, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { holdsForeignKey } from '../entities/foreign-key-conventions';
import { ident } from '../sql';

type Row = Record<string, unknown>;

/**
 * A record as resolvers see it: a detached row from readRows or a managed entity, read
 * only. Typed as a mapped type on purpose: type-graphql rebuilds a `@Root()` whose
 * declared type is a class into a new instance of that class, per field, per row; for a
 * structural type it passes the object through.
 */
export type Detached<T> = Readonly<T>;
type Mapper = (row: Row) => object;

const mappers = new WeakMap<EntityMetadata, Mapper>();

type Convert = (value: unknown) => unknown;

/**
 * The mark of rows made by readRows and readShaped, as opposed to managed entities and
 * `{ id }` references: a symbol key, which JSON and Object.keys never see, and which costs
 * a property store where a WeakSet cost a hash-table entry per row.
 */
const DETACHED = Symbol('detached row');

/** Marks an object built from a row (here, or by readShaped) as a row read, not a reference. */
export function markDetached(target: object): void {
  (target as Record<symbol, boolean>)[DETACHED] = true;
}

/** Whether `value` is a whole row already read (readRows, readShaped), not just a reference. */
export function isDetachedRow(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DETACHED] === true;
}

/**
 * A row → object mapping derived from the entity's metadata: columns become properties,
 * a foreign key becomes `{ id }`, the shape relation fields read. The ORM's connection
 * already gives numeric and date columns as strings and jsonb as objects; timestamps
 * arrive as text and become Date here, as the hydrator would make them.
 */
function mapperFor(meta: EntityMetadata, platform: Platform): Mapper {
  let mapper = mappers.get(meta);
  if (mapper) return mapper;
  const asIs: Convert = (value) => value;
  const reference: Convert = (value) => (value === null || value === undefined ? null : { id: value });
  const instant: Convert = (value) => (value === null || value === undefined ? value : platform.parseDate(value as string));
  const columns: [property: string, column: string, convert: Convert][] = [];
  for (const prop of Object.values(meta.properties)) {
    if (prop.kind === ReferenceKind.SCALAR) columns.push([prop.name, prop.fieldNames[0], prop.runtimeType === 'Date' ? instant : asIs]);
    else if (holdsForeignKey(prop)) columns.push([prop.name, prop.fieldNames[0], reference]);
  }
  // A plain object: the entity prototype carries MikroORM's property setters, which would
  // cost more than the query.
  mapper = (row) => {
    const target: Row = {};
    for (const [property, column, convert] of columns) target[property] = convert(row[column]);
    markDetached(target);
    return target;
  };
  mappers.set(meta, mapper);
  return mapper;
}

/**
 * Reads rows as detached, read-only plain objects shaped like the entity, skipping the unit of
 * work. Hydrating managed entities costs about four times the query itself on a page of
 * a hundred bookings; reads that only render never need change tracking. Never flush or
 * modify what this returns.
 */
export async function readRows<T extends object>(em: EntityManager, entity: new () => T, qb: QueryBuilder<T>): Promise<T[]> {
  const rows = await qb.execute<Row[]>('all', false);
  const map = mapperFor(em.getMetadata().get(entity.name), em.getPlatform());
  return rows.map((row) => map(row) as T);
}

/** Rows whose `property` (a column or a foreign key) is one of `values`, in id order. */
export async function readRowsByKey<T extends object>(
  em: EntityManager,
  entity: new () => T,
  property: keyof T & string,
  values: readonly unknown[],
): Promise<T[]> {
  const meta = em.getMetadata().get(entity.name);
  const column = meta.properties[property as never]?.fieldNames[0];
  if (!column) throw new Error(`${entity.name} has no property ${property}`);
  // The driver spreads the array into one placeholder per value.
  const rows = await em.execute<Row[]>(`select * from ${ident(meta.tableName)} where ${ident(column)} in (?) order by ${ident(meta.primaryKeys[0])}`, [values]);
  const map = mapperFor(meta, em.getPlatform());
  return rows.map((row) => map(row) as T);
}
