/**
 * The words the code speaks to PostgreSQL in, stated once: quoting, lists of values, the
 * nights of a stay as a range, and the SQLSTATEs the code reacts to.
 */

/** A quoted identifier: "room_types". */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A quoted string literal: 'CANCELLED'. */
export const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** `'A', 'B'`, for `in (…)`. */
export const literalList = (values: readonly string[]): string => values.map(literal).join(', ');

/**
 * A PostgreSQL array literal, `{1,2,3}`, to bind as one parameter (`= any(?::int[])`):
 * given a JS array, the driver would spread it into a list of parameters. For ids and
 * table names, which need no quoting inside the literal.
 */
export const arrayParameter = (values: readonly (string | number)[]): string =>
  `{${values.map((value) => (typeof value === 'number' ? Math.trunc(value) : value)).join(',')}}`;

/**
 * The nights [checkIn, checkOut) of a stay, out-of-order window or wish as a range: two
 * share a night exactly when their ranges overlap (`&&`). The exclusion constraint on
 * bookings is written with the same words.
 */
export const nightsOf = (checkIn: string, checkOut: string): string => `daterange(${checkIn}, ${checkOut}, '[)')`;

/** Whether two [checkIn, checkOut) spans share a night; each side a pair of date expressions. */
export const shareANight = (a: readonly [string, string], b: readonly [string, string]): string => `${nightsOf(...a)} && ${nightsOf(...b)}`;

/** The longest text a list's search takes. */
export const MAX_SEARCH_LENGTH = 200;

/** A LIKE pattern for text containing `text`, its wildcards escaped: a search for "50%" finds that text, not everything. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The SQLSTATEs the code tells apart (PostgreSQL's appendix A). */
export const SQLSTATE = {
  UNIQUE_VIOLATION: '23505',
  FOREIGN_KEY_VIOLATION: '23503',
  /** ON DELETE RESTRICT, from PostgreSQL 18 on; 15–17 answer 23503. */
  RESTRICT_VIOLATION: '23001',
  CHECK_VIOLATION: '23514',
  EXCLUSION_VIOLATION: '23P01',
  NOT_NULL_VIOLATION: '23502',
  SERIALIZATION_FAILURE: '40001',
  DEADLOCK_DETECTED: '40P01',
  QUERY_CANCELED: '57014',
  ADMIN_SHUTDOWN: '57P01',
  CRASH_SHUTDOWN: '57P02',
  CANNOT_CONNECT_NOW: '57P03',
  LOCK_NOT_AVAILABLE: '55P03',
} as const;

/** The fields node-postgres puts on a server error; MikroORM copies them onto its exception. */
export interface PgErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
  message?: string;
}

export function pgFields(error: unknown): PgErrorFields | undefined {
  return typeof error === 'object' && error !== null ? (error as PgErrorFields) : undefined;
}

/** The error's SQLSTATE when PostgreSQL raised it; undefined for socket and driver errors. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = pgFields(error)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A foreign key refused the statement: a missing parent, or (deleting) a RESTRICTing child. */
export function isForeignKeyViolation(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === SQLSTATE.FOREIGN_KEY_VIOLATION || state === SQLSTATE.RESTRICT_VIOLATION;
}

/**
 * A delete (or key update) refused by a child that still refers to the row: 23001 for
 * RESTRICT on PostgreSQL 18, 23503 on 15–17 and for NO ACTION. PostgreSQL gives both
 * directions of 23503 the child's constraint name, so its message tells them apart.
 */
export function isRestrictedDelete(error: unknown): boolean {
  const state = sqlStateOf(error);
  return (
    state === SQLSTATE.RESTRICT_VIOLATION ||
    (state === SQLSTATE.FOREIGN_KEY_VIOLATION && /update or delete on table|still referenced/i.test(pgFields(error)?.message ?? ''))
  );
}

export function isCheckViolation(error: unknown): boolean {
  return sqlStateOf(error) === SQLSTATE.CHECK_VIOLATION;
}
