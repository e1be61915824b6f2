import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

/** The caller's role may not do this (the role matrix). Only ever a top-level error. */
export class ForbiddenError extends ClassifiedError {
  static override readonly codes = [ErrorCode.FORBIDDEN] as const;

  constructor(message?: string) {
    super(ErrorCode.FORBIDDEN, message);
  }
}
