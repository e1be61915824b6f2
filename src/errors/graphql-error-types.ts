import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { DeleteBlocker, DeleteImpact } from '../graphql/types/delete-impact.type';
import { ErrorCategory, ErrorCode, ErrorSeverity } from './error-code';
import type { HotelError } from './hotel-error';

@InterfaceType({ description: 'An expected failure, classified. `message` is safe to show a user.' })
export abstract class ClassifiedError {
  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field(() => ErrorCategory)
  category!: ErrorCategory;

  @Field(() => ErrorSeverity)
  severity!: ErrorSeverity;

  @Field(() => String)
  message!: string;

  @Field(() => Boolean)
  retryable!: boolean;
}

/** Copies the classification every member shares. */
function classified<T extends ClassifiedError>(target: T, error: HotelError): T {
  target.code = error.code;
  target.category = error.category;
  target.severity = error.severity;
  target.message = error.message;
  target.retryable = error.retryable;
  return target;
}

@ObjectType()
export class FieldError {
  @Field(() => [String], { description: 'Path of the field from the argument, e.g. ["input", "checkOut"].' })
  path!: string[];

  @Field(() => String)
  message!: string;
}

@ObjectType({ implements: ClassifiedError })
export class ValidationError extends ClassifiedError {
  @Field(() => [FieldError])
  fieldErrors!: FieldError[];

  static from(error: HotelError, fieldErrors: FieldError[]): ValidationError {
    return Object.assign(classified(new ValidationError(), error), { fieldErrors });
  }
}

@ObjectType({ implements: ClassifiedError })
export class NotFoundError extends ClassifiedError {
  @Field(() => String)
  entity!: string;

  @Field(() => ID)
  id!: string;

  static from(error: HotelError, entity: string, id: string): NotFoundError {
    return Object.assign(classified(new NotFoundError(), error), { entity, id });
  }
}

@ObjectType({ implements: ClassifiedError })
export class ConflictError extends ClassifiedError {
  @Field(() => [ID])
  conflictingIds!: string[];

  static from(error: HotelError, conflictingIds: string[]): ConflictError {
    return Object.assign(classified(new ConflictError(), error), { conflictingIds });
  }
}

@ObjectType({ implements: ClassifiedError })
export class RestrictedError extends ClassifiedError {
  @Field(() => [DeleteBlocker])
  blockers!: DeleteBlocker[];

  static from(error: HotelError, blockers: DeleteBlocker[]): RestrictedError {
    return Object.assign(classified(new RestrictedError(), error), { blockers });
  }
}

@ObjectType({ implements: ClassifiedError })
export class ImpactChangedError extends ClassifiedError {
  @Field(() => DeleteImpact)
  impact!: DeleteImpact;

  static from(error: HotelError, impact: DeleteImpact): ImpactChangedError {
    return Object.assign(classified(new ImpactChangedError(), error), { impact });
  }
}

@ObjectType({ implements: ClassifiedError })
export class BusinessRuleError extends ClassifiedError {
  @Field(() => String, { description: 'Name of the rule, e.g. "folio_settled", "booking_status".' })
  rule!: string;

  static from(error: HotelError, rule: string): BusinessRuleError {
    return Object.assign(classified(new BusinessRuleError(), error), { rule });
  }
}

@ObjectType({
  implements: ClassifiedError,
  description: 'The email address or password is not correct, or the account is deactivated; deliberately not saying which.',
})
export class InvalidCredentialsError extends ClassifiedError {
  static from(error: HotelError): InvalidCredentialsError {
    return classified(new InvalidCredentialsError(), error);
  }
}

@ObjectType({ implements: ClassifiedError, description: 'A transient failure that outlasted the retries; send the request again.' })
export class ServiceUnavailableError extends ClassifiedError {
  @Field(() => Int)
  retryAfterMs!: number;

  static from(error: HotelError, retryAfterMs: number): ServiceUnavailableError {
    return Object.assign(classified(new ServiceUnavailableError(), error), { retryAfterMs });
  }
}
