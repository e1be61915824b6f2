import { ObjectType } from 'type-graphql';
import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

/**
 * A login that did not succeed. One message for an unknown email, a wrong password and a
 * deactivated account, so the answer never tells which.
 */
@ObjectType({
  implements: ClassifiedError,
  description: 'The email address or password is not correct, or the account is deactivated; deliberately not saying which.',
})
export class InvalidCredentialsError extends ClassifiedError {
  static override readonly codes = [ErrorCode.INVALID_CREDENTIALS] as const;

  constructor() {
    super(ErrorCode.INVALID_CREDENTIALS, undefined);
  }
}
