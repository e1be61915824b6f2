import type { EntityMetadata, MetadataStorage } from '@mikro-orm/core';
import { holdsForeignKey } from '../entities/foreign-key-conventions';

export type DeleteRule = 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';

/** PostgreSQL's one-letter code for each action, as `pg_constraint.confdeltype` stores it. */
export const CONFDELTYPE: Readonly<Record<DeleteRule, string>> = {
  CASCADE: 'c',
  'SET NULL': 'n',
  RESTRICT: 'r',
  'NO ACTION': 'a',
  'SET DEFAULT': 'd',
};

/** One foreign key: rows of `childTable` point through `column` at `parentTable`. */
export interface RuleEdge {
  childEntity: string;
  childTable: string;
  /** The entity property that declares the relation, e.g. "cancelledBy". */
  property: string;
  column: string;
  parentEntity: string;
  parentTable: string;
  parentColumn: string;
  rule: DeleteRule;
  nullable: boolean;
}

export interface RuleGraph {
  edges: readonly RuleEdge[];
  /** Every foreign key that points at `table`. */
  referencesTo(table: string): readonly RuleEdge[];
  /** The table of an entity class name, e.g. RoomType → room_types. */
  tableOf(entity: string): string;
  primaryKeyOf(table: string): string;
  entityOfTable(table: string): string;
}

function toRule(declared: string | undefined, where: string): DeleteRule {
  const rule = declared?.toUpperCase();
  if (rule && rule in CONFDELTYPE) return rule as DeleteRule;
  throw new Error(`${where}: unsupported deleteRule "${declared}"`);
}

/**
 * The delete rules as a graph, read from MikroORM's metadata: the `deleteRule` each
 * entity declares is the only statement of the rule table anywhere in the code.
 */
export function buildRuleGraph(metadata: MetadataStorage): RuleGraph {
  const entities = Object.values(metadata.getAll()) as EntityMetadata[];
  const concrete = entities.filter((meta) => !meta.embeddable && !meta.virtual && meta.tableName);
  const edges: RuleEdge[] = [];
  for (const meta of concrete) {
    for (const prop of Object.values(meta.properties)) {
      if (!holdsForeignKey(prop)) continue;
      const target = metadata.find(prop.type) ?? prop.targetMeta;
      if (!target) throw new Error(`${meta.className}.${prop.name}: target entity ${prop.type} is not in the metadata`);
      edges.push({
        childEntity: meta.className,
        childTable: meta.tableName,
        property: prop.name,
        column: prop.fieldNames[0],
        parentEntity: target.className,
        parentTable: target.tableName,
        parentColumn: prop.referencedColumnNames?.[0] ?? target.primaryKeys[0],
        rule: toRule(prop.deleteRule, `${meta.className}.${prop.name}`),
        nullable: prop.nullable === true,
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
    entityOfTable: (table) => {
      const meta = byTable.get(table);
      if (!meta) throw new Error(`unknown table ${table}`);
      return meta.className;
    },
  };
}
