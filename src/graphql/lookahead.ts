import type { EntityManager } from '@mikro-orm/postgresql';
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { attachRelations } from '../db/read-rows';

/**
 * Dotted paths of the fields selected below `roots` (e.g. "nodes", "edges.node") of the
 * current field: for `bookings { nodes { room { roomType { name } } customer { email } } }`
 * → room, room.roomType, room.roomType.name, customer, customer.email. Fragments are
 * followed; directives are not evaluated (a skipped field is merely fetched for nothing).
 */
export function selectedPaths(info: GraphQLResolveInfo, roots: readonly string[]): Set<string> {
  const paths = new Set<string>();
  const fieldsOf = (selectionSet: SelectionSetNode | undefined, visit: (field: FieldNode) => void): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) visit(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, visit);
      else fieldsOf(info.fragments[selection.name.value]?.selectionSet, visit);
    }
  };
  const collect = (selectionSet: SelectionSetNode | undefined, prefix: string): void =>
    fieldsOf(selectionSet, (field) => {
      const path = prefix ? `${prefix}.${field.name.value}` : field.name.value;
      paths.add(path);
      collect(field.selectionSet, path);
    });
  const descend = (selectionSet: SelectionSetNode | undefined, route: string[]): void => {
    if (route.length === 0) {
      collect(selectionSet, '');
      return;
    }
    fieldsOf(selectionSet, (field) => {
      if (field.name.value === route[0]) descend(field.selectionSet, route.slice(1));
    });
  };
  for (const node of info.fieldNodes) {
    for (const root of roots) descend(node.selectionSet, root.split('.'));
  }
  return paths;
}

/**
 * Reads, for a page of rows, the relations the query selects below it, before the fields
 * resolve: one query per relation and no promise per row. Fields not selected cost nothing.
 */
export async function prefetchSelected(
  em: EntityManager,
  entity: new () => object,
  rows: readonly object[],
  info: GraphQLResolveInfo,
  roots: readonly string[] = CONNECTION_ROOTS,
): Promise<void> {
  if (rows.length) await attachRelations(em, entity, rows, selectedPaths(info, roots));
}

/** Where the nodes sit in a connection. */
export const CONNECTION_ROOTS = ['nodes', 'edges.node'] as const;
