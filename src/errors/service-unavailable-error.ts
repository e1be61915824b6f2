import { Field, Int, ObjectType } from 'type-graphql';
import { ClassifiedError, type ClassifiedErrorOptions } from './classified-error';
import { ErrorCode } from './error-code';

const CODES = [
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.SERIALIZATION_FAILURE,
  ErrorCode.DEADLOCK_DETECTED,
  ErrorCode.CONNECTION_LOST,
  ErrorCode.RESOURCES_EXHAUSTED,
  ErrorCode.STATEMENT_TIMEOUT,
  ErrorCode.LOCK_TIMEOUT,
  ErrorCode.REQUEST_TIMEOUT,
  ErrorCode.SHUTTING_DOWN,
  // Not retryable as they are: the change may be saved, or is. Check, or resend with the same idempotency key.
  ErrorCode.COMMIT_OUTCOME_UNKNOWN,
  ErrorCode.CHANGE_SAVED,
] as const;

/** When nothing more precise is known: long enough for a lost connection or a busy row to recover. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

@ObjectType({
  implements: ClassifiedError,
  description: 'The database or the service could not finish the request, a transient failure that outlasted the retries: send it again after retryAfterMs.',
})
export class ServiceUnavailableError extends ClassifiedError {
  static override readonly codes = CODES;

  @Field(() => Int, { description: 'How long to wait before sending the request again, in milliseconds.' })
  readonly retryAfterMs: number;

  constructor(code: (typeof CODES)[number], options: ClassifiedErrorOptions & { retryAfterMs?: number } = {}) {
    super(code, undefined, options);
    this.retryAfterMs = options.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
  }
}
