import { Cascade, type EntityMetadata, ReferenceKind } from '@mikro-orm/core';

/** The owning side of a relation: the entity whose table holds the foreign key column. */
export function holdsForeignKey(prop: { kind: ReferenceKind; owner?: boolean }): boolean {
  return prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner === true);
}

/**
 * Applied to every entity at discovery. A relation without a declared `deleteRule` is a
 * start-up error, so no foreign key ever gets PostgreSQL's default by accident; and every
 * foreign key column gets an index (PostgreSQL does not make one), so cascades, restrict
 * checks and orphan scans never scan a whole child table. Cascades are the database's
 * only: a relation asking MikroORM to remove rows itself (Cascade.REMOVE, orphanRemoval)
 * is refused, since its in-memory cascade and PostgreSQL's could disagree.
 */
export function applyForeignKeyConventions(meta: EntityMetadata): void {
  for (const prop of Object.values(meta.properties)) {
    if (prop.orphanRemoval || prop.cascade?.some((cascade) => cascade === Cascade.REMOVE || cascade === Cascade.ALL)) {
      throw new Error(`${meta.className}.${prop.name} asks MikroORM to delete rows; deletes cascade in PostgreSQL only, by each relation's deleteRule`);
    }
    if (!holdsForeignKey(prop)) continue;
    if (!prop.deleteRule) {
      throw new Error(`${meta.className}.${prop.name} declares no deleteRule; every relation must say what happens when its target is deleted`);
    }
    if (!prop.index && !prop.unique) prop.index = true;
  }
}
