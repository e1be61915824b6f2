import { Field, ID, ObjectType } from 'type-graphql';
import { inWords } from '../in-words';
import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

@ObjectType({
  implements: ClassifiedError,
  description: 'The record the input names does not exist, or is not one this caller may see (another partner’s answers NOT_FOUND, never FORBIDDEN).',
})
export class NotFoundError extends ClassifiedError {
  static override readonly codes = [ErrorCode.NOT_FOUND] as const;

  @Field(() => String, { description: 'The kind of record looked for, e.g. Booking, Customer, Room.' })
  readonly entity: string;

  @Field(() => ID, { description: 'The id looked for, as given.' })
  readonly id: string;

  constructor(entity: string, id: string | number, message = `No ${inWords(entity)} with id ${id}.`) {
    super(ErrorCode.NOT_FOUND, message);
    this.entity = entity;
    this.id = String(id);
  }
}
