import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

const CODES = [
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.BAD_REQUEST,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.BATCHING_NOT_SUPPORTED,
  ErrorCode.CSRF_PREVENTED,
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.TOO_MANY_TOKENS,
] as const;

export type RequestErrorCode = (typeof CODES)[number];

/**
 * The request itself is at fault: a malformed argument of a query (which has no result
 * union to carry a ValidationError), a body that cannot be read, a query past the limits.
 * Only ever a top-level error.
 */
export class RequestError extends ClassifiedError {
  static override readonly codes = CODES;

  constructor(message: string, code: RequestErrorCode = ErrorCode.BAD_USER_INPUT) {
    super(code, message);
  }
}
