import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNullableType, isUnionType } from 'graphql';
import { ObjectType } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { ACCESS_MATRIX } from '../../src/auth/access-policy';
import { RequestError } from '../../src/errors/request-error';
import { applyMutationBoundary } from '../../src/graphql/mutation-boundary';
import { mutationResult, resultUnion } from '../../src/graphql/results/mutation-result';
import { buildHotelSchema, printHotelSchema } from '../../src/graphql/schema';
import { createBooking } from '../../src/services/booking.service';

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

  it('answers each mutation with its success or the errors its operation declares, and ValidationError and ServiceUnavailableError', async () => {
    const mutations = Object.values((await buildHotelSchema()).getMutationType()!.getFields());
    for (const field of mutations) {
      const union = getNullableType(field.type);
      expect(isUnionType(union) && union.name).toBe(`${field.name[0].toUpperCase()}${field.name.slice(1)}Result`);
      if (!isUnionType(union)) continue;
      const members = union.getTypes().map((type) => type.name);
      const declared = resultUnion(union.name)!.errors.map((type) => type.name);
      expect(members.filter((name) => !name.endsWith('Success')).sort()).toEqual([...declared].sort());
      expect(declared).toEqual(expect.arrayContaining(['ValidationError', 'ServiceUnavailableError']));
    }
    const createBookingResult = mutations.find((field) => field.name === 'createBooking')!;
    expect(resultUnion(String(getNullableType(createBookingResult.type)))?.errors).toEqual(expect.arrayContaining([...createBooking.errors]));
  });

  it('refuses to build a mutation without a result union, or one declaring an error that only travels at the top level', () => {
    const plain = buildSchema('type Query { ok: Boolean } type Mutation { archive: Boolean }');
    expect(() => applyMutationBoundary(plain)).toThrow('mutation archive does not return a result union made by mutationResult');
    @ObjectType()
    class ArchiveSuccess {}
    expect(() => mutationResult('Archive', ArchiveSuccess, { errors: [RequestError] })).toThrow('Archive: RequestError travel only as top-level errors');
  });
});
