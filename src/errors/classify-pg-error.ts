import { CONSTRAINT_RULES } from './constraint-rules';
import { ErrorCode } from './error-code';
import { Conflict, DeleteRestricted, HotelError, ValidationFailed } from './hotel-error';

/** The fields node-postgres puts on a server error; MikroORM copies them onto its exception. */
export interface PgErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
  message?: string;
}

/** Node's socket error codes that mean the connection to the database is gone. */
const CONNECTION_ERRNO = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const CONNECTION_MESSAGE = /Connection terminated|not queryable|connection error|Client was closed|terminating connection/i;
const POOL_TIMEOUT_MESSAGE = /Timeout acquiring a connection|pool is probably full/i;

/** SQLSTATE (exact, then by class) to code, for errors no constraint rule refines. */
const SQLSTATE_CODES: Readonly<Record<string, ErrorCode>> = {
  '23505': ErrorCode.ALREADY_EXISTS,
  '23503': ErrorCode.REFERENCE_NOT_FOUND,
  '23001': ErrorCode.DELETE_RESTRICTED,
  '23514': ErrorCode.CONSTRAINT_VIOLATION,
  '23P01': ErrorCode.CONFLICT,
  '23502': ErrorCode.VALIDATION_FAILED,
  '40001': ErrorCode.SERIALIZATION_FAILURE,
  '40P01': ErrorCode.DEADLOCK_DETECTED,
  '57014': ErrorCode.STATEMENT_TIMEOUT,
  '57P01': ErrorCode.CONNECTION_LOST,
  '57P02': ErrorCode.CONNECTION_LOST,
  '57P03': ErrorCode.CONNECTION_LOST,
  '55P03': ErrorCode.SERIALIZATION_FAILURE,
};
const SQLSTATE_CLASS_CODES: Readonly<Record<string, ErrorCode>> = {
  '22': ErrorCode.INVALID_DATA,
  '08': ErrorCode.CONNECTION_LOST,
  '53': ErrorCode.RESOURCES_EXHAUSTED,
};

export function pgFields(error: unknown): PgErrorFields | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return error as PgErrorFields;
}

/**
 * A delete blocked by a foreign key: 23001 on PostgreSQL 18 for RESTRICT, 23503 on 15–17
 * and for NO ACTION. PostgreSQL gives both directions of 23503 the child's constraint name,
 * so its message, which names the side, tells them apart.
 */
function isRestrictedDelete(fields: PgErrorFields): boolean {
  return fields.code === '23001' || (fields.code === '23503' && /update or delete on table|still referenced/i.test(fields.message ?? ''));
}

/**
 * Maps an error raised by PostgreSQL (or by losing the connection to it) to a classified
 * HotelError, or undefined when it is not a database error at all. The SQLSTATE decides;
 * MikroORM's exception classes cover only some states and are not consulted.
 */
export function classifyPgError(error: unknown): HotelError | undefined {
  const fields = pgFields(error);
  if (!fields) return undefined;
  const sqlState = typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) ? fields.code : undefined;
  const options = { constraint: fields.constraint, cause: error };

  if (!sqlState) {
    if (CONNECTION_ERRNO.has(fields.code ?? '') || CONNECTION_MESSAGE.test(fields.message ?? '')) {
      return new HotelError(ErrorCode.CONNECTION_LOST, undefined, options);
    }
    if (POOL_TIMEOUT_MESSAGE.test(fields.message ?? '')) return new HotelError(ErrorCode.RESOURCES_EXHAUSTED, undefined, options);
    return undefined;
  }

  // The blockers are filled in by the delete guard, which knows what was being deleted.
  if (isRestrictedDelete(fields)) return new DeleteRestricted([], undefined, options);

  const rule = fields.constraint ? CONSTRAINT_RULES[fields.constraint] : undefined;
  const code = rule?.code ?? SQLSTATE_CODES[sqlState] ?? SQLSTATE_CLASS_CODES[sqlState.slice(0, 2)];
  if (!code) return undefined;

  if (code === ErrorCode.VALIDATION_FAILED || code === ErrorCode.REFERENCE_NOT_FOUND || code === ErrorCode.BUSINESS_RULE_VIOLATION) {
    if (rule?.path) {
      return new ValidationFailed([{ path: rule.path, message: rule.message }], rule.message, { ...options, code });
    }
    if (sqlState === '23502') {
      const message = 'A required value is missing.';
      return new ValidationFailed([{ path: ['input'], message }], message, options);
    }
  }
  if (code === ErrorCode.ROOM_UNAVAILABLE || code === ErrorCode.CONFLICT || code === ErrorCode.ALREADY_EXISTS) {
    return new Conflict(code, [], rule?.message, options);
  }
  return new HotelError(code, rule?.message, options);
}
