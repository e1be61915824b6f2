import { Field, ObjectType } from 'type-graphql';
import { CLASSIFICATION } from './classification';
import { ClassifiedError, type ClassifiedErrorOptions } from './classified-error';
import { ErrorCode } from './error-code';

@ObjectType({ description: 'One problem with one input field.' })
export class FieldError {
  @Field(() => [String], { description: 'Path of the field from the argument, e.g. ["input", "checkOut"].' })
  path!: string[];

  @Field(() => String, { description: 'What is wrong with the field, safe to show next to it.' })
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

@ObjectType({ implements: ClassifiedError, description: 'The input is not valid: every problem with it at once, each on its field. Nothing was changed.' })
export class ValidationError extends ClassifiedError {
  static override readonly codes = CODES;

  @Field(() => [FieldError], { description: 'Each problem, on the path of its field.' })
  readonly fieldErrors: FieldError[];

  constructor(fieldErrors: FieldError[], options: ClassifiedErrorOptions & { code?: (typeof CODES)[number]; message?: string } = {}) {
    const code = options.code ?? ErrorCode.VALIDATION_FAILED;
    super(code, options.message ?? (fieldErrors.length === 1 ? fieldErrors[0].message : CLASSIFICATION[code].message), options);
    this.fieldErrors = fieldErrors;
  }
}
