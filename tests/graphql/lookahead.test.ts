import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedPaths } from '../../src/graphql/lookahead';

/** Captures the resolve info of `list` for a document, through graphql-js itself. */
function infoFor(document: string): GraphQLResolveInfo {
  const schema = buildSchema(`
    type Type { name: String }
    type Room { number: String roomType: Type }
    type Item { id: ID room: Room customer: Type }
    type Edge { node: Item }
    type List { nodes: [Item] edges: [Edge] }
    type Query { list: List }`);
  let captured: GraphQLResolveInfo | undefined;
  execute({
    schema,
    document: parse(document),
    rootValue: {
      list: (_: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        captured = info;
        return null;
      },
    },
  });
  return captured!;
}

describe('selectedPaths', () => {
  it('lists the fields selected below a connection, through nodes, edges and fragments', () => {
    const info = infoFor(`
      { list { nodes { room { roomType { name } } } edges { node { ...C } } } }
      fragment C on Item { ... on Item { customer { name } } }`);
    expect([...selectedPaths(info, ['nodes', 'edges.node'])].sort()).toEqual(['customer', 'customer.name', 'room', 'room.roomType', 'room.roomType.name']);
  });

  it('is empty when no node is selected', () => {
    expect(selectedPaths(infoFor('{ list { edges { __typename } } }'), ['nodes', 'edges.node']).size).toBe(0);
  });
});
