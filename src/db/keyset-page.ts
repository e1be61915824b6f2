import type { EntityManager, FilterQuery, QueryBuilder } from '@mikro-orm/postgresql';
import { RequestError } from '../errors/request-error';
import { readRows } from './read-rows';
import { type RowShape, readShaped, readShapedWhere } from './row-shape';
import { whereSql } from './where-sql';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  /** Forward: at most this many rows (DEFAULT_PAGE_SIZE when neither size is given)… */
  first?: number | null;
  /** …strictly after this cursor's row. */
  after?: string | null;
  /** Backward: the last this many rows… */
  last?: number | null;
  /** …strictly before this cursor's row (of the whole list when absent). */
  before?: string | null;
  /** What of each row to read, and which to-one relations with it; every column and none when absent. */
  shape?: RowShape;
}

/**
 * A condition the filter language cannot say, such as a range overlap that only a GiST
 * index serves: SQL on the row aliased `alias`, each value written as the placeholder
 * `bind` returns for it (the two ways a page is read number their parameters apart).
 */
export type SqlCondition = (alias: string, bind: (value: unknown) => string) => string;

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Counted only when asked for: a count is a second scan. */
  totalCount: () => Promise<number>;
}

/** Rejects out-of-range sizes with a clear message instead of silently clamping them. */
export function pageSize(given: number | null | undefined, argument: 'first' | 'last' = 'first'): number {
  const size = given ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new RequestError(`${argument} must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  }
  return size;
}

/** Which way a request reads the list, how many rows and from which cursor. */
interface PageWindow {
  backward: boolean;
  size: number;
  cursor: string | null;
}

/**
 * The window a request asks for. Relay allows mixing the two directions but calls
 * first with last "strongly discouraged" and leaves the meaning of the mixes to
 * guesswork; a clear refusal is kinder than a page nobody expected.
 */
function pageWindow(request: PageRequest): PageWindow {
  const given = (['first', 'after', 'last', 'before'] as const).filter((argument) => request[argument] != null);
  const forward = given.filter((argument) => argument === 'first' || argument === 'after');
  const backward = given.filter((argument) => argument === 'last' || argument === 'before');
  if (forward.length && backward.length) {
    throw new RequestError(`${forward[0]} and ${backward[0]} cannot be used together: page forward with first and after, or backward with last and before`);
  }
  if (backward.length) return { backward: true, size: pageSize(request.last, 'last'), cursor: request.before || null };
  return { backward: false, size: pageSize(request.first), cursor: request.after || null };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, length: number, argument: 'after' | 'before' = 'after'): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values;
  } catch {
    // fall through to the error below
  }
  throw new RequestError(`${argument} is not a cursor returned by this list`);
}

/**
 * One page in a stable order, continuing strictly after the cursor's row, or with
 * `last`/`before` ending strictly before it (keyset pagination: no offset scan, no row
 * skipped or repeated when rows are added meanwhile). A backward page is read in the
 * reverse order from the cursor and turned back, so it comes in the list's usual order.
 * `order` lists the sort keys, all ascending or (`direction` desc, newest first) all
 * descending; the last must be unique (the primary key). `sql`, when given, must hold as
 * well as `where`.
 */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  order: readonly (keyof T & string)[],
  request: PageRequest,
  sql?: SqlCondition,
  direction: 'asc' | 'desc' = 'asc',
): Promise<Page<T>> {
  const window = pageWindow(request);
  const reading = window.backward ? (direction === 'asc' ? 'desc' : 'asc') : direction;
  const conditions: FilterQuery<T>[] = [where];
  if (window.cursor) {
    const values = decodeCursor(window.cursor, order.length, window.backward ? 'before' : 'after');
    // (k1 > v1) or (k1 = v1 and k2 > v2) or ...; < when reading in descending order
    const beyond = reading === 'asc' ? '$gt' : '$lt';
    const branches = order.map((key, index) => ({
      ...Object.fromEntries(order.slice(0, index).map((earlier, j) => [earlier, values[j]])),
      [key]: { [beyond]: values[index] },
    }));
    conditions.push({ $or: branches } as FilterQuery<T>);
  }
  const { shape } = request;
  // The sort keys make the cursors: read them whatever else is asked.
  const read = shape && (shape.properties === 'all' ? shape : { ...shape, properties: new Set([...shape.properties, ...order]) });
  const count = sql ? () => withSql(em.createQueryBuilder(entity, 'r0').where(where), sql).getCount() : () => em.count(entity, where);
  if (read && !em.getTransactionContext()) {
    const params: unknown[] = [];
    const filter = whereSql(em.getMetadata().get(entity.name), 'r0', { $and: conditions }, params);
    if (filter !== undefined) {
      const bind = (value: unknown) => `$${params.push(value)}`;
      const condition = sql ? `${filter} and ${sql('r0', bind)}` : filter;
      const rows = await readShapedWhere(em, entity, 'r0', read, { condition, params, order, direction: reading, limit: window.size + 1 });
      return pageOf(rows, window, order, count);
    }
  }
  const query = em
    .createQueryBuilder(entity, 'r0')
    .where({ $and: conditions } as FilterQuery<T>)
    .orderBy(Object.fromEntries(order.map((key) => [key, reading])) as never)
    .limit(window.size + 1);
  if (sql) withSql(query, sql);
  const rows = read ? await readShaped(em, entity, query, 'r0', read) : await readRows(em, entity, query.select('*'));
  return pageOf(rows, window, order, count);
}

/** `query` (on its entity as r0) limited by `sql` too, in the query builder's placeholders. */
function withSql<T extends object>(query: QueryBuilder<T>, sql: SqlCondition): QueryBuilder<T> {
  const values: unknown[] = [];
  const text = sql('r0', (value) => {
    values.push(value);
    return '?';
  });
  return query.andWhere(text, values);
}

/**
 * A page of `rows` read one past the window's size: whether there is more in the reading
 * direction is whether that one came. The other way, Relay lets a server say true when it
 * knows cheaply: a cursor's own row lies there (unless deleted since), so a page read from
 * a cursor has a neighbour behind it, and one read from either end of the list has none.
 */
function pageOf<T extends object>(rows: T[], window: PageWindow, order: readonly (keyof T & string)[], totalCount: () => Promise<number>): Page<T> {
  const more = rows.length > window.size;
  const read = rows.slice(0, window.size);
  const nodes = window.backward ? read.reverse() : read;
  let cursors: string[] | undefined;
  return {
    nodes,
    // Encoded when asked for (edges, pageInfo): a page shows them rarely.
    get cursors() {
      cursors ??= nodes.map((node) => encodeCursor(order.map((key) => (node as Record<string, unknown>)[key])));
      return cursors;
    },
    hasNextPage: window.backward ? window.cursor !== null : more,
    hasPreviousPage: window.backward ? more : window.cursor !== null,
    totalCount,
  };
}
