import { Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { ErrorCategory, ErrorCode } from '../../errors/error-code';
import type { GraphQLContext } from '../context';

@ObjectType({ simpleResolvers: true, description: 'How often one kind of error was answered.' })
export class ErrorStat {
  @Field(() => ErrorCategory)
  category!: ErrorCategory;

  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field(() => String, { nullable: true, description: 'The database constraint behind it, if any.' })
  constraint!: string | null;

  @Field(() => Int, { description: 'Occurrences within the sliding window ending now.' })
  countInWindow!: number;

  @Field(() => Int, { description: 'Since the process started.' })
  total!: number;

  @Field(() => Int)
  windowSeconds!: number;

  @Field(() => Date)
  lastSeenAt!: Date;
}

@Resolver()
export class ErrorStatsResolver {
  @Authorized()
  @Query(() => [ErrorStat], { description: 'Errors answered by this process, by (category, code, constraint), busiest first.' })
  errorStats(@Ctx() { errorMonitor }: GraphQLContext): ErrorStat[] {
    const windowSeconds = errorMonitor.windowMs / 1000;
    return errorMonitor.stats().map((stat) => Object.assign(new ErrorStat(), stat, { windowSeconds }));
  }
}
