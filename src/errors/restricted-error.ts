import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { DeleteBlocker } from '../deletion/delete-impact';
import { ClassifiedError, type ClassifiedErrorOptions, type ReadAfterRollback } from './classified-error';
import { ErrorCode } from './error-code';

@ObjectType({
  implements: ClassifiedError,
  description: 'The delete is refused: rows still refer to the record through an ON DELETE RESTRICT relation; `blockers` counts them.',
})
export class RestrictedError extends ClassifiedError {
  static override readonly codes = [ErrorCode.DELETE_RESTRICTED] as const;

  @Field(() => [DeleteBlocker], { description: 'One entry per (table, column) of referring rows, with a sample of their ids.' })
  blockers: DeleteBlocker[];

  private readonly readBlockers?: ReadAfterRollback<DeleteBlocker[]>;

  /**
   * `blockers`: the rows, or how to count them once the transaction has rolled back (a row
   * committed by another transaction after the count, which PostgreSQL's foreign key refused).
   */
  constructor(blockers: DeleteBlocker[] | ReadAfterRollback<DeleteBlocker[]>, options: ClassifiedErrorOptions = {}) {
    super(ErrorCode.DELETE_RESTRICTED, undefined, options);
    this.blockers = typeof blockers === 'function' ? [] : blockers;
    this.readBlockers = typeof blockers === 'function' ? blockers : undefined;
  }

  override get readsAfterRollback(): boolean {
    return this.readBlockers !== undefined;
  }

  override async completeAfterRollback(em: EntityManager): Promise<void> {
    if (this.readBlockers) this.blockers = await this.readBlockers(em);
  }
}
