import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface HttpMetrics {
  registry: Registry;
  graphqlRequests: Counter<'operation' | 'outcome'>;
  graphqlDuration: Histogram<'operation'>;
  graphqlExecutions: Counter<'plan'>;
  costBudgetRefusals: Counter<'role'>;
}

export function createMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    graphqlRequests: new Counter({
      name: 'hotel_graphql_requests_total',
      help: 'GraphQL requests by operation (type and root fields) and outcome.',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'hotel_graphql_request_duration_seconds',
      help: 'GraphQL request latency by operation.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    graphqlExecutions: new Counter({
      name: 'hotel_graphql_executions_total',
      help: 'Operations executed, by plan: compiled (graphql-jit), or interpreted by graphql-js (a mutation, a first sighting, or a compiled run that met an error and was answered again).',
      labelNames: ['plan'],
      registers: [registry],
    }),
    costBudgetRefusals: new Counter({
      name: 'hotel_cost_budget_refusals_total',
      help: "Requests refused with 429 because their token had spent its query-cost budget for the window, by the token's role.",
      labelNames: ['role'],
      registers: [registry],
    }),
  };
}
