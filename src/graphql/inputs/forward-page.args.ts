import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../db/keyset-page';

/**
 * A list that is only read forward from a kept cursor: the change feed (whose visible end
 * moves as transactions finish, so "the page before" has no stable meaning) and a webhook
 * endpoint's delivery log.
 */
@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The page starts after this cursor: the endCursor of the previous page, or the last cursor the client kept.',
  })
  after?: string | null;
}
