import type { EntityManager } from '@mikro-orm/postgresql';
import { IdempotencyRecord } from '../../src/entities/idempotency-record.entity';
import { INTERNAL_ENTITIES } from '../../src/entities/index';

/**
 * Columns left out of the fingerprint. api_tokens.last_used_at is stamped by authentication
 * itself (asynchronously, at most once a minute per token) whenever a token is used, even by
 * a request that is then refused: bookkeeping of the request, not a change it makes.
 */
const VOLATILE_COLUMNS: Record<string, string[]> = { api_tokens: ['last_used_at'] };

/**
 * The API's own bookkeeping, left out whole: a refused request is counted (error counts,
 * login attempts) and jobs run on their schedule. Stored idempotent answers stay in: a
 * refusal must not store one.
 */
function bookkeepingTables(em: EntityManager): Set<string> {
  const metadata = em.getMetadata();
  return new Set(INTERNAL_ENTITIES.filter((entity) => entity !== IdempotencyRecord).map((entity) => metadata.get(entity.name).tableName));
}

export type Fingerprint = Record<string, { rows: number; md5: string }>;

/** Row count and an MD5 of every row of every table, so any change to any row shows. */
export async function databaseFingerprint(em: EntityManager): Promise<Fingerprint> {
  const tables = await em.execute<{ table_name: string }[]>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const bookkeeping = bookkeepingTables(em);
  // One statement for every table: a fingerprint is taken often (after each refused write of the scalar-boundary walk).
  const parts = tables
    .filter(({ table_name: table }) => !bookkeeping.has(table))
    .map(({ table_name: table }) => {
      const dropped = (VOLATILE_COLUMNS[table] ?? []).map((column) => ` - '${column}'`).join('');
      return `select '${table}' as table, count(*)::int as rows, md5(coalesce(string_agg(r, '|' order by r), '')) as md5
         from (select (to_jsonb(t)${dropped})::text as r from "${table}" t) as x`;
    });
  const rows = await em.execute<{ table: string; rows: number; md5: string }[]>(parts.join(' union all '));
  return Object.fromEntries(rows.map(({ table, rows: count, md5 }) => [table, { rows: count, md5 }]));
}
