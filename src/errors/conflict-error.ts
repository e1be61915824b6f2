import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { ClassifiedError, type ClassifiedErrorOptions, type ReadAfterRollback } from './classified-error';
import { ErrorCode } from './error-code';

const CODES = [ErrorCode.CONFLICT, ErrorCode.ALREADY_EXISTS, ErrorCode.ROOM_UNAVAILABLE, ErrorCode.ROOM_OCCUPIED, ErrorCode.ROOM_TYPE_SOLD_OUT] as const;

/** The change collides with records that exist; `conflictingIds` names them. */
@ObjectType({ implements: ClassifiedError })
export class ConflictError extends ClassifiedError {
  static override readonly codes = CODES;

  @Field(() => [ID])
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
