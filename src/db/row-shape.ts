import { type EntityMetadata, type EntityProperty, type Platform, ReferenceKind, raw } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { holdsForeignKey } from '../entities/foreign-key-conventions';
import { ident } from '../sql';
import { markDetached } from './read-rows';

/**
 * What of a row to read: some of its properties (or all), and the to-one relations to read
 * with it, each in a shape of its own. A page reads its rows and those relations in one
 * statement (left joins), selecting only the columns asked for.
 */
export interface RowShape {
  /** Property names; 'all' for every scalar and foreign key property. The primary key is always read. */
  readonly properties: 'all' | ReadonlySet<string>;
  /** To-one relations (properties holding a foreign key) to read in the same statement. */
  readonly joins: ReadonlyMap<string, RowShape>;
}

export const WHOLE_ROW: RowShape = { properties: 'all', joins: new Map() };

type Row = Record<string, unknown>;
type Convert = (value: unknown) => unknown;

/** One entity of the statement: its alias, the columns it selects and how they become an object. */
interface Node {
  alias: string;
  /** The selected column alias of its primary key: null there means no row was joined. */
  primaryKeyAs: string;
  /** [property, selected column alias, conversion]; scalar properties and foreign keys not joined. */
  columns: [string, string, Convert][];
  /** [relation property, its foreign key's column alias, the joined node]. */
  joins: [string, string, Node][];
}

export interface ShapedSelect {
  /** The select list: `alias.column as cN`. */
  select: ReturnType<typeof raw>[];
  /** [relation path from the root alias ("b.room"), its alias], in join order. */
  joins: [string, string][];
  /** The same as one statement's text: `select … from "table" as "alias" left join …`. */
  selectFrom: string;
  map(row: Row): object;
}

const plans = new WeakMap<EntityMetadata, Map<string, ShapedSelect>>();
/** Shapes kept per entity: the staff app asks a few dozen; a client inventing shapes only empties the store. */
const PLANS_PER_ENTITY = 500;

const shapeKey = (shape: RowShape): string =>
  `${shape.properties === 'all' ? '*' : [...shape.properties].sort().join(',')}{${[...shape.joins]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, inner]) => `${name}:${shapeKey(inner)}`)
    .join(';')}}`;

/**
 * The select list, joins and row mapper of `shape` on `meta`, built once per shape and
 * kept: the same document asks the same shape on every request. Rows become plain
 * detached objects (see readRows): columns as properties, a joined relation as its row,
 * one not joined as `{ id }`. A relation whose key names no row (an orphan the integrity
 * report would find) stays `{ id }`, so its field loads it as it would otherwise.
 */
export function shapedSelect(meta: EntityMetadata, platform: Platform, shape: RowShape, rootAlias: string): ShapedSelect {
  let byKey = plans.get(meta);
  if (!byKey) {
    byKey = new Map();
    plans.set(meta, byKey);
  }
  const key = `${rootAlias}:${shapeKey(shape)}`;
  const known = byKey.get(key);
  if (known) return known;

  const select: ReturnType<typeof raw>[] = [];
  const selectList: string[] = [];
  const joins: [string, string][] = [];
  const joinList: string[] = [];
  let columnCount = 0;
  let aliasCount = 0;
  const column = (alias: string, name: string): string => {
    const as = `c${columnCount++}`;
    selectList.push(`${ident(alias)}.${ident(name)} as ${as}`);
    select.push(raw(selectList.at(-1)!));
    return as;
  };
  const reference: Convert = (value) => (value === null || value === undefined ? null : { id: value });
  const asIs: Convert = (value) => value;
  const instant: Convert = (value) => (value === null || value === undefined ? value : platform.parseDate(value as string));

  const plan = (entity: EntityMetadata, wanted: RowShape, alias: string): Node => {
    const wants = (prop: EntityProperty) => wanted.properties === 'all' || wanted.properties.has(prop.name) || prop.primary;
    const node: Node = { alias, primaryKeyAs: '', columns: [], joins: [] };
    for (const prop of Object.values(entity.properties)) {
      const joined = wanted.joins.get(prop.name);
      if (joined && holdsForeignKey(prop)) {
        const joinAlias = `j${++aliasCount}`;
        joins.push([`${alias}.${prop.name}`, joinAlias]);
        const target = prop.targetMeta!;
        joinList.push(
          `left join ${ident(target.tableName)} as ${ident(joinAlias)} on ${ident(alias)}.${ident(prop.fieldNames[0])} = ${ident(joinAlias)}.${ident(prop.referencedColumnNames[0])}`,
        );
        node.joins.push([prop.name, column(alias, prop.fieldNames[0]), plan(prop.targetMeta!, joined, joinAlias)]);
      } else if (prop.kind === ReferenceKind.SCALAR && wants(prop)) {
        const as = column(alias, prop.fieldNames[0]);
        if (prop.primary) node.primaryKeyAs = as;
        node.columns.push([prop.name, as, prop.runtimeType === 'Date' ? instant : asIs]);
      } else if (holdsForeignKey(prop) && wants(prop)) {
        node.columns.push([prop.name, column(alias, prop.fieldNames[0]), reference]);
      }
    }
    return node;
  };
  const root = plan(meta, shape, rootAlias);

  const build = (node: Node, row: Row): Row => {
    const target: Row = {};
    for (const [property, as, convert] of node.columns) target[property] = convert(row[as]);
    for (const [property, keyAs, joined] of node.joins) {
      const key = row[keyAs];
      const joinedKey = row[joined.primaryKeyAs];
      target[property] = key === null || key === undefined ? null : joinedKey === null || joinedKey === undefined ? { id: key } : build(joined, row);
    }
    markDetached(target);
    return target;
  };
  const selectFrom = `select ${selectList.join(', ')} from ${ident(meta.tableName)} as ${ident(rootAlias)} ${joinList.join(' ')}`;
  const shaped: ShapedSelect = { select, joins, selectFrom, map: (row) => build(root, row) };
  if (byKey.size >= PLANS_PER_ENTITY) byKey.clear();
  byKey.set(key, shaped);
  return shaped;
}

/** `qb` (on `entity` as `alias`) reading `shape`: its columns and joins only; rows mapped as shapedSelect says. */
export async function readShaped<T extends object>(em: EntityManager, entity: new () => T, qb: QueryBuilder<T>, alias: string, shape: RowShape): Promise<T[]> {
  const shaped = shapedSelect(em.getMetadata().get(entity.name), em.getPlatform(), shape, alias);
  qb.select(shaped.select as never);
  for (const [path, joinAlias] of shaped.joins) qb.leftJoin(path, joinAlias);
  const rows = await qb.execute<Row[]>('all', false);
  return rows.map((row) => shaped.map(row) as T);
}

/**
 * `shape` of the rows of `entity` (as `alias`) meeting `condition` (SQL whose values are
 * `params`, $1 on), in `order` (ascending unless `direction` says desc), at most `limit`: one statement, sent as it is on a pooled
 * connection, past the query builder, whose work per request (criteria, joins, the
 * statement's text, inlined values) costs more than the statement. Logged as the ORM logs
 * its own. For reads outside a transaction; see findPage.
 */
export async function readShapedWhere<T extends object>(
  em: EntityManager,
  entity: new () => T,
  alias: string,
  shape: RowShape,
  where: { condition: string; params: unknown[]; order: readonly string[]; direction?: 'asc' | 'desc'; limit: number },
): Promise<T[]> {
  const meta = em.getMetadata().get(entity.name);
  const shaped = shapedSelect(meta, em.getPlatform(), shape, alias);
  const orderBy = where.order
    .map((property) => `${ident(alias)}.${ident(meta.properties[property as never].fieldNames[0])} ${where.direction ?? 'asc'}`)
    .join(', ');
  const params = [...where.params, where.limit];
  const text = `${shaped.selectFrom} where ${where.condition} order by ${orderBy} limit $${params.length}`;
  const client = em.getConnection().getKnex().client as unknown as PooledClient;
  const logger = em.config.getLogger();
  const pooled = await client.acquireConnection();
  const started = Date.now();
  try {
    const { rows } = await pooled.query({ text, values: params });
    logger.logQuery({ query: text, params, took: Date.now() - started, results: rows.length, level: 'info' });
    return rows.map((row) => shaped.map(row) as T);
  } catch (error) {
    logger.logQuery({ query: text, params, took: Date.now() - started, level: 'error' });
    // As the ORM's own errors do, the failure carries its statement into the log.
    if (error instanceof Error) Object.assign(error, { query: text });
    throw error;
  } finally {
    await client.releaseConnection(pooled);
  }
}

/** What knex's pool hands out for PostgreSQL: node-postgres clients. */
interface PooledClient {
  acquireConnection(): Promise<{ query(config: { text: string; values: unknown[] }): Promise<{ rows: Row[] }> }>;
  releaseConnection(connection: unknown): Promise<void>;
}
