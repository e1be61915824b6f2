import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

/** Too many attempts from this caller; `retryAfterMs` says when it may try again. Only ever a top-level error. */
export class RateLimitedError extends ClassifiedError {
  static override readonly codes = [ErrorCode.RATE_LIMITED] as const;

  constructor(readonly retryAfterMs: number) {
    super(ErrorCode.RATE_LIMITED, undefined);
  }
}
