import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { CostBudgets, CostStanding } from '../auth/cost-budgets';
import { ErrorCode } from '../errors/error-code';
import { RateLimitedError } from '../errors/rate-limited-error';
import { ServiceUnavailableError } from '../errors/service-unavailable-error';
import type { GraphQLContext } from '../graphql/context';
import type { HttpMetrics } from './metrics';
import { operationCost, QUERY_LIMITS } from './query-limits';

/** `extensions.cost` of every answer to an operation GraphQL could resolve. */
export interface CostExtension {
  /** What this request costs: operationCost, the figure the per-document limit judges. */
  requested: number;
  /** What the token has left in its window after this request; null when no budget covers the request (anonymous). */
  remaining: number | null;
  /** When the window resets (ISO 8601); null as `remaining` is. */
  resetAt: string | null;
}

const unbudgeted = (requested: number): CostExtension => ({ requested, remaining: null, resetAt: null });

const extensionOf = (requested: number, standing: CostStanding | null): CostExtension =>
  standing ? { requested, remaining: standing.remaining, resetAt: standing.resetAt.toISOString() } : unbudgeted(requested);

// GraphQLError takes any object as its original; the formatter finds the classified one there.
const refusal = (error: RateLimitedError | ServiceUnavailableError) => new GraphQLError(error.message, { originalError: error as unknown as Error });

/**
 * Charges each request's cost to its token's budget before it runs, and tells every
 * answer where the token stands (`extensions.cost`). One round trip per request, on the
 * control connections. Refused, a request does not run and costs nothing: 429 with
 * Retry-After (COST_BUDGET_EXCEEDED) when what is left is too little, 400
 * (QUERY_TOO_COMPLEX) when the whole budget is: waiting would not help. A request past
 * the per-document limit is refused by that limit and charged nothing. Anonymous
 * requests (logging in) have no budget; the login throttle guards them.
 */
export function costBudgetPlugin(budgets: CostBudgets, metrics: HttpMetrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      // Set before the charge is awaited: another plugin's refusal may send the answer first.
      let told: Promise<CostExtension> | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const requested = operationCost(schema, document, operation, request.variables);
          const caller = contextValue.caller;
          if (!caller) {
            told = Promise.resolve(unbudgeted(requested));
            return;
          }
          const charging = budgets.charge(caller.tokenId, requested > QUERY_LIMITS.maxCost ? 0 : requested);
          told = charging.then(
            (standing) => extensionOf(requested, standing),
            () => unbudgeted(requested),
          );
          let standing: CostStanding | null;
          try {
            standing = await charging;
          } catch (error) {
            // Whether the budget allows it cannot be known: a retryable outage, as when who-is-this cannot be asked.
            throw refusal(new ServiceUnavailableError(ErrorCode.SERVICE_UNAVAILABLE, { cause: error }));
          }
          if (!standing || standing.charged) return;
          if (requested > standing.budget) {
            throw new GraphQLError(`The query costs ${requested}, more than the ${standing.budget} this token may spend in a whole window.`, {
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } },
            });
          }
          metrics.costBudgetRefusals.inc({ role: caller.role });
          throw refusal(
            new RateLimitedError(
              standing.resetInMs,
              ErrorCode.COST_BUDGET_EXCEEDED,
              `This query costs ${requested}; the token has ${standing.remaining} of its ${standing.budget} left until ${standing.resetAt.toISOString()}. Send it again after Retry-After.`,
            ),
          );
        },
        async willSendResponse({ response }) {
          if (!told || response.body.kind !== 'single') return;
          const cost = await told;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
        },
      };
    },
  };
}
