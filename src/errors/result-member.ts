import { ErrorCategory } from './error-code';
import {
  BusinessRuleError,
  type ClassifiedError,
  ConflictError,
  ImpactChangedError,
  InvalidCredentialsError,
  NotFoundError,
  RestrictedError,
  ServiceUnavailableError,
  ValidationError,
} from './graphql-error-types';
import {
  BusinessRuleViolation,
  Conflict,
  DeleteRestricted,
  type HotelError,
  ImpactChanged,
  InvalidCredentials,
  NotFound,
  ServiceUnavailable,
  ValidationFailed,
} from './hotel-error';

const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * The union member a classified error becomes, or undefined for errors that only ever
 * travel as top-level errors (a missing or bad token, authorization, throttling).
 */
export function toResultMember(error: HotelError): ClassifiedError | undefined {
  if (error instanceof ValidationFailed) return ValidationError.from(error, error.fieldErrors);
  if (error instanceof NotFound) return NotFoundError.from(error, error.entity, String(error.id));
  if (error instanceof Conflict) return ConflictError.from(error, error.conflictingIds);
  if (error instanceof DeleteRestricted) return RestrictedError.from(error, error.blockers);
  if (error instanceof ImpactChanged) return ImpactChangedError.from(error, error.impact);
  if (error instanceof BusinessRuleViolation) return BusinessRuleError.from(error, error.rule);
  if (error instanceof ServiceUnavailable) return ServiceUnavailableError.from(error, error.retryAfterMs);
  if (error instanceof InvalidCredentials) return InvalidCredentialsError.from(error);
  if (error.category === ErrorCategory.AUTHENTICATION || error.category === ErrorCategory.AUTHORIZATION) return undefined;
  if (error.retryable) return ServiceUnavailableError.from(error, DEFAULT_RETRY_AFTER_MS);
  // A database rule without a mapped field (an unmapped CHECK, bad data): still the caller's input.
  return ValidationError.from(error, []);
}
