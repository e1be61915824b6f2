import { Field, ObjectType } from 'type-graphql';
import { CLASSIFICATION } from './classification';
import { ClassifiedError, type ClassifiedErrorOptions } from './classified-error';
import { ErrorCode } from './error-code';

/** One problem with one input field. */
@ObjectType()
export class FieldError {
  @Field(() => [String], { description: 'Path of the field from the argument, e.g. ["input", "checkOut"].' })
  path!: string[];

  @Field(() => String)
  message!: string;
}

const CODES = [
  ErrorCode.VALIDATION_FAILED,
  // The database refined it: a referenced row that does not exist, a CHECK without a
  // field of its own, a value out of its type's range. The caller still learns which field.
  ErrorCode.REFERENCE_NOT_FOUND,
  ErrorCode.CONSTRAINT_VIOLATION,
  ErrorCode.INVALID_DATA,
  // The same key with another input: the input is at fault, at input.idempotencyKey.
  ErrorCode.IDEMPOTENCY_KEY_REUSED,
] as const;

/** Problems with named input fields, every one of an input at once. */
@ObjectType({ implements: ClassifiedError })
export class ValidationError extends ClassifiedError {
  static override readonly codes = CODES;

  @Field(() => [FieldError])
  readonly fieldErrors: FieldError[];

  constructor(fieldErrors: FieldError[], options: ClassifiedErrorOptions & { code?: (typeof CODES)[number]; message?: string } = {}) {
    const code = options.code ?? ErrorCode.VALIDATION_FAILED;
    super(code, options.message ?? (fieldErrors.length === 1 ? fieldErrors[0].message : CLASSIFICATION[code].message), options);
    this.fieldErrors = fieldErrors;
  }
}
