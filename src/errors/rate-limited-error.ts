import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

const CODES = [ErrorCode.RATE_LIMITED, ErrorCode.COST_BUDGET_EXCEEDED] as const;

/**
 * Too much from this caller for now: too many failed logins (RATE_LIMITED), or a token's
 * query-cost budget spent for its window (COST_BUDGET_EXCEEDED). `retryAfterMs` says when
 * it may try again. Only ever a top-level error.
 */
export class RateLimitedError extends ClassifiedError {
  static override readonly codes = CODES;

  constructor(
    readonly retryAfterMs: number,
    code: (typeof CODES)[number] = ErrorCode.RATE_LIMITED,
    message?: string,
  ) {
    super(code, message);
  }
}
