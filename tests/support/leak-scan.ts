/**
 * What must never reach a client: SQL, stack frames, driver and ORM internals, database
 * constraint names. Every response the suite's test servers produce is scanned (see
 * test-api.ts), so any test that provokes an error also checks it leaks nothing.
 */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat [\w$.<>]+ \(|\.(?:ts|js):\d+:\d+/],
  ['SQL', /\b(?:select\s+[\w*"]+[\s\S]{0,80}\bfrom\b|insert into\b|update\s+"?\w+"?\s+set\b|delete from\b|returning\s+"?id)/i],
  ['a SQLSTATE or driver detail', /\b(?:sqlState|SQLSTATE|errno|DriverException|node_modules|knex|MikroORM|pg-protocol)\b/],
  ['a constraint name', /\b\w+_(?:check|foreign|unique|pkey|no_overlap|index)\b/],
  ['a PostgreSQL message', /violates (?:foreign key|check|unique|exclusion) constraint|duplicate key value|relation ".+" does not exist/],
];

export interface LeakScanOptions {
  /**
   * ADMIN diagnostics whose purpose is to name the database's constraints (integrityReport,
   * repairIntegrity): constraint names may pass; everything else is still refused.
   */
  constraintNames?: boolean;
}

export function leaksIn(body: string, options: LeakScanOptions = {}): string[] {
  return LEAKS.filter(([what, pattern]) => !(options.constraintNames && what === 'a constraint name') && pattern.test(body)).map(([what]) => what);
}
