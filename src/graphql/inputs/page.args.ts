import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../db/keyset-page';

/**
 * A list read either way: forward with first/after, backward with last/before. `first`
 * has no schema default: it would arrive with every backward request too (findPage
 * applies DEFAULT_PAGE_SIZE when neither size is given).
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Forward: page size, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither first nor last is given. Not with last or before.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Forward: the page starts after this cursor (the endCursor of the previous page). Not with last or before.',
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Backward: the last this many rows, 1 to ${MAX_PAGE_SIZE}, in the list's usual order. Not with first or after.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Backward: the page ends before this cursor (the startCursor of the page after it); without it, the end of the list. Not with first or after.',
  })
  before?: string | null;
}
