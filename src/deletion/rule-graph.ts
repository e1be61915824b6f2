import type { EntityMetadata, MetadataStorage } from '@mikro-orm/core';
import { holdsForeignKey } from '../entities/foreign-key-conventions';
import { type DeleteRule, deleteRuleNamed } from './delete-rule';

/** One foreign key: rows of `childTable` point through `column` at `parentTable`. */
export interface RuleEdge {
  /** The entity that declares the relation. */
  childEntity: string;
  childTable: string;
  column: string;
  parentTable: string;
  parentColumn: string;
  rule: DeleteRule;
}

export interface RuleGraph {
  edges: readonly RuleEdge[];
  /** Every foreign key that points at `table`. */
  referencesTo(table: string): readonly RuleEdge[];
  /** The table of an entity class name, e.g. RoomType → room_types. */
  tableOf(entity: string): string;
  primaryKeyOf(table: string): string;
}

/** The model's tables: its entities that are neither embeddables nor virtual. */
export function modelTables(metadata: MetadataStorage): EntityMetadata[] {
  return (Object.values(metadata.getAll()) as EntityMetadata[]).filter((meta) => !meta.embeddable && !meta.virtual && meta.tableName);
}

function buildRuleGraph(metadata: MetadataStorage): RuleGraph {
  const concrete = modelTables(metadata);
  const edges: RuleEdge[] = [];
  for (const meta of concrete) {
    for (const prop of Object.values(meta.properties)) {
      if (!holdsForeignKey(prop)) continue;
      const target = metadata.find(prop.type) ?? prop.targetMeta;
      if (!target) throw new Error(`${meta.className}.${prop.name}: target entity ${prop.type} is not in the metadata`);
      edges.push({
        childEntity: meta.className,
        childTable: meta.tableName,
        column: prop.fieldNames[0],
        parentTable: target.tableName,
        parentColumn: prop.referencedColumnNames?.[0] ?? target.primaryKeys[0],
        rule: deleteRuleNamed(prop.deleteRule, `${meta.className}.${prop.name}`),
      });
    }
  }
  edges.sort((a, b) => a.childTable.localeCompare(b.childTable) || a.column.localeCompare(b.column));

  const byParent = new Map<string, RuleEdge[]>();
  for (const edge of edges) byParent.set(edge.parentTable, [...(byParent.get(edge.parentTable) ?? []), edge]);
  const tables = new Map(concrete.map((meta) => [meta.className, meta]));
  const byTable = new Map(concrete.map((meta) => [meta.tableName, meta]));

  return {
    edges,
    referencesTo: (table) => byParent.get(table) ?? [],
    tableOf: (entity) => {
      const meta = tables.get(entity);
      if (!meta) throw new Error(`unknown entity ${entity}`);
      return meta.tableName;
    },
    primaryKeyOf: (table) => {
      const meta = byTable.get(table);
      if (!meta) throw new Error(`unknown table ${table}`);
      return meta.getPrimaryProps()[0].fieldNames[0];
    },
  };
}

const graphs = new WeakMap<MetadataStorage, RuleGraph>();

/**
 * The delete rules as a graph, read from MikroORM's metadata: the `deleteRule` each entity
 * declares is the only statement of the rule table anywhere in the code. Built once per
 * model.
 */
export function ruleGraphOf(metadata: MetadataStorage): RuleGraph {
  let graph = graphs.get(metadata);
  if (!graph) {
    graph = buildRuleGraph(metadata);
    graphs.set(metadata, graph);
  }
  return graph;
}
