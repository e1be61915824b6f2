import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeletableEntity } from '../../src/deletion/deletable-entity';
import { deleteGuardFor } from '../../src/deletion/delete-guard';
import { ClassifiedError } from '../../src/errors/classified-error';
import { RestrictedError } from '../../src/errors/restricted-error';
import { deleteRecord } from '../../src/integrity/delete-record';
import { operationContext } from '../support/operation-context';
import { generateRandomHotel, seededRandom } from '../support/random-hotel';
import { useTestDatabase } from '../support/test-database';

const SEEDS = Array.from({ length: 12 }, (_, i) => 9001 + i * 7919);
const ROOTS_PER_SEED = 10;

let orm: MikroORM;

const database = useTestDatabase();
beforeAll(async () => {
  orm = database.orm;
});

interface Snapshot {
  ids: Map<string, Set<number>>;
  /** "table.column" → id → referenced id, for every SET NULL column. */
  references: Map<string, Map<number, number | null>>;
}

async function snapshot(em: EntityManager): Promise<Snapshot> {
  const graph = deleteGuardFor(em).graph;
  const tables = [...new Set(graph.edges.flatMap((edge) => [edge.childTable, edge.parentTable]))];
  const ids = new Map<string, Set<number>>();
  for (const table of tables) ids.set(table, new Set((await em.execute<{ id: number }[]>(`select id from "${table}"`)).map((row) => row.id)));
  const references = new Map<string, Map<number, number | null>>();
  for (const edge of graph.edges.filter((e) => e.rule.name === 'SET NULL')) {
    const rows = await em.execute<{ id: number; ref: number | null }[]>(`select id, "${edge.column}" as ref from "${edge.childTable}"`);
    references.set(`${edge.childTable}.${edge.column}`, new Map(rows.map((row) => [row.id, row.ref])));
  }
  return { ids, references };
}

/** What actually happened between two snapshots, in the shape of an impact. */
function observed(before: Snapshot, after: Snapshot) {
  const deletes: Record<string, number> = {};
  for (const [table, ids] of before.ids) {
    const gone = [...ids].filter((id) => !after.ids.get(table)!.has(id)).length;
    if (gone) deletes[table] = gone;
  }
  const nullifies: Record<string, number> = {};
  for (const [key, refs] of before.references) {
    const afterRefs = after.references.get(key)!;
    const cleared = [...refs].filter(([id, ref]) => ref !== null && afterRefs.has(id) && afterRefs.get(id) === null).length;
    if (cleared) nullifies[key] = cleared;
  }
  return { deletes, nullifies };
}

describe('preview equals reality', () => {
  it(`for ${SEEDS.length} random hotels and ${ROOTS_PER_SEED} random roots each, deleteImpact counts exactly what deleteRecord does`, async () => {
    let checked = 0;
    let refused = 0;
    for (const seed of SEEDS) {
      const em = orm.em.fork();
      await generateRandomHotel(em, seed);
      const r = seededRandom(seed);
      for (let n = 0; n < ROOTS_PER_SEED; n++) {
        const entity = r.pick(Object.values(DeletableEntity));
        const table = deleteGuardFor(em).tableOf(entity);
        const candidates = await em.execute<{ id: number }[]>(`select id from "${table}" order by id`);
        if (!candidates.length) continue;
        const id = r.pick(candidates).id;
        const context = `seed ${seed}, root ${entity} ${id}`;

        const tx = orm.em.fork();
        await tx.begin();
        try {
          const before = await snapshot(tx);
          const impact = (await deleteGuardFor(tx).impactOf(tx, entity, id))!;
          const outcome = await deleteRecord(operationContext(tx), { entity, id: String(id), reason: 'property test' }).catch((error) => error);
          if (impact.allowed) {
            expect(outcome instanceof Error || outcome instanceof ClassifiedError, context).toBe(false);
            await tx.flush();
            const actual = observed(before, await snapshot(tx));
            expect(actual, context).toEqual({
              deletes: Object.fromEntries(impact.deletes.map((entry) => [entry.table, entry.count])),
              nullifies: Object.fromEntries(impact.nullifies.map((entry) => [`${entry.table}.${entry.column}`, entry.count])),
            });
          } else {
            refused++;
            expect(outcome, context).toBeInstanceOf(RestrictedError);
            expect((outcome as RestrictedError).blockers, context).toEqual(impact.blockers);
            // PostgreSQL agrees: the same delete, done directly, is refused by a foreign key.
            await tx.execute('savepoint direct');
            const direct = await tx.execute(`delete from "${table}" where id = ?`, [id]).catch((error) => error);
            expect(['23503', '23001'], context).toContain((direct as { code?: string }).code);
            await tx.execute('rollback to savepoint direct');
            expect(observed(before, await snapshot(tx)), context).toEqual({ deletes: {}, nullifies: {} });
          }
          checked++;
        } finally {
          await tx.rollback();
        }
      }
    }
    expect(checked).toBeGreaterThan(SEEDS.length * ROOTS_PER_SEED * 0.8);
    expect(refused).toBeGreaterThan(0);
  });
});
