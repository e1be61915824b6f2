/**
 * The layers of src/, from the ground up: each may import what lies below it, never what
 * lies above it or beside it (the folders of one layer are peers that know nothing of each
 * other). tests/layers.test.ts enforces it on the import graph; the README's architecture
 * section is generated from it. The composition root, src/main.ts, wires everything and
 * stands outside.
 */
export interface Layer {
  /** Paths under the repository root: a folder ends with '/'. */
  paths: readonly string[];
  says: string;
}

export const LAYERS: readonly Layer[] = [
  {
    paths: ['src/config.ts', 'src/logging/', 'src/money.ts', 'src/dates.ts', 'src/sql.ts', 'src/in-words.ts', 'src/dev/'],
    says: 'the ground: the environment parsed once, JSON logs carrying the request id, money in cents, stay dates, the words spoken to PostgreSQL (quoting, stay ranges, SQLSTATEs), identifiers in words, and the embedded PostgreSQL of development and tests',
  },
  {
    paths: ['src/telemetry/'],
    says: 'OpenTelemetry tracing, started from the standard OTEL_* variables before anything it instruments (HTTP, Express, GraphQL, PostgreSQL) is loaded',
  },
  { paths: ['src/scalars.ts'], says: 'the GraphQL scalars Money and Date, over money and dates' },
  { paths: ['src/entities/'], says: 'the model: one MikroORM entity per file, each relation declaring its deleteRule, the only statement of the delete rules' },
  { paths: ['mikro-orm.config.ts'], says: 'the one ORM configuration, shared by the server, the scripts, the tests and the MikroORM CLI' },
  {
    paths: ['src/deletion/'],
    says: 'what deleting does: each ON DELETE rule as one object, the rule graph read from the entities, the delete guard that counts an impact',
  },
  {
    paths: ['src/errors/'],
    says: 'the one error vocabulary: codes and their classification, one class per error type, SQLSTATE classification, the error monitor',
  },
  {
    paths: ['src/db/'],
    says: 'the database: the ORM and migrations, the request pool and the control connections, one cancellable transaction with its retries, detached reads, keyset pages, ids, the shared error counts',
  },
  { paths: ['src/kernel/'], says: 'what every operation has: the caller, its OperationContext, the InputCheck of its input, the errors it declares' },
  { paths: ['src/auth/'], says: 'who is calling: tokens, passwords, login and its throttle, the query-cost budgets, the role matrix, what a partner may see' },
  {
    paths: ['src/services/', 'src/integrity/'],
    says: "the hotel's rules (bookings, payments, rooms, housekeeping, …) and the data's integrity (delete, report, repair, adopt), side by side",
  },
  {
    paths: ['src/demo/', 'src/jobs/'],
    says: 'the demo hotel npm start seeds, the jobs every API process schedules once per interval between them (the sweeps of its own tables), and the webhook delivery worker each runs, sharing the deliveries out',
  },
  { paths: ['src/graphql/'], says: 'the GraphQL adapter: schema, resolvers, inputs and result unions, the mutation boundary, loaders, the error formatter' },
  { paths: ['src/http/'], says: 'HTTP: Apollo under Express, health, readiness, metrics, request guards and query limits, the explorer of development' },
];

/** The composition root: it may import anything, and nothing imports it. */
export const COMPOSITION_ROOT = 'src/main.ts';
