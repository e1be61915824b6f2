import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { isMoneyString, MAX_MONEY_CENTS, normalizeMoney, toCents } from './money';

function parseMoney(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new TypeError('Money must be a decimal string such as "120.00"');
  }
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!isMoneyString(text)) {
    throw new TypeError('Money must be a decimal string with at most 10 digits before and 2 after the point, such as "120.00"');
  }
  const cents = toCents(text);
  if (cents > MAX_MONEY_CENTS || cents < -MAX_MONEY_CENTS) throw new TypeError('Money amount is out of range');
  return normalizeMoney(text);
}

function literalValue(ast: ValueNode): unknown {
  if (ast.kind === Kind.STRING) return ast.value;
  if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return Number(ast.value);
  throw new TypeError('Money must be a decimal string such as "120.00"');
}

/** numeric(12,2) as PostgreSQL prints it: already canonical, nothing to check per value. */
const CANONICAL_MONEY = /^-?\d{1,10}\.\d\d$/;

/** A decimal amount as a string with two places; never a binary float. */
export const MoneyScalar = new GraphQLScalarType<string, string>({
  name: 'Money',
  description: 'A decimal amount of money as a string with two decimal places, e.g. "120.00".',
  serialize: (value) => (typeof value === 'string' && CANONICAL_MONEY.test(value) ? value : parseMoney(value)),
  parseValue: (value) => parseMoney(value),
  parseLiteral: (ast) => parseMoney(literalValue(ast)),
});

/**
 * A calendar date ("2027-03-01") kept as the same string PostgreSQL's `date` returns, so
 * no time zone can shift a night of stay. Validation is graphql-scalars' LocalDate; the
 * name is the `Date` of the API contract.
 */
const localDate = GraphQLLocalDate.toConfig();
const DATE_TEXT = /^\d{4}-\d\d-\d\d$/;

export const DateScalar = new GraphQLScalarType<string, string>({
  ...localDate,
  name: 'Date',
  // Values read from a `date` column are valid by construction; inputs get the full check.
  serialize: (value) => (typeof value === 'string' && DATE_TEXT.test(value) ? value : (localDate.serialize(value) as string)),
  description: 'A calendar date without time zone, "YYYY-MM-DD".',
});
