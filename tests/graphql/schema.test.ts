import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS_MATRIX } from '../../src/auth/access-policy';
import { buildHotelSchema, printHotelSchema } from '../../src/graphql/schema';

describe('schema', () => {
  it('equals the committed schema/schema.graphql', async () => {
    const committed = readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(printHotelSchema(await buildHotelSchema())).toBe(committed);
  });

  it('gives every root field an entry in the role matrix', async () => {
    const schema = await buildHotelSchema();
    for (const type of [schema.getQueryType(), schema.getMutationType()]) {
      if (!type) continue;
      const missing = Object.keys(type.getFields()).filter((field) => !(field in ACCESS_MATRIX[type.name]));
      expect({ type: type.name, missing }).toEqual({ type: type.name, missing: [] });
    }
  });

  it('serves money as Money (a decimal string) and stay dates as Date', async () => {
    const schema = await buildHotelSchema();
    const booking = schema.getType('Booking') as import('graphql').GraphQLObjectType;
    const fields = booking.getFields();
    expect(String(fields.totalAmount.type)).toBe('Money!');
    expect(String(fields.checkIn.type)).toBe('Date!');
    expect(String(fields.createdAt.type)).toBe('DateTime!');
  });
});
