import type { EntityManager } from '@mikro-orm/postgresql';
import { modelTables } from '../deletion/rule-graph';
import { INTERNAL_ENTITIES } from '../entities';
import { IntegrityChangeVersion } from '../entities/integrity-change.entity';
import { literal, literalList } from '../sql';

/**
 * The changes an incremental integrity run reads (integrity_changes), and which tables it
 * may trust them for. The triggers record the `id` and every `*_id` column of each row
 * version written to a table of the hotel's records (not the API's own bookkeeping, whose
 * tables are small and whose checks run in full every time).
 */

const EVENTS = ['insert', 'update', 'delete', 'truncate'] as const;

export const captureTriggerName = (table: string, event: (typeof EVENTS)[number]) => `${table}_integrity_capture_${event}`;

/** Whether the capture triggers record `column`: the primary key `id` and the foreign keys, all named `*_id`. */
export const isCapturedColumn = (column: string): boolean => column === 'id' || column.endsWith('_id');

/** The tables whose rows the capture triggers record: the model's, but for the API's own. */
export function capturedTables(em: EntityManager): string[] {
  const internal = new Set(INTERNAL_ENTITIES.map((entity) => em.getMetadata().get(entity.name).tableName));
  return modelTables(em.getMetadata())
    .map((meta) => meta.tableName)
    .filter((table) => !internal.has(table))
    .sort();
}

/** What a check restricted to the changes reads: the keys its changes touch. */
export interface ChangeScope {
  /**
   * SQL: the values of `column` (`id` or a `*_id` column) of `table`'s row versions written
   * or deleted since the base, old and new. Only for a table the run trusts.
   */
  touched(table: string, column: string): string;
}

/**
 * The tables an incremental run may read changes for, in its snapshot: those captured whose
 * four triggers exist and fire always (a trigger disabled, or firing only outside replica
 * sessions, could have missed writes), and that no truncate emptied since the base. A check
 * reading any other table runs in full.
 */
export async function trustedTables(em: EntityManager, baseXmin: string): Promise<Set<string>> {
  const tables = capturedTables(em);
  const names = tables.flatMap((table) => EVENTS.map((event) => captureTriggerName(table, event)));
  const [row] = await em.execute<{ firing: string[] | null; truncated: string[] | null }[]>(
    `select array(select c.relname::text from pg_trigger t join pg_class c on c.oid = t.tgrelid
                  where c.relnamespace = current_schema()::regnamespace and t.tgname in (${literalList(names)}) and t.tgenabled = 'A'
                  group by c.relname having count(*) = ${EVENTS.length}) as firing,
            array(select distinct table_name::text from integrity_changes
                  where version = ${literal(IntegrityChangeVersion.TRUNCATED)} and tx_id >= ${literal(baseXmin)}::xid8) as truncated`,
  );
  const truncated = new Set(row.truncated ?? []);
  return new Set((row.firing ?? []).filter((table) => tables.includes(table) && !truncated.has(table)));
}

/** The scope of the changes since a base snapshot whose xmin is `baseXmin`. */
export function changeScope(baseXmin: string, trusted: ReadonlySet<string>): ChangeScope {
  return {
    touched(table, column) {
      if (!trusted.has(table) || !isCapturedColumn(column)) throw new Error(`the changes of ${table}.${column} are not recorded`);
      return `select (c.keys ->> ${literal(column)})::bigint from integrity_changes c
        where c.table_name = ${literal(table)} and c.tx_id >= ${literal(baseXmin)}::xid8 and c.keys ->> ${literal(column)} is not null`;
    },
  };
}

/** SQL of a set of ids as text, for the violations a base found (carried into the next run). */
export const carriedSet = (ids: readonly string[]): string => `select unnest(${literal(`{${ids.map((id) => JSON.stringify(id)).join(',')}}`)}::text[])`;

/** The ids of `carried` (carriedSet's SQL) as the bigint keys of the rows they name. */
export const carriedIds = (carried: string): string => `select c::bigint from (${carried}) carried(c)`;
