import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { EARLIEST_DATE, LATEST_DATE } from './dates';
import { isMoneyString, MAX_MONEY_CENTS, normalizeMoney, toCents } from './money';

const MONEY_SHAPE =
  'Money must be a decimal string: an optional minus, 1 to 10 digits without leading zeros, and optionally a point with 1 or 2 digits, such as "120.00"';

/**
 * Only the documented shape: no JSON number (12.5 is a binary float by the time it is
 * parsed), no padding, no exponent, no plus sign. What a client sends is what is stored.
 */
function parseMoney(value: unknown): string {
  if (typeof value !== 'string' || !isMoneyString(value)) throw new TypeError(MONEY_SHAPE);
  const cents = toCents(value);
  if (cents > MAX_MONEY_CENTS || cents < -MAX_MONEY_CENTS) throw new TypeError('Money amount is out of range');
  return normalizeMoney(value);
}

function literalValue(ast: ValueNode): unknown {
  if (ast.kind === Kind.STRING) return ast.value;
  throw new TypeError(MONEY_SHAPE);
}

/** numeric(12,2) as PostgreSQL prints it: already canonical, nothing to check per value. */
const CANONICAL_MONEY = /^-?\d{1,10}\.\d\d$/;

/** A decimal amount as a string with two places; never a binary float. */
export const MoneyScalar = new GraphQLScalarType<string, string>({
  name: 'Money',
  description:
    'An amount of money in the hotel’s currency, as a decimal string: answered with two places ("120.00"), sent as an optional minus, 1 to 10 digits, and optionally a point with 1 or 2 more ("120", "120.5"). Never cents, never a JSON number.',
  serialize: (value) => (typeof value === 'string' && CANONICAL_MONEY.test(value) ? value : parseMoney(value)),
  parseValue: (value) => parseMoney(value),
  parseLiteral: (ast) => parseMoney(literalValue(ast)),
});

/**
 * A calendar date ("2027-03-01") kept as the same string PostgreSQL's `date` returns, so
 * no time zone can shift a night of stay. Validation is graphql-scalars' LocalDate, within
 * the calendar a hotel has a use for (EARLIEST_DATE to LATEST_DATE): year 0000 or 9999 is
 * a typing mistake, never a stay or a filter. The name is the `Date` of the API contract.
 */
const localDate = GraphQLLocalDate.toConfig();
const DATE_TEXT = /^\d{4}-\d\d-\d\d$/;

function parseDate(value: string): string {
  if (value < EARLIEST_DATE || value > LATEST_DATE) throw new TypeError(`Date must be between ${EARLIEST_DATE} and ${LATEST_DATE}`);
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  ...localDate,
  name: 'Date',
  // Values read from a `date` column are valid by construction; inputs get the full check.
  serialize: (value) => (typeof value === 'string' && DATE_TEXT.test(value) ? value : (localDate.serialize(value) as string)),
  parseValue: (value) => parseDate(localDate.parseValue(value) as string),
  parseLiteral: (ast, variables) => parseDate(localDate.parseLiteral(ast, variables) as string),
  description: `A calendar date without time zone, "YYYY-MM-DD", from ${EARLIEST_DATE} to ${LATEST_DATE}.`,
});
