import type { EntityManager } from '@mikro-orm/postgresql';
import { modelTables } from '../../deletion/rule-graph';
import { arrayParameter, ident, literal } from '../../sql';

/** A foreign key, CHECK or NOT NULL constraint of the model's tables, as the live catalog has it. */
export interface LiveConstraint {
  readonly name: string;
  readonly type: 'f' | 'c' | 'n';
  readonly table: string;
  readonly validated: boolean;
  readonly columns: readonly string[];
  readonly referencedTable: string | null;
  readonly referencedColumns: readonly string[] | null;
}

export const CONSTRAINT_TYPE_NAME: Readonly<Record<LiveConstraint['type'], string>> = { f: 'foreign key', c: 'CHECK', n: 'NOT NULL constraint' };

/** `to_regclass('"table"')`: the table's oid, or null when it does not exist. */
export const regclass = (table: string): string => `to_regclass(${literal(ident(table))})`;

/** The attribute number of `column` in the relation whose oid is the expression `relation`. */
export const attnum = (relation: string, column: string): string =>
  `(select a.attnum from pg_attribute a where a.attrelid = ${relation} and a.attname = ${literal(column)} and not a.attisdropped)`;

const CATALOG = `
  select c.conname as name, c.contype as type, c.convalidated as validated, t.relname as table,
         array(select a.attname::text from unnest(c.conkey) with ordinality k(num, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.num order by k.i) as columns,
         f.relname as referenced_table,
         case when c.contype = 'f' then array(select a.attname::text from unnest(c.confkey) with ordinality k(num, i)
                                               join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.num order by k.i) end as referenced_columns
  from pg_constraint c
  join pg_class t on t.oid = c.conrelid
  left join pg_class f on f.oid = c.confrelid
  where t.relnamespace = current_schema()::regnamespace and t.relname = any(?::text[])
    and (c.contype in ('f', 'c') or (c.contype = 'n' and not c.convalidated))
  order by t.relname, c.conname`;

interface CatalogRow {
  name: string;
  type: 'f' | 'c' | 'n';
  validated: boolean;
  table: string;
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[] | null;
}

/** The live foreign keys and CHECKs of the model's tables, and NOT NULL constraints not validated. */
export async function liveConstraints(em: EntityManager): Promise<LiveConstraint[]> {
  const tables = modelTables(em.getMetadata()).map((meta) => meta.tableName);
  const rows = await em.execute<CatalogRow[]>(CATALOG, [arrayParameter(tables)]);
  return rows.map((row) => ({
    name: row.name,
    type: row.type,
    table: row.table,
    validated: row.validated,
    columns: row.columns,
    referencedTable: row.referenced_table,
    referencedColumns: row.referenced_columns,
  }));
}

/**
 * A CHECK's expression as PostgreSQL prints it. Read by a check's `prepare`, not with the
 * catalog: printing it takes a lock on the table, which only the check's own statement
 * timeout should bound.
 */
export async function expressionOf(em: EntityManager, constraint: LiveConstraint): Promise<string> {
  const [row] = await em.execute<{ expression: string }[]>(
    `select pg_get_expr(conbin, conrelid) as expression from pg_constraint where conname = ? and conrelid = ${regclass(constraint.table)}`,
    [constraint.name],
  );
  if (!row) throw new Error(`the constraint ${constraint.name} of ${constraint.table} no longer exists`);
  return row.expression;
}

/** Constraint names are unique per table only: a name two tables share is qualified by its table. */
export function constraintKeys(constraints: readonly { name: string; table: string }[]): (c: { name: string; table: string }) => string {
  const tablesByName = new Map<string, Set<string>>();
  for (const c of constraints) tablesByName.set(c.name, (tablesByName.get(c.name) ?? new Set()).add(c.table));
  return (c) => ((tablesByName.get(c.name)?.size ?? 0) > 1 ? `${c.table}.${c.name}` : c.name);
}
