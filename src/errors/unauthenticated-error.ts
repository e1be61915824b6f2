import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

/** No bearer token where one is needed, or one that is not valid. Only ever a top-level error. */
export class UnauthenticatedError extends ClassifiedError {
  static override readonly codes = [ErrorCode.UNAUTHENTICATED] as const;

  constructor(message?: string) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}
