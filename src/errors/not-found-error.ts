import { Field, ID, ObjectType } from 'type-graphql';
import { inWords } from '../in-words';
import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

@ObjectType({ implements: ClassifiedError })
export class NotFoundError extends ClassifiedError {
  static override readonly codes = [ErrorCode.NOT_FOUND] as const;

  @Field(() => String)
  readonly entity: string;

  @Field(() => ID)
  readonly id: string;

  constructor(entity: string, id: string | number, message = `No ${inWords(entity)} with id ${id}.`) {
    super(ErrorCode.NOT_FOUND, message);
    this.entity = entity;
    this.id = String(id);
  }
}
