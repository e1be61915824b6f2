import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { ClassifiedError, type ClassifiedErrorOptions, type ReadAfterRollback } from './classified-error';
import { ErrorCode } from './error-code';

const CODES = [ErrorCode.CONFLICT, ErrorCode.ALREADY_EXISTS, ErrorCode.ROOM_UNAVAILABLE, ErrorCode.ROOM_OCCUPIED, ErrorCode.ROOM_TYPE_SOLD_OUT] as const;

@ObjectType({
  implements: ClassifiedError,
  description: 'The change collides with records that exist: a unique value taken, a room booked or occupied, a room type sold out.',
})
export class ConflictError extends ClassifiedError {
  static override readonly codes = CODES;

  @Field(() => [ID], {
    description:
      'The ids of the records it collides with, as far as the caller may see them: the bookings in the way for ROOM_UNAVAILABLE and ROOM_OCCUPIED, the holder of a taken value for ALREADY_EXISTS; empty when none can be named (ROOM_TYPE_SOLD_OUT).',
  })
  conflictingIds: string[];

  private readonly readConflicts?: ReadAfterRollback<string[]>;

  /**
   * `conflictingIds`: the ids, or how to read them once the transaction has rolled back
   * (under concurrency the constraint, not a pre-check, is what refuses, and the rows it
   * collided with are committed by another transaction).
   */
  constructor(
    code: (typeof CODES)[number],
    conflictingIds: string[] | ReadAfterRollback<string[]>,
    options: ClassifiedErrorOptions & { message?: string } = {},
  ) {
    super(code, options.message, options);
    this.conflictingIds = typeof conflictingIds === 'function' ? [] : conflictingIds;
    this.readConflicts = typeof conflictingIds === 'function' ? conflictingIds : undefined;
  }

  override get readsAfterRollback(): boolean {
    return this.readConflicts !== undefined;
  }

  override async completeAfterRollback(em: EntityManager): Promise<void> {
    if (this.readConflicts) this.conflictingIds = await this.readConflicts(em);
  }
}
