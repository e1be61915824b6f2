import { Utils } from '@mikro-orm/core';
import { DatabaseSchema, type EntityManager } from '@mikro-orm/postgresql';
import { modelTables, type RuleEdge, ruleGraphOf } from '../deletion/rule-graph';

/** A foreign key the model declares: an edge of the rule graph, with the name and DDL the migrations give it. */
export interface DeclaredForeignKey {
  name: string;
  edge: RuleEdge;
  updateRule: string;
}

/** A CHECK the model declares: an entity's `@Check`, or the one an enum column gets. */
export interface DeclaredCheck {
  name: string;
  table: string;
  expression: string;
}

export interface DeclaredConstraints {
  foreignKeys: DeclaredForeignKey[];
  checks: DeclaredCheck[];
}

/**
 * The foreign keys and CHECKs the model declares, named and written as MikroORM's schema
 * generator writes them into migrations (DatabaseSchema.fromMetadata), so the integrity
 * report can tell a dropped one and `integrity:adopt` can add it back. The delete rule of
 * each foreign key is the rule graph's, the one statement of the rule table.
 */
export function declaredConstraints(em: EntityManager): DeclaredConstraints {
  const metadata = em.getMetadata();
  const platform = em.getPlatform();
  const config = em.config;
  const schema = DatabaseSchema.fromMetadata(modelTables(metadata), platform, config as never);
  const graph = ruleGraphOf(metadata);
  const naming = config.getNamingStrategy();

  const foreignKeys: DeclaredForeignKey[] = [];
  const checks: DeclaredCheck[] = [];
  for (const table of schema.getTables()) {
    const fks = Object.values(table.getForeignKeys());
    for (const edge of graph.edges.filter((e) => e.childTable === table.name)) {
      const fk = fks.find((candidate) => candidate.columnNames.length === 1 && candidate.columnNames[0] === edge.column);
      if (!fk) throw new Error(`${edge.childTable}.${edge.column}: the schema generator declares no foreign key for this relation`);
      foreignKeys.push({ name: fk.constraintName, edge, updateRule: fk.updateRule ?? 'no action' });
    }
    for (const check of table.getChecks()) {
      if (typeof check.expression !== 'string') continue;
      checks.push({ name: check.name, table: table.name, expression: check.expression });
    }
    for (const column of Object.values(table.getColumns())) {
      if (column.nativeEnumName || !column.enumItems?.length || !column.enumItems.every(Utils.isString)) continue;
      // An array of enum values gets no CHECK of its own from MikroORM: the entity states it with @Check.
      if (column.type.endsWith('[]')) continue;
      checks.push({
        name: naming.indexName(table.name, [column.name], 'check'),
        table: table.name,
        expression: `${platform.quoteIdentifier(column.name)} in (${column.enumItems.map((item) => platform.quoteValue(item)).join(', ')})`,
      });
    }
  }
  return { foreignKeys, checks };
}
