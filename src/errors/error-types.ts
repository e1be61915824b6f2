import { BusinessRuleError } from './business-rule-error';
import type { ErrorType } from './classified-error';
import { ConflictError } from './conflict-error';
import { ErrorCode } from './error-code';
import { ForbiddenError } from './forbidden-error';
import { ImpactChangedError } from './impact-changed-error';
import { InvalidCredentialsError } from './invalid-credentials-error';
import { NotFoundError } from './not-found-error';
import { PriceChangedError } from './price-changed-error';
import { RateLimitedError } from './rate-limited-error';
import { RequestError } from './request-error';
import { RestrictedError } from './restricted-error';
import { ServiceUnavailableError } from './service-unavailable-error';
import { UnauthenticatedError } from './unauthenticated-error';
import { ValidationError } from './validation-error';

/** The error types a mutation's result union can hold, each one GraphQL type implementing ClassifiedError. */
export const RESULT_ERROR_TYPES: readonly ErrorType[] = [
  ValidationError,
  NotFoundError,
  ConflictError,
  RestrictedError,
  ImpactChangedError,
  PriceChangedError,
  BusinessRuleError,
  ServiceUnavailableError,
  InvalidCredentialsError,
];

/** Classified errors that only ever travel as top-level errors: who is asking, and how the request is put. */
export const TOP_LEVEL_ERROR_TYPES: readonly ErrorType[] = [RequestError, UnauthenticatedError, ForbiddenError, RateLimitedError];

/** Every operation can end in these: input it refuses, and a transient failure that outlasted its retries. */
export const ERRORS_OF_EVERY_OPERATION: readonly ErrorType[] = [ValidationError, ServiceUnavailableError];

/** What the unexpected becomes at the top level; no type throws it. */
export const UNEXPECTED = ErrorCode.INTERNAL_SERVER_ERROR;

/** The type that answers with `code`; every code but UNEXPECTED has exactly one. */
export function errorTypeOf(code: ErrorCode): ErrorType | undefined {
  return [...RESULT_ERROR_TYPES, ...TOP_LEVEL_ERROR_TYPES].find((type) => type.codes.includes(code));
}
