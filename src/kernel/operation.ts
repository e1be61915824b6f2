import type { ErrorType } from '../errors/classified-error';
import type { OperationContext } from './operation-context';

/**
 * A change the API offers (a mutation's work), with the expected errors it can end in,
 * declared beside the code that throws them: the mutation's result union is derived from
 * this list, so what a service throws and what a client can be answered cannot drift
 * apart. ValidationError and ServiceUnavailableError are every operation's and are not
 * listed.
 */
export interface Operation<Command, Result, Context extends OperationContext = OperationContext> {
  (ctx: Context, command: Command): Promise<Result>;
  readonly errors: readonly ErrorType[];
}

export function operation<Command, Result, Context extends OperationContext = OperationContext>(
  errors: readonly ErrorType[],
  run: (ctx: Context, command: Command) => Promise<Result> | Result,
): Operation<Command, Result, Context> {
  const operate = async (ctx: Context, command: Command) => run(ctx, command);
  return Object.assign(operate, { errors });
}
