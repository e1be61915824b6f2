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
  const fingerprint: Fingerprint = {};
  const bookkeeping = bookkeepingTables(em);
  for (const { table_name: table } of tables) {
    if (bookkeeping.has(table)) continue;
    const dropped = (VOLATILE_COLUMNS[table] ?? []).map((column) => ` - '${column}'`).join('');
    const [{ rows, md5 }] = await em.execute<{ rows: number; md5: string }[]>(
      `select count(*)::int as rows, md5(coalesce(string_agg(r, '|' order by r), '')) as md5
         from (select (to_jsonb(t)${dropped})::text as r from "${table}" t) as x`,
    );
    fingerprint[table] = { rows, md5 };
  }
  return fingerprint;
}
