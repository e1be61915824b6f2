import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, accessOf, PUBLIC } from '../../src/auth/access-policy';
import { addDays, today } from '../../src/dates';
import { Role } from '../../src/entities/role';
import { buildHotelSchema } from '../../src/graphql/schema';
import { useTestApi } from '../support/test-api';

/**
 * Walks every root field of the schema for every role and for no token, and checks the
 * answer against the role matrix: denied exactly when the matrix denies. Requests are the
 * smallest valid ones; ids point at nothing, so allowed mutations answer NOT_FOUND or
 * VALIDATION_FAILED and change little.
 */

let schema: GraphQLSchema;
const t = useTestApi();
beforeAll(async () => {
  schema = await buildHotelSchema();
});

const MISSING_ID = '999999';

/** A plausible value for a scalar, by its type and the name of the field or argument. */
function scalarValue(type: string, name: string): unknown {
  switch (type) {
    case 'ID':
      return MISSING_ID;
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'Date':
      return addDays(today(), /out|to$/i.test(name) ? 31 : 30);
    case 'DateTime':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'Money':
      return '1.00';
    case 'JSONObject':
      return {};
    case 'String':
      if (/email/i.test(name)) return 'walk@example.test';
      if (/password/i.test(name)) return 'walk-password-1234';
      return 'walk';
    default:
      throw new Error(`the walk has no value for scalar ${type} (${name}); add one`);
  }
}

/** A value for a required argument or input field: required fields filled in, optional ones left out. */
function valueFor(type: GraphQLInputType, name: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [valueFor(inner.ofType, name)];
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isScalarType(inner)) return scalarValue(inner.name, name);
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = valueFor(field.type, field.name);
    }
    return value;
  }
  throw new Error(`the walk cannot make a value of ${String(type)}`);
}

/** The smallest valid request for a root field: its required arguments as variables, `__typename` as selection. */
function requestFor(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const definitions = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${operation} Walk${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
  const variables = Object.fromEntries(required.map((arg) => [arg.name, valueFor(arg.type, arg.name)]));
  return { query, variables };
}

const CALLERS = [Role.ADMIN, Role.STAFF, Role.PARTNER, null] as const;
type Caller = (typeof CALLERS)[number];

/** What the matrix says this caller gets: null when allowed, else the code of the refusal. */
function expectedRefusal(typeName: string, field: string, caller: Caller): string | null {
  const access = accessOf(typeName, field);
  if (access === PUBLIC) return null;
  if (caller === null) return 'UNAUTHENTICATED';
  return access?.includes(caller) ? null : 'FORBIDDEN';
}

function rootTypes(): GraphQLObjectType[] {
  return [schema.getQueryType(), schema.getMutationType()].filter((type): type is GraphQLObjectType => !!type);
}

describe('the role matrix', () => {
  it('has an entry for every root field of the schema, and none for fields it no longer has', () => {
    const problems: string[] = [];
    for (const type of rootTypes()) {
      const fields = type.getFields();
      for (const name of Object.keys(fields)) if (!(name in (ACCESS_MATRIX[type.name] ?? {}))) problems.push(`${type.name}.${name} has no entry in the matrix`);
      for (const name of Object.keys(ACCESS_MATRIX[type.name] ?? {}))
        if (!(name in fields)) problems.push(`${type.name}.${name} is in the matrix but not in the schema`);
    }
    expect(problems, `add them to ACCESS_MATRIX in src/auth/access-policy.ts:\n${problems.join('\n')}`).toEqual([]);
  });

  it('is what the API answers: every query and mutation, for ADMIN, STAFF, PARTNER and no token', async () => {
    const tokens: Record<string, string | null> = { ADMIN: t.tokens.admin, STAFF: t.tokens.staff, PARTNER: t.tokens.partner, none: null };
    const mismatches: string[] = [];
    let walked = 0;
    for (const type of rootTypes()) {
      const operation = type === schema.getMutationType() ? 'mutation' : 'query';
      for (const field of Object.values(type.getFields())) {
        const { query, variables } = requestFor(operation, field);
        for (const caller of CALLERS) {
          const response = await t.graphql(query, variables, { token: tokens[caller ?? 'none'] });
          walked++;
          const codes = (response.errors ?? []).map((error) => error.extensions.code as string);
          const refusal = codes.find((code) => code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') ?? null;
          const expected = expectedRefusal(type.name, field.name, caller);
          const who = caller ?? 'no token';
          if (refusal !== expected)
            mismatches.push(`${type.name}.${field.name} as ${who}: expected ${expected ?? 'allowed'}, got ${refusal ?? 'allowed'} ${codes}`);
          if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR'))
            mismatches.push(`${type.name}.${field.name} as ${who}: failed (${response.body})`);
          if (codes.some((code) => code.startsWith('GRAPHQL_')))
            mismatches.push(`${type.name}.${field.name} as ${who}: the walk's request is not valid: ${response.body}`);
        }
      }
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
    expect(walked).toBeGreaterThan(40 * CALLERS.length);
  });
});
