import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isUnionType } from 'graphql';
import { expect } from 'vitest';
import type { GraphQLResponse, TestApi } from './test-api';

/** The committed SDL (kept equal to the code by schema:check): which members each result union has. */
const schema = buildSchema(readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));

const MEMBER_FIELDS: Readonly<Record<string, string>> = {
  ValidationError: 'fieldErrors { path message }',
  NotFoundError: 'entity id',
  ConflictError: 'conflictingIds',
  BusinessRuleError: 'rule',
  ServiceUnavailableError: 'retryAfterMs',
  PriceChangedError: 'quotedTotal total',
};

/** The union members a mutation can answer, by name. */
export function resultMembers(name: string): string[] {
  const field = schema.getMutationType()?.getFields()[name];
  const type = field && getNamedType(field.type);
  if (!type || !isUnionType(type)) throw new Error(`no mutation ${name} returning a union`);
  return type.getTypes().map((member) => member.name);
}

/**
 * What a mutation's answer selects: a string is the success type's selection, with every
 * field of each error member; `{ members }` is exactly that selection of the union.
 */
export type Selection = string | { members: string };

/** The document of mutation `name`: its arguments as variables, the union's `__typename` and `selection`. */
export function mutationDocument(name: string, selection: Selection): string {
  const field = schema.getMutationType()!.getFields()[name];
  const members =
    typeof selection === 'string'
      ? resultMembers(name)
          .map((member) =>
            member.endsWith('Success')
              ? `... on ${member} { ${selection} }`
              : `... on ${member} { code category severity message retryable ${MEMBER_FIELDS[member] ?? ''} }`,
          )
          .join(' ')
      : selection.members;
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `mutation (${variables}) { ${name}(${args}) { __typename ${members} } }`;
}

/** The variables of mutation `name`: `{ input }`, but for login, which takes its fields as arguments. */
export function mutationVariables(name: string, input: Record<string, unknown>): Record<string, unknown> {
  const takesInput = schema
    .getMutationType()!
    .getFields()
    [name].args.some((arg) => arg.name === 'input');
  return takesInput ? { input } : input;
}

/**
 * The one way tests send a mutation, as ADMIN unless a token is given: the whole response,
 * for a test of what is refused before the mutation runs (FORBIDDEN, a header).
 */
export function sendMutation(
  t: TestApi,
  name: string,
  input: Record<string, unknown>,
  selection: Selection,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse> {
  return t.graphql(mutationDocument(name, selection), mutationVariables(name, input), options);
}

/** A mutation's answer: its union member; there must be no top-level error. */
export async function mutate(t: TestApi, name: string, input: Record<string, unknown>, selection: Selection, token?: string): Promise<Record<string, any>> {
  const response = await sendMutation(t, name, input, selection, { token });
  expect(response.errors).toBeUndefined();
  return response.data?.[name];
}

/** The union members the API answers, exactly as a client sees them. */
export const answer = {
  validation(fieldErrors: { path: string[]; message: string }[], message = fieldErrors.length === 1 ? fieldErrors[0].message : 'The input is not valid.') {
    return { __typename: 'ValidationError', code: 'VALIDATION_FAILED', category: 'VALIDATION', severity: 'LOW', retryable: false, message, fieldErrors };
  },
  notFound(entity: string, id: string | number, message: string) {
    return { __typename: 'NotFoundError', code: 'NOT_FOUND', category: 'VALIDATION', severity: 'LOW', retryable: false, message, entity, id: String(id) };
  },
  businessRule(rule: string, message: string) {
    return { __typename: 'BusinessRuleError', code: 'BUSINESS_RULE_VIOLATION', category: 'BUSINESS_LOGIC', severity: 'LOW', retryable: false, message, rule };
  },
  /** `entity` in words, as the message says it: 'booking', 'maintenance request'. */
  invalidTransition(entity: string, from: string, to: string) {
    return {
      __typename: 'BusinessRuleError',
      code: 'INVALID_STATE_TRANSITION',
      category: 'BUSINESS_LOGIC',
      severity: 'LOW',
      retryable: false,
      message: `A ${entity} that is ${from} cannot become ${to}.`,
      rule: `${entity.replaceAll(' ', '_')}_status`,
    };
  },
  roomUnavailable(conflictingIds: (string | number)[]) {
    return {
      __typename: 'ConflictError',
      code: 'ROOM_UNAVAILABLE',
      category: 'BUSINESS_LOGIC',
      severity: 'LOW',
      retryable: false,
      message: 'The room is already booked for some of these nights.',
      conflictingIds: conflictingIds.map(String),
    };
  },
  idempotencyKeyReused() {
    const message = 'This idempotency key was already used with a different input.';
    return {
      __typename: 'ValidationError',
      code: 'IDEMPOTENCY_KEY_REUSED',
      category: 'VALIDATION',
      severity: 'MEDIUM',
      retryable: false,
      message,
      fieldErrors: [{ path: ['input', 'idempotencyKey'], message }],
    };
  },
  /** After three attempts (waits of up to 50 and 100 ms), the answer names a wait of 25·2³ ms. */
  serviceUnavailable() {
    return {
      __typename: 'ServiceUnavailableError',
      code: 'SERVICE_UNAVAILABLE',
      category: 'SYSTEM',
      severity: 'HIGH',
      retryable: true,
      message: 'The service is briefly unavailable; try again.',
      retryAfterMs: 200,
    };
  },
};

/** Rows per table, read straight from PostgreSQL. */
export async function rowCounts(t: TestApi, tables: readonly string[]): Promise<Record<string, number>> {
  const selects = tables.map((table) => `select '${table}' as name, count(*)::int as n from "${table}"`).join(' union all ');
  const rows = await t.orm.em.getConnection().execute<{ name: string; n: number }[]>(selects);
  return Object.fromEntries(rows.map((row) => [row.name, row.n]));
}

/** The booking_logs actions of one booking, oldest first. */
export async function logActions(t: TestApi, bookingId: number | string): Promise<string[]> {
  const rows = await t.orm.em
    .getConnection()
    .execute<{ action: string }[]>('select action from booking_logs where booking_id = ? order by id', [Number(bookingId)]);
  return rows.map((row) => row.action);
}

/**
 * Runs `work` while PostgreSQL answers every write to `table` with SQLSTATE 40001
 * (serialization failure): a real trigger in the real database, so the mutation's retries
 * all fail the way a hot row would make them fail.
 */
export async function whileWritesTo<T>(t: TestApi, table: string, work: () => Promise<T>): Promise<T> {
  const connection = t.orm.em.getConnection();
  await connection.execute(
    `create or replace function test_serialization_failure() returns trigger language plpgsql as
     'begin raise exception ''could not serialize access (test)'' using errcode = ''40001''; end'`,
  );
  await connection.execute(
    `create trigger test_serialization_failure before insert or update or delete on "${table}" for each statement execute function test_serialization_failure()`,
  );
  try {
    return await work();
  } finally {
    await connection.execute(`drop trigger test_serialization_failure on "${table}"`);
  }
}
