import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { CLASSIFICATION } from '../../src/errors/classification';
import { ErrorCode } from '../../src/errors/error-code';
import { buildHotelSchema } from '../../src/graphql/schema';

const described = (element: { description?: string | null }) => (element.description ?? '').trim() !== '';

/**
 * The schema coordinates (`Booking.status`, `Query.bookings(first:)`, `BookingStatus.CONFIRMED`)
 * of every public element without a description: what generated client docs and explorers show.
 */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const checkArguments = (owner: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) if (!described(arg)) missing.push(`${owner}(${arg.name}:)`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!described(type)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values<GraphQLField<unknown, unknown>>(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (!described(field)) missing.push(coordinate);
        checkArguments(coordinate, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!described(field)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!described(value)) missing.push(`${type.name}.${value.name}`);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    if (!described(directive)) missing.push(`@${directive.name}`);
    checkArguments(`@${directive.name}`, directive.args);
  }
  return missing.sort();
}

describe('schema descriptions', () => {
  it('describe every type, field, argument, input field and enum value of the public schema', async () => {
    expect(undescribed(await buildHotelSchema())).toEqual([]);
  });

  it('describe each ErrorCode value from its row of the classification table: category, severity, retryability, where, message, advice', async () => {
    const errorCode = (await buildHotelSchema()).getType('ErrorCode');
    if (!isEnumType(errorCode)) throw new Error('ErrorCode is not an enum');
    const values = errorCode.getValues();
    expect(values.map((value) => value.name).sort()).toEqual(Object.values(ErrorCode).sort());
    expect(errorCode.getValue('SERIALIZATION_FAILURE')?.description).toBe(
      "DATABASE, MEDIUM, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The change collided with another one; try again. Wait retryAfterMs (also the Retry-After header when the whole request failed), then send the same request again.",
    );
    expect(errorCode.getValue('INTERNAL_SERVER_ERROR')?.description).toMatch(
      /^SYSTEM, CRITICAL, not retryable; a top-level error, masked\. Internal server error\. /,
    );
    for (const { name, description: said } of values) {
      const description = said ?? '';
      const { category, severity, retryable, message, advice } = CLASSIFICATION[name as ErrorCode];
      expect({
        code: name,
        classified: description.startsWith(`${category}, ${severity}, ${retryable ? 'retryable' : 'not retryable'}; `),
        message: description.includes(` ${message}`),
        advice: description.endsWith(` ${advice}`),
      }).toEqual({ code: name, classified: true, message: true, advice: true });
    }
  });

  it('end the description of a role-limited field with the roles the role matrix lets use it', async () => {
    const schema = await buildHotelSchema();
    const query = schema.getQueryType()!.getFields();
    const mutation = schema.getMutationType()!.getFields();
    expect(query.integrityReport.description).toMatch(/ Only ADMIN may call it\.$/);
    expect(query.users.description).toMatch(/ Only ADMIN and STAFF may call it\. STAFF may select only the id and name of its nodes\.$/);
    expect(mutation.login.description).toMatch(/ Needs no token\.$/);
    expect(mutation.createBooking.description).not.toMatch(/may call it|Needs no token/);
    const booking = schema.getType('Booking') as GraphQLObjectType;
    expect(booking.getFields().logs.description).toMatch(/ Only ADMIN and STAFF may read it; any other role gets FORBIDDEN\.$/);
  });
});
