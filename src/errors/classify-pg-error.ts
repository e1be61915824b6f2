import type { EntityManager } from '@mikro-orm/postgresql';
import { ident, isRestrictedDelete, type PgErrorFields, pgFields, SQLSTATE, sqlStateOf } from '../sql';
import { BusinessRuleError } from './business-rule-error';
import type { ClassifiedError, ClassifiedErrorOptions } from './classified-error';
import { ConflictError } from './conflict-error';
import { CONSTRAINT_RULES } from './constraint-rules';
import { ErrorCode } from './error-code';
import { RestrictedError } from './restricted-error';
import { ServiceUnavailableError } from './service-unavailable-error';
import { ValidationError } from './validation-error';

/** Node's socket error codes that mean the connection to the database is gone. */
const CONNECTION_ERRNO = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const CONNECTION_MESSAGE = /Connection terminated|not queryable|connection error|Client was closed|terminating connection/i;
const POOL_TIMEOUT_MESSAGE = /Timeout acquiring a connection|pool is probably full/i;

/** SQLSTATE (exact, then by class) to code, for errors no constraint rule refines. */
const SQLSTATE_CODES: Readonly<Record<string, ErrorCode>> = {
  [SQLSTATE.UNIQUE_VIOLATION]: ErrorCode.ALREADY_EXISTS,
  [SQLSTATE.FOREIGN_KEY_VIOLATION]: ErrorCode.REFERENCE_NOT_FOUND,
  [SQLSTATE.RESTRICT_VIOLATION]: ErrorCode.DELETE_RESTRICTED,
  [SQLSTATE.CHECK_VIOLATION]: ErrorCode.CONSTRAINT_VIOLATION,
  [SQLSTATE.EXCLUSION_VIOLATION]: ErrorCode.CONFLICT,
  [SQLSTATE.NOT_NULL_VIOLATION]: ErrorCode.VALIDATION_FAILED,
  [SQLSTATE.SERIALIZATION_FAILURE]: ErrorCode.SERIALIZATION_FAILURE,
  [SQLSTATE.DEADLOCK_DETECTED]: ErrorCode.DEADLOCK_DETECTED,
  [SQLSTATE.QUERY_CANCELED]: ErrorCode.STATEMENT_TIMEOUT,
  [SQLSTATE.ADMIN_SHUTDOWN]: ErrorCode.CONNECTION_LOST,
  [SQLSTATE.CRASH_SHUTDOWN]: ErrorCode.CONNECTION_LOST,
  [SQLSTATE.CANNOT_CONNECT_NOW]: ErrorCode.CONNECTION_LOST,
  // lock_timeout: the wait has been had already; a retry in place would only wait again.
  [SQLSTATE.LOCK_NOT_AVAILABLE]: ErrorCode.LOCK_TIMEOUT,
};
const SQLSTATE_CLASS_CODES: Readonly<Record<string, ErrorCode>> = {
  '22': ErrorCode.INVALID_DATA,
  '08': ErrorCode.CONNECTION_LOST,
  '53': ErrorCode.RESOURCES_EXHAUSTED,
};

/**
 * The rows that hold the key a unique violation names, read after the rollback: PostgreSQL
 * says `Key (email)=(ada@example.com) already exists.`. Values that cannot be told apart
 * (a ", " inside one of several) and tables without a one-column key give no ids.
 */
function rowsHoldingKey(fields: PgErrorFields): (em: EntityManager) => Promise<string[]> {
  return async (em) => {
    const match = /^Key \((.+)\)=\((.*)\) already exists\.$/s.exec(fields.detail ?? '');
    const meta = Object.values(em.getMetadata().getAll()).find((candidate) => candidate.tableName === fields.table);
    if (!match || !meta || meta.primaryKeys.length !== 1) return [];
    const columns = match[1].split(', ');
    const values = match[2].split(', ');
    if (columns.length !== values.length) return [];
    const primaryKey = meta.properties[meta.primaryKeys[0]].fieldNames[0];
    const where = columns.map((column) => `${column.startsWith('"') ? column : ident(column)}::text = ?`).join(' and ');
    const rows = await em.execute<{ id: string }[]>(`select ${ident(primaryKey)}::text as id from ${ident(fields.table!)} where ${where} order by 1`, values);
    return rows.map((row) => row.id);
  };
}

/** The error of `code`'s own type, told what the constraint rule (if any) says of it. */
function errorFor(code: ErrorCode, sqlState: string, fields: PgErrorFields, options: ClassifiedErrorOptions): ClassifiedError | undefined {
  const rule = fields.constraint ? CONSTRAINT_RULES[fields.constraint] : undefined;
  const message = rule?.message;
  if (sqlState === SQLSTATE.NOT_NULL_VIOLATION && !rule) {
    const missing = 'A required value is missing.';
    return new ValidationError([{ path: ['input'], message: missing }], { ...options, message: missing });
  }
  if (ValidationError.owns(code)) return new ValidationError(rule?.path ? [{ path: rule.path, message: rule.message }] : [], { ...options, code, message });
  if (BusinessRuleError.owns(code))
    return new BusinessRuleError(rule?.rule ?? 'hotel_rule', message ?? 'This change breaks a rule of the hotel.', { ...options, code });
  if (ConflictError.owns(code)) return new ConflictError(code, sqlState === SQLSTATE.UNIQUE_VIOLATION ? rowsHoldingKey(fields) : [], { ...options, message });
  if (ServiceUnavailableError.owns(code)) return new ServiceUnavailableError(code, options);
  return undefined;
}

/**
 * Maps an error raised by PostgreSQL (or by losing the connection to it) to a classified
 * error of its own type, or undefined when it is not a database error at all. The
 * SQLSTATE decides; MikroORM's exception classes cover only some states and are not
 * consulted.
 */
export function classifyPgError(error: unknown): ClassifiedError | undefined {
  const fields = pgFields(error);
  if (!fields) return undefined;
  const sqlState = sqlStateOf(error);
  const options = { constraint: fields.constraint, cause: error };

  if (!sqlState) {
    if (CONNECTION_ERRNO.has(fields.code ?? '') || CONNECTION_MESSAGE.test(fields.message ?? '')) {
      return new ServiceUnavailableError(ErrorCode.CONNECTION_LOST, options);
    }
    if (POOL_TIMEOUT_MESSAGE.test(fields.message ?? '')) return new ServiceUnavailableError(ErrorCode.RESOURCES_EXHAUSTED, options);
    return undefined;
  }

  // The blockers are filled in by the delete guard, which knows what was being deleted.
  if (isRestrictedDelete(error)) return new RestrictedError([], options);

  const rule = fields.constraint ? CONSTRAINT_RULES[fields.constraint] : undefined;
  const code = rule?.code ?? SQLSTATE_CODES[sqlState] ?? SQLSTATE_CLASS_CODES[sqlState.slice(0, 2)];
  return code ? errorFor(code, sqlState, fields, options) : undefined;
}
