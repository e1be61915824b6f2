import { type GraphQLObjectType, getNamedType, isEnumType, isNonNullType, isObjectType, isScalarType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessOf, PUBLIC } from '../../src/auth/access-policy';
import { seedDemoHotel } from '../../src/demo/demo-seed';
import { Role } from '../../src/entities/role';
import { buildHotelSchema } from '../../src/graphql/schema';
import { useTestApi } from '../support/test-api';

/**
 * A list reads its rows in one statement, only the columns its fields show and its to-one
 * relations joined; a single record is read whole, its relations by loaders. Both must
 * show the same thing, byte for byte: every list's nodes are compared with the same
 * records asked for one by one, for every field two levels deep, as an ADMIN and as a PARTNER.
 */

let schema: Awaited<ReturnType<typeof buildHotelSchema>>;
const t = useTestApi();
beforeAll(async () => {
  await seedDemoHotel(t.em(), t.config.currency);
  schema = await buildHotelSchema();
  // Partner bookings to see: some of the demo's, moved to the partner's channel.
  await t.database.sql.query(`update bookings set channel = 'partner-a' where id % 7 = 0`);
  await t.database.sql.query(`update customers set channel = 'partner-a' where id in (select customer_id from bookings where channel = 'partner-a')`);
});

/**
 * Every field without required arguments that `role` may read (the role matrix), to
 * `depth` levels of objects: what a curious client of that role could ask.
 */
function everyField(type: GraphQLObjectType, depth: number, role: Role): string {
  const fields = Object.values(type.getFields()).filter((field) => {
    const access = accessOf(type.name, field.name);
    const readable = access === undefined || access === PUBLIC || access.includes(role);
    return readable && !field.args.some((arg) => isNonNullType(arg.type));
  });
  const parts = fields.flatMap((field) => {
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) return [field.name];
    if (isObjectType(named) && depth > 0 && !named.name.endsWith('Connection')) return [`${field.name} { ${everyField(named, depth - 1, role)} }`];
    return [];
  });
  return parts.join(' ');
}

const LISTS: [list: string, single: string, type: string][] = [
  ['bookings', 'booking', 'Booking'],
  ['rooms', 'room', 'Room'],
  ['customers', 'customer', 'Customer'],
  ['roomTypes', 'roomType', 'RoomType'],
];

describe('a page read in one statement', () => {
  for (const [list, single, typeName] of LISTS) {
    for (const role of ['admin', 'partner'] as const) {
      it(`${list} shows, as a ${role.toUpperCase()}, exactly what ${single}(id) shows of each record`, async () => {
        const fields = everyField(schema.getType(typeName) as GraphQLObjectType, 1, role === 'admin' ? Role.ADMIN : Role.PARTNER);
        const token = t.tokens[role];
        const page = await t.graphql(`{ ${list}(first: 100) { nodes { ${fields} } } }`, {}, { token });
        const nodes = page.data?.[list]?.nodes as { id: string }[] | undefined;
        const errorsOfPage = (page.errors ?? []).map((error: any) => `${error.path?.slice(3).join('.')} ${error.extensions?.code}`);
        expect(nodes?.length ?? 0).toBeGreaterThan(0);
        for (const node of nodes!.slice(0, 40)) {
          const one = await t.graphql(`query ($id: ID!) { ${single}(id: $id) { ${fields} } }`, { id: node.id }, { token });
          expect(JSON.stringify(one.data?.[single])).toBe(JSON.stringify(node));
          // The same fields in error, if any, whichever way they are read.
          const errorsOfOne = (one.errors ?? []).map((error: any) => `${error.path?.slice(1).join('.')} ${error.extensions?.code}`);
          expect(errorsOfOne).toEqual(
            errorsOfPage.filter((e: string) => e.startsWith(`${nodes!.indexOf(node)}.`)).map((e: string) => e.slice(e.indexOf('.') + 1)),
          );
        }
      });
    }
  }
});
