import { ObjectType } from 'type-graphql';
import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

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
