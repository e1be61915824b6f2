import { type FragmentDefinitionNode, type GraphQLResolveInfo, type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModelMetadata } from '../../src/db/model-metadata';
import type { RowShape } from '../../src/db/row-shape';
import { rowShapeOf } from '../../src/graphql/lookahead';
import { buildHotelSchema } from '../../src/graphql/schema';

let schema: GraphQLSchema;
const metadata = loadModelMetadata();
beforeAll(async () => {
  schema = await buildHotelSchema();
});

/** What rowShapeOf reads of a resolve info, for the document's first root field. */
function infoFor(document: string): GraphQLResolveInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { schema, fieldNodes: [operation.selectionSet.selections[0]], fragments } as unknown as GraphQLResolveInfo;
}

/** A shape as plain data, to compare. */
const plain = (shape: RowShape): unknown => ({
  properties: shape.properties === 'all' ? 'all' : [...shape.properties].sort(),
  joins: Object.fromEntries([...shape.joins].map(([name, inner]) => [name, plain(inner)])),
});

const bookingShape = (document: string) => plain(rowShapeOf(infoFor(document), metadata.get('Booking')));

describe('rowShapeOf', () => {
  it('reads the columns the fields show and joins the to-one relations, through nodes, edges and fragments', () => {
    expect(
      bookingShape(`{ bookings { nodes { id checkIn room { number roomType { name } } } edges { node { ...F } } } }
        fragment F on Booking { ... on Booking { status customer { email } } }`),
    ).toEqual({
      properties: ['checkIn', 'id', 'status'],
      joins: { room: { properties: ['number'], joins: { roomType: { properties: ['name'], joins: {} } } }, customer: { properties: ['email'], joins: {} } },
    });
  });

  it('reads every column of a row one of whose selected fields is computed, and still joins', () => {
    expect(bookingShape('{ bookings { nodes { balance room { number } } } }')).toEqual({
      properties: 'all',
      joins: { room: { properties: ['number'], joins: {} } },
    });
    // A to-many relation is a field resolver of its own.
    expect(bookingShape('{ bookings { nodes { payments { amount } } } }')).toMatchObject({ properties: 'all' });
  });

  it('counts a field the role matrix guards as the column it shows', () => {
    expect(plain(rowShapeOf(infoFor('{ customers { nodes { lastName loyaltyPoints } } }'), metadata.get('Customer')))).toEqual({
      properties: ['lastName', 'loyaltyPoints'],
      joins: {},
    });
  });

  it('reads only the key where no node field is selected, and aliases name the same columns', () => {
    expect(bookingShape('{ bookings { totalCount edges { cursor } } }')).toEqual({ properties: [], joins: {} });
    expect(bookingShape('{ bookings { nodes { a: checkIn b: checkIn __typename } } }')).toEqual({ properties: ['checkIn'], joins: {} });
  });
});
