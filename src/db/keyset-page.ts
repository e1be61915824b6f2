import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { RequestError } from '../errors/request-error';
import { readRows } from './read-rows';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  /** Counted only when asked for: a count is a second scan. */
  totalCount: () => Promise<number>;
}

/** Rejects out-of-range sizes with a clear message instead of silently clamping them. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new RequestError(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  }
  return size;
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values;
  } catch {
    // fall through to the error below
  }
  throw new RequestError('after is not a cursor returned by this list');
}

/**
 * One page in a stable order, continuing strictly after the cursor's row (keyset
 * pagination: no offset scan, no row skipped or repeated when rows are added meanwhile).
 * `order` lists ascending sort keys; the last must be unique (the primary key).
 */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  order: readonly (keyof T & string)[],
  request: PageRequest,
): Promise<Page<T>> {
  const size = pageSize(request.first);
  const conditions: FilterQuery<T>[] = [where];
  if (request.after) {
    const values = decodeCursor(request.after, order.length);
    // (k1 > v1) or (k1 = v1 and k2 > v2) or ...
    const branches = order.map((key, index) => ({
      ...Object.fromEntries(order.slice(0, index).map((earlier, j) => [earlier, values[j]])),
      [key]: { $gt: values[index] },
    }));
    conditions.push({ $or: branches } as FilterQuery<T>);
  }
  const query = em
    .createQueryBuilder(entity)
    .select('*')
    .where({ $and: conditions } as FilterQuery<T>)
    .orderBy(Object.fromEntries(order.map((key) => [key, 'asc'])) as never)
    .limit(size + 1);
  const rows = await readRows(em, entity, query);
  const nodes = rows.slice(0, size);
  return {
    nodes,
    cursors: nodes.map((node) => encodeCursor(order.map((key) => (node as Record<string, unknown>)[key]))),
    hasNextPage: rows.length > size,
    totalCount: () => em.count(entity, where),
  };
}
