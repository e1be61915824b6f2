import { type EntityMetadata, ReferenceKind } from '@mikro-orm/core';
import {
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { RowShape } from '../db/row-shape';
import { holdsForeignKey } from '../entities/foreign-key-conventions';
import { showsItsProperty } from './auth-checker';

/** Where the nodes sit in a connection. */
export const CONNECTION_ROOTS = ['nodes', 'edges.node'] as const;

type Fragments = GraphQLResolveInfo['fragments'];

/** The fields of selection sets, fragments followed; directives are not evaluated (a skipped field is merely read for nothing). */
function fieldsOf(selectionSets: readonly SelectionSetNode[], fragments: Fragments): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet);
  return fields;
}

/** The selection sets of the current field reached by a dotted route ("edges.node"). */
function setsAt(info: GraphQLResolveInfo, route: string): SelectionSetNode[] {
  let sets = info.fieldNodes.map((node) => node.selectionSet).filter((set): set is SelectionSetNode => set !== undefined);
  for (const step of route.split('.')) {
    sets = fieldsOf(sets, info.fragments)
      .filter((field) => field.name.value === step && field.selectionSet)
      .map((field) => field.selectionSet!);
  }
  return sets;
}

/**
 * What of each row `type` (on `meta`) must be read for these selection sets: the columns
 * of the fields that show a property as it is, the to-one relations selected (joined, in
 * shapes of their own), and every column as soon as one selected field is computed (a
 * field resolver may read any of them).
 */
function shapeFor(schema: GraphQLSchema, type: GraphQLObjectType, meta: EntityMetadata, sets: readonly SelectionSetNode[], fragments: Fragments): RowShape {
  const properties = new Set<string>();
  const relations = new Map<string, { type: GraphQLObjectType; meta: EntityMetadata; sets: SelectionSetNode[] }>();
  let every = false;
  for (const field of fieldsOf(sets, fragments)) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const prop = meta.properties[name as never] as EntityMetadata['properties'][string] | undefined;
    const definition = type.getFields()[name];
    const target = definition && getNamedType(definition.type);
    if (prop && holdsForeignKey(prop) && field.selectionSet && isObjectType(target)) {
      const relation = relations.get(name) ?? { type: target, meta: prop.targetMeta!, sets: [] };
      relation.sets.push(field.selectionSet);
      relations.set(name, relation);
    } else if (prop && prop.kind === ReferenceKind.SCALAR && definition && showsItsProperty(definition)) {
      properties.add(name);
    } else {
      every = true;
    }
  }
  const joins = new Map([...relations].map(([name, relation]) => [name, shapeFor(schema, relation.type, relation.meta, relation.sets, fragments)]));
  return { properties: every ? 'all' : properties, joins };
}

/**
 * The shape of the rows a list field returns, from the query's selection below `roots`
 * (the nodes of a connection by default): for `bookings { nodes { checkIn room { number } } }`,
 * checkIn and the room's number, the room joined. A page then reads its rows and their
 * to-one relations in one statement, and only the columns its fields show.
 */
export function rowShapeOf(info: GraphQLResolveInfo, meta: EntityMetadata, roots: readonly string[] = CONNECTION_ROOTS): RowShape {
  const nodeType = getNamedType(info.schema.getType(meta.className) ?? undefined);
  if (!isObjectType(nodeType)) throw new Error(`${meta.className} is not an object type of the schema`);
  const sets = roots.flatMap((root) => setsAt(info, root));
  return shapeFor(info.schema, nodeType, meta, sets, info.fragments);
}
