import { createHash } from 'node:crypto';
import type { EntityManager, MetadataStorage } from '@mikro-orm/postgresql';
import { arrayParameter, ident, literal } from '../sql';
import { DELETABLE_ENTITY_CLASSES, entityConstant } from './deletable-entity';
import { type DeleteBlocker, type DeleteImpact, type ImpactEntry, SAMPLE_SIZE } from './delete-impact';
import type { DeleteEffect } from './delete-rule';
import { type RuleEdge, type RuleGraph, ruleGraphOf } from './rule-graph';

/**
 * What deleting rows of one table does, as SQL derived from the rule graph:
 *  - the rows removed, table by table, following CASCADE edges from the root (each table a
 *    CTE of (root, id) pairs; `union` counts a row reached by several paths once);
 *  - the surviving rows whose SET NULL reference points at a removed row;
 *  - the rows whose RESTRICT / NO ACTION reference points at a removed row: the blockers.
 * One statement, whatever the number of rows, for any number of roots at once.
 */
interface DeletePlan {
  rootTable: string;
  sql: string;
}

interface ImpactRow {
  kind: DeleteEffect;
  tbl: string;
  col: string | null;
  root: number;
  n: string;
  fp: string;
  samples: number[] | null;
}

/**
 * Tables a delete of `rootTable` removes, parents before the tables they cascade to (Kahn's
 * order over the CASCADE edges reachable from the root). A cascade cycle is refused: its
 * closure would need a recursive query, and no relation of the model needs one.
 */
function cascadeOrder(graph: RuleGraph, rootTable: string): string[] {
  const reached = new Set<string>([rootTable]);
  const queue = [rootTable];
  while (queue.length) {
    for (const edge of graph.referencesTo(queue.shift()!)) {
      if (edge.rule.effect === 'delete' && !reached.has(edge.childTable)) {
        reached.add(edge.childTable);
        queue.push(edge.childTable);
      }
    }
  }
  const cascades = graph.edges.filter((edge) => edge.rule.effect === 'delete' && reached.has(edge.parentTable) && reached.has(edge.childTable));
  const waitingFor = new Map([...reached].map((table) => [table, cascades.filter((edge) => edge.childTable === table).length]));
  const order: string[] = [];
  const ready = [...reached].filter((table) => waitingFor.get(table) === 0);
  while (ready.length) {
    const table = ready.shift()!;
    order.push(table);
    for (const edge of cascades.filter((e) => e.parentTable === table)) {
      const left = waitingFor.get(edge.childTable)! - 1;
      waitingFor.set(edge.childTable, left);
      if (left === 0) ready.push(edge.childTable);
    }
  }
  if (order.length !== reached.size) {
    const cyclic = [...reached].filter((table) => !order.includes(table));
    throw new Error(`delete rules cascade in a cycle through ${cyclic.join(', ')}; the delete guard supports acyclic cascades only`);
  }
  return order;
}

/**
 * `roots` selects the (root, id) pairs deleted first; by default the rows whose ids are
 * the statement's one parameter, each its own root.
 */
function planFor(graph: RuleGraph, rootTable: string, roots?: string): DeletePlan {
  const doomed = cascadeOrder(graph, rootTable);
  const cte = (table: string) => ident(`doomed_${table}`);
  const pk = (table: string) => ident(graph.primaryKeyOf(table));
  const ctes = doomed.map((table) => {
    if (table === rootTable)
      return `${cte(table)} as (${roots ?? `select t.${pk(table)} as root, t.${pk(table)} as id from ${ident(table)} t where t.${pk(table)} = any(?::int[])`})`;
    const sources = graph.edges
      .filter((edge) => edge.childTable === table && edge.rule.effect === 'delete' && doomed.includes(edge.parentTable))
      .map((edge) => `select d.root, c.${pk(table)} as id from ${ident(table)} c join ${cte(edge.parentTable)} d on c.${ident(edge.column)} = d.id`);
    return `${cte(table)} as (${sources.join(' union ')})`;
  });

  // The fingerprint of a set of ids: order-independent (sum and xor of their hashes), so
  // it needs no sort, yet changes when any one row is swapped for another.
  const aggregate = (id: string) => `count(*)::text as n, sum(hashint4(${id})::bigint)::text || ':' || bit_xor(hashint4(${id}))::text as fp`;
  const parts = doomed.map(
    (table) =>
      `select 'delete' as kind, ${literal(table)} as tbl, null::text as col, root, ${aggregate('id')}, null::int[] as samples from ${cte(table)} group by root`,
  );
  const referencing = (edge: RuleEdge, kind: Exclude<DeleteEffect, 'delete'>) => {
    const child = pk(edge.childTable);
    // Rows that are themselves removed are neither cleared nor blocking; EXCEPT (a hashed
    // set difference) stays linear where an anti-join on a CTE may degrade to a nested loop.
    const removedToo = doomed.includes(edge.childTable) ? ` except select root, id from ${cte(edge.childTable)}` : '';
    const samples = kind === 'block' ? `(array_agg(id order by id))[1:${SAMPLE_SIZE}]` : 'null::int[]';
    return `select ${literal(kind)}, ${literal(edge.childTable)}, ${literal(edge.column)}, root, ${aggregate('id')}, ${samples}
      from (select d.root, c.${child} as id from ${ident(edge.childTable)} c join ${cte(edge.parentTable)} d on c.${ident(edge.column)} = d.id${removedToo}) s group by root`;
  };
  // What each rule does to the rows referring to a removed row; removals are the CTEs above.
  for (const edge of graph.edges) {
    if (doomed.includes(edge.parentTable) && edge.rule.effect !== 'delete') parts.push(referencing(edge, edge.rule.effect));
  }
  return { rootTable, sql: `with ${ctes.join(',\n')}\n${parts.join('\nunion all\n')}` };
}

export interface DeleteGuard {
  graph: RuleGraph;
  /** The table behind a DeletableEntity value (ROOM_TYPE → room_types). */
  tableOf(entity: string): string;
  impactOf(em: EntityManager, entity: string, id: number): Promise<DeleteImpact | undefined>;
  /** Impacts of many rows of one entity, in the same one statement. Missing rows are absent. */
  impactsOf(em: EntityManager, entity: string, ids: readonly number[]): Promise<Map<number, DeleteImpact>>;
  /**
   * What deleting, all together, the rows of `table` whose primary keys `selection` (a
   * query of one column) returns would do: each row affected counted once, however many
   * of the selected rows it hangs from. Used by the integrity repair of orphans.
   */
  impactOfSelection(em: EntityManager, table: string, selection: string): Promise<Omit<DeleteImpact, 'entity' | 'id' | 'token'>>;
}

function tokenOf(entity: string, id: number, rows: ImpactRow[]): string {
  const facts = rows.map((row) => [row.kind, row.tbl, row.col, row.n, row.fp]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return createHash('sha256')
    .update(JSON.stringify([entity, id, facts]))
    .digest('base64url');
}

function toImpact(entity: string, id: number, rows: ImpactRow[]): DeleteImpact {
  const byTable = (a: ImpactEntry, b: ImpactEntry) => a.table.localeCompare(b.table) || (a.column ?? '').localeCompare(b.column ?? '');
  const deletes = rows.filter((r) => r.kind === 'delete').map((r) => ({ table: r.tbl, column: null, count: Number(r.n) }));
  const nullifies = rows.filter((r) => r.kind === 'nullify').map((r) => ({ table: r.tbl, column: r.col, count: Number(r.n) }));
  const blockers: DeleteBlocker[] = rows
    .filter((r) => r.kind === 'block')
    .map((r) => ({ table: r.tbl, column: r.col ?? '', count: Number(r.n), sampleIds: (r.samples ?? []).map(String) }))
    .sort(byTable);
  return {
    entity,
    id: String(id),
    allowed: blockers.length === 0,
    token: tokenOf(entity, id, rows),
    deletes: deletes.sort(byTable),
    nullifies: nullifies.sort(byTable),
    blockers,
  };
}

/**
 * The delete guard: built once from the ORM's metadata (the only statement of the delete
 * rules), it tells exactly what a delete would remove, clear and be blocked by — as
 * PostgreSQL will do it, since PostgreSQL's own foreign keys carry the same rules.
 */
export function createDeleteGuard(metadata: MetadataStorage): DeleteGuard {
  const graph = ruleGraphOf(metadata);
  const tables = new Map(DELETABLE_ENTITY_CLASSES.map((entity) => [entityConstant(entity.name), graph.tableOf(entity.name)]));
  const plans = new Map([...tables.values()].map((table) => [table, planFor(graph, table)]));
  const tableOf = (entity: string) => {
    const table = tables.get(entity);
    if (!table) throw new Error(`not a deletable entity: ${entity}`);
    return table;
  };

  const impactsOf = async (em: EntityManager, entity: string, ids: readonly number[]) => {
    const plan = plans.get(tableOf(entity))!;
    const rows = ids.length ? await em.execute<ImpactRow[]>(plan.sql, [arrayParameter(ids)]) : [];
    const byRoot = new Map<number, ImpactRow[]>();
    for (const row of rows) byRoot.set(row.root, [...(byRoot.get(row.root) ?? []), row]);
    const impacts = new Map<number, DeleteImpact>();
    for (const [root, rootRows] of byRoot) impacts.set(root, toImpact(entity, root, rootRows));
    return impacts;
  };

  const impactOfSelection = async (em: EntityManager, table: string, selection: string) => {
    const plan = planFor(graph, table, `select 0 as root, s.id from (${selection}) s(id)`);
    const rows = await em.execute<ImpactRow[]>(plan.sql);
    const { deletes, nullifies, blockers, allowed } = toImpact(table, 0, rows);
    return { deletes, nullifies, blockers, allowed };
  };

  return {
    graph,
    tableOf,
    impactsOf,
    impactOfSelection,
    impactOf: async (em, entity, id) => (await impactsOf(em, entity, [id])).get(id),
  };
}

const guards = new WeakMap<MetadataStorage, DeleteGuard>();

/** The guard of this ORM's model, built on first use (the server builds it at start-up). */
export function deleteGuardFor(em: EntityManager): DeleteGuard {
  const metadata = em.getMetadata();
  let guard = guards.get(metadata);
  if (!guard) {
    guard = createDeleteGuard(metadata);
    guards.set(metadata, guard);
  }
  return guard;
}
