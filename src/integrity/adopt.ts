import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayParameter, ident, literal } from '../sql';
import { liveConstraints } from './checks/catalog';
import { declaredConstraints } from './declared-constraints';

/** One constraint the model declares that the database lacks, and the statement that adds it NOT VALID. */
export interface AdoptionStep {
  kind: 'FOREIGN KEY' | 'CHECK';
  table: string;
  constraint: string;
  statement: string;
}

export class AdoptionRefused extends Error {}

/**
 * What it takes to put the model's foreign keys and CHECKs on a database whose tables
 * exist without them (data loaded from an older system): each missing one, added NOT
 * VALID, so PostgreSQL enforces it on new and changed rows at once without first
 * proving the old ones, which the integrity report then examines. A foreign key counts
 * as present when one links the same column to the same table, whatever its name or
 * action (fk_rule reports a wrong action); a CHECK, when one of its name exists.
 */
export async function planAdoption(em: EntityManager): Promise<AdoptionStep[]> {
  const declared = declaredConstraints(em);
  const tables = [...new Set([...declared.foreignKeys.flatMap((fk) => [fk.edge.childTable, fk.edge.parentTable]), ...declared.checks.map((c) => c.table)])];
  const present = await em.execute<{ table: string }[]>(`select t as table from unnest(?::text[]) t where to_regclass(quote_ident(t)) is not null`, [
    arrayParameter(tables),
  ]);
  const missingTables = tables.filter((table) => !present.some((row) => row.table === table)).sort();
  if (missingTables.length) {
    throw new AdoptionRefused(
      `the tables ${missingTables.join(', ')} do not exist; adopt adds constraints to tables that exist. For a new database, run the migrations (npm run migration:up).`,
    );
  }

  const live = await liveConstraints(em);
  const steps: AdoptionStep[] = [];
  for (const fk of declared.foreignKeys) {
    const { edge } = fk;
    const linked = live.some(
      (c) => c.type === 'f' && c.table === edge.childTable && c.referencedTable === edge.parentTable && c.columns.length === 1 && c.columns[0] === edge.column,
    );
    if (linked || live.some((c) => c.table === edge.childTable && c.name === fk.name)) continue;
    steps.push({
      kind: 'FOREIGN KEY',
      table: edge.childTable,
      constraint: fk.name,
      statement: `alter table ${ident(edge.childTable)} add constraint ${ident(fk.name)} foreign key (${ident(edge.column)}) references ${ident(edge.parentTable)} (${ident(edge.parentColumn)}) on update ${fk.updateRule} ${edge.rule.ddl} not valid`,
    });
  }
  for (const check of declared.checks) {
    if (live.some((c) => c.table === check.table && c.name === check.name)) continue;
    steps.push({
      kind: 'CHECK',
      table: check.table,
      constraint: check.name,
      statement: `alter table ${ident(check.table)} add constraint ${ident(check.name)} check (${check.expression}) not valid`,
    });
  }
  return steps;
}

/** Adds what planAdoption found missing, all in one transaction; returns the steps taken. */
export async function adoptConstraints(em: EntityManager): Promise<AdoptionStep[]> {
  return em.fork({ clear: true }).transactional(async (tx) => {
    // Each ALTER takes brief locks on its tables; a wait longer than this is someone else's long transaction.
    await tx.execute(`set local lock_timeout = ${literal('10s')}`, [], 'run');
    const steps = await planAdoption(tx);
    for (const step of steps) await tx.execute(step.statement, [], 'run');
    return steps;
  });
}
