import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeleteBlocker, DeleteImpact } from '../deletion/delete-impact';
import { CLASSIFICATION } from './classification';
import { ErrorCode } from './error-code';

/** One problem with one input field; `path` starts at the argument, e.g. ["input", "checkOut"]. */
export interface FieldProblem {
  path: string[];
  message: string;
}

export interface HotelErrorOptions {
  /** The database constraint behind the error, for logs and frequency; never shown to clients. */
  constraint?: string;
  cause?: unknown;
}

/**
 * An expected failure. Services throw these; the mutation boundary turns them into a
 * member of the mutation's result union, and the formatter into a top-level error
 * elsewhere. Everything that is not a HotelError is unexpected and gets masked.
 */
export class HotelError extends Error {
  readonly constraint?: string;

  constructor(
    readonly code: ErrorCode,
    message: string = CLASSIFICATION[code].message,
    options: HotelErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.constraint = options.constraint;
  }

  get category() {
    return CLASSIFICATION[this.code].category;
  }

  get severity() {
    return CLASSIFICATION[this.code].severity;
  }

  get retryable() {
    return CLASSIFICATION[this.code].retryable;
  }
}

/**
 * A classified error that can say more once its transaction has rolled back, reading
 * with a fresh EntityManager (e.g. which committed rows it collided with).
 */
export interface NeedsFreshRead {
  completeAfterRollback(em: EntityManager): Promise<void>;
}

/**
 * Problems with named input fields. The code is VALIDATION_FAILED unless the database
 * refined it (a referenced row that vanished, a rule a CHECK enforces); the caller still
 * learns which field.
 */
export class ValidationFailed extends HotelError {
  constructor(
    readonly fieldErrors: FieldProblem[],
    message = fieldErrors.length === 1 ? fieldErrors[0].message : CLASSIFICATION.VALIDATION_FAILED.message,
    options: HotelErrorOptions & { code?: ErrorCode } = {},
  ) {
    super(options.code ?? ErrorCode.VALIDATION_FAILED, message, options);
  }
}

/** A malformed argument of a query, which has no result union to carry a ValidationError. */
export class BadUserInput extends HotelError {
  constructor(message: string) {
    super(ErrorCode.BAD_USER_INPUT, message);
  }
}

export class NotFound extends HotelError {
  constructor(
    readonly entity: string,
    readonly id: string | number,
    // "RoomType" and "ROOM_TYPE" both read "room type".
    message = `No ${entity
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replaceAll('_', ' ')
      .toLowerCase()} with id ${id}.`,
  ) {
    super(ErrorCode.NOT_FOUND, message);
  }
}

export class Conflict extends HotelError {
  constructor(
    code: ErrorCode.ROOM_UNAVAILABLE | ErrorCode.CONFLICT | ErrorCode.ALREADY_EXISTS,
    readonly conflictingIds: string[],
    message?: string,
    options?: HotelErrorOptions,
  ) {
    super(code, message, options);
  }
}

export class DeleteRestricted extends HotelError {
  constructor(
    readonly blockers: DeleteBlocker[],
    message?: string,
    options?: HotelErrorOptions,
  ) {
    super(ErrorCode.DELETE_RESTRICTED, message, options);
  }
}

export class ImpactChanged extends HotelError {
  constructor(readonly impact: DeleteImpact) {
    super(ErrorCode.IMPACT_CHANGED);
  }
}

export class BusinessRuleViolation extends HotelError {
  constructor(
    readonly rule: string,
    message: string,
    code: ErrorCode.BUSINESS_RULE_VIOLATION | ErrorCode.INVALID_STATE_TRANSITION | ErrorCode.IDEMPOTENCY_KEY_REUSED = ErrorCode.BUSINESS_RULE_VIOLATION,
  ) {
    super(code, message);
  }
}

export class InvalidStateTransition extends BusinessRuleViolation {
  constructor(
    readonly entity: string,
    readonly fromState: string,
    readonly toState: string,
  ) {
    super(`${entity.toLowerCase()}_status`, `A ${entity.toLowerCase()} that is ${fromState} cannot become ${toState}.`, ErrorCode.INVALID_STATE_TRANSITION);
  }
}

/** Transient trouble that outlasted the retries; the client may send the request again. */
export class ServiceUnavailable extends HotelError {
  constructor(
    readonly retryAfterMs: number,
    options?: HotelErrorOptions,
  ) {
    super(ErrorCode.SERVICE_UNAVAILABLE, undefined, options);
  }
}

export class Unauthenticated extends HotelError {
  constructor(message?: string) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

/**
 * A login that did not succeed. One message for an unknown email, a wrong password and a
 * deactivated account, so the answer never tells which.
 */
export class InvalidCredentials extends HotelError {
  constructor() {
    super(ErrorCode.INVALID_CREDENTIALS);
  }
}

export class Forbidden extends HotelError {
  constructor(message?: string) {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class RateLimited extends HotelError {
  constructor(readonly retryAfterMs: number) {
    super(ErrorCode.RATE_LIMITED);
  }
}
