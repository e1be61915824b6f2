import type { EntityManager } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import { buildRuleGraph, CONFDELTYPE, type RuleEdge, type RuleGraph } from '../deletion/rule-graph';
import { ErrorSeverity } from '../errors/error-code';
import { BadUserInput } from '../errors/hotel-error';
import { BUSINESS_RULES } from './business-rules';
import { declaredConstraints } from './declared-constraints';

export enum IntegrityCheckKind {
  ORPHAN = 'ORPHAN',
  FK_RULE = 'FK_RULE',
  UNINDEXED_FK = 'UNINDEXED_FK',
  NOT_VALID = 'NOT_VALID',
  CHECK = 'CHECK',
  RULE = 'RULE',
}
registerEnumType(IntegrityCheckKind, {
  name: 'IntegrityCheckKind',
  description: 'What an integrity check looks at; the prefix of its name is the kind in lower case (orphan:, fk_rule:, …).',
});

export const KIND_PREFIX: Readonly<Record<IntegrityCheckKind, string>> = {
  ORPHAN: 'orphan:',
  FK_RULE: 'fk_rule:',
  UNINDEXED_FK: 'unindexed_fk:',
  NOT_VALID: 'not_valid:',
  CHECK: 'check:',
  RULE: 'rule:',
};

/**
 * How bad a failed check is, by kind (business rules carry their own, see business-rules.ts):
 * a foreign key missing or with another ON DELETE than declared lets wrong data in or makes
 * deletes do the wrong thing from now on (CRITICAL); orphans and rows breaking a CHECK are
 * wrong data already there (HIGH); a constraint not yet validated is enforced on new rows
 * and only unproven on old ones (MEDIUM); a missing index costs time, not truth (LOW).
 */
export const KIND_SEVERITY: Readonly<Record<Exclude<IntegrityCheckKind, IntegrityCheckKind.RULE>, ErrorSeverity>> = {
  FK_RULE: ErrorSeverity.CRITICAL,
  ORPHAN: ErrorSeverity.HIGH,
  CHECK: ErrorSeverity.HIGH,
  NOT_VALID: ErrorSeverity.MEDIUM,
  UNINDEXED_FK: ErrorSeverity.LOW,
};

/** What each kind looks at, where its checks come from, and what repairIntegrity does about a failure. */
export const KIND_DESCRIPTION: Readonly<Record<IntegrityCheckKind, { checks: string; from: string; repair: string }>> = {
  FK_RULE: {
    checks: 'the foreign key exists in the live database with the ON DELETE its entity declares',
    from: 'each relation of the rule graph',
    repair: 'none: a migration, or `integrity:adopt` for a missing one',
  },
  UNINDEXED_FK: {
    checks: 'a valid, non-partial index leads with the foreign key column',
    from: 'each relation of the rule graph',
    repair: 'none: the fix gives the `create index concurrently`',
  },
  NOT_VALID: {
    checks: 'the constraint is validated; counts the rows that keep it from being so',
    from: 'each foreign key and CHECK in `pg_constraint` (and NOT NULL constraints not validated)',
    repair: '`VALIDATE CONSTRAINT`, once no row violates it',
  },
  CHECK: {
    checks: 'no row makes the CHECK false; rows are counted while it is NOT VALID or missing (a validated CHECK holds for every row)',
    from: 'each CHECK in `pg_constraint`, evaluated from its own expression, and each CHECK the entities declare that the database lacks',
    repair: 'none: correct the rows, then validate',
  },
  ORPHAN: {
    checks: 'no child row points at a parent row that is missing',
    from: 'each relation of the rule graph',
    repair: "the relation's rule: CASCADE deletes the orphans and what cascades from them, SET NULL clears the reference, RESTRICT is refused",
  },
  RULE: {
    checks: 'a business rule no single constraint states holds',
    from: 'the list in `src/integrity/business-rules.ts`',
    repair: 'none: the fix says how',
  },
};

/** Checks run in this order: the catalog first (fast), then the data. */
export const KIND_ORDER = [
  IntegrityCheckKind.FK_RULE,
  IntegrityCheckKind.UNINDEXED_FK,
  IntegrityCheckKind.NOT_VALID,
  IntegrityCheckKind.CHECK,
  IntegrityCheckKind.ORPHAN,
  IntegrityCheckKind.RULE,
];

/** A foreign key, CHECK or NOT NULL constraint of the model's tables, as the live catalog has it. */
export interface LiveConstraint {
  name: string;
  type: 'f' | 'c' | 'n';
  table: string;
  validated: boolean;
  /**
   * CHECK: the expression, as PostgreSQL prints it. Read by the check's `prepare`, not with
   * the catalog: printing it takes a lock on the table, which a lock held elsewhere (a
   * migration) would make wait, and only the check's own statement timeout bounds that.
   */
  expression: string | null;
  columns: string[];
  referencedTable: string | null;
  referencedColumns: string[] | null;
}

export interface IntegrityCheck {
  name: string;
  kind: IntegrityCheckKind;
  severity: ErrorSeverity;
  /** What the check looks for, and which rows its sample ids are. */
  description: string;
  /** What to do when it fails. */
  suggestedFix: string;
  /**
   * The check's one statement. It returns one row: `n`, the number of violations;
   * `ids`, up to `sampleLimit` of their primary keys as text; `problem`, what is wrong
   * beside the rows (a constraint missing or not validated), or null.
   */
  statement(sampleLimit: number): string;
  /** For checks of rows: the query of the violating rows' primary keys, as one column `id`. */
  violations?: string;
  /**
   * Reads from the catalog what `statement`, `violations` and `description` need, inside
   * the check's own savepoint and timeout. Call it before them when present.
   */
  prepare?(em: EntityManager): Promise<void>;
  /** The table whose rows the check reports (or whose constraint it looks at). */
  table?: string;
  /** orphan, fk_rule, unindexed_fk: the relation, from the rule graph. */
  edge?: RuleEdge;
  /** not_valid, check: the live constraint; absent for a declared CHECK missing from the database. */
  constraint?: LiveConstraint;
}

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const regclass = (table: string) => `to_regclass(${literal(ident(table))})`;

/** The statement of a check of rows: counts what `violations` selects and samples the lowest ids. */
export function countingStatement(violations: string, sampleLimit: number, problem: string | null = null): string {
  const samples = sampleLimit > 0 ? `array(select v.id::text from v order by v.id limit ${sampleLimit})` : `'{}'::text[]`;
  return `with v as materialized (${violations})
    select (select count(*) from v)::bigint as n, ${samples} as ids, ${problem === null ? 'null::text' : literal(problem)} as problem`;
}

const NOTHING_FOUND = `select 0::bigint as n, '{}'::text[] as ids, null::text as problem`;

/** Rows of `table` whose non-null `columns` match no row of `referencedTable`, as foreign keys of MATCH SIMPLE see it. */
export function danglingRows(graph: RuleGraph, table: string, columns: string[], referencedTable: string, referencedColumns: string[]): string {
  const present = columns.map((column) => `c.${ident(column)} is not null`).join(' and ');
  const joined = columns.map((column, i) => `p.${ident(referencedColumns[i])} = c.${ident(column)}`).join(' and ');
  return `select c.${ident(graph.primaryKeyOf(table))} as id from ${ident(table)} c
    where ${present} and not exists (select 1 from ${ident(referencedTable)} p where ${joined})`;
}

function checkViolations(graph: RuleGraph, table: string, expression: string): string {
  // A CHECK passes when its expression is true or null: only false is a violation.
  return `select ${ident(graph.primaryKeyOf(table))} as id from ${ident(table)} where ${parenthesized(expression)} is false`;
}

/** The rows that keep a NOT VALID constraint from being validated. */
export function rowsViolating(graph: RuleGraph, constraint: LiveConstraint): string {
  if (constraint.type === 'f') return danglingRows(graph, constraint.table, constraint.columns, constraint.referencedTable!, constraint.referencedColumns!);
  if (constraint.type === 'c') return checkViolations(graph, constraint.table, constraint.expression!);
  return `select ${ident(graph.primaryKeyOf(constraint.table))} as id from ${ident(constraint.table)} where ${constraint.columns.map((c) => `${ident(c)} is null`).join(' or ')}`;
}

const ACTION_NAME = `case fk.confdeltype ${Object.entries(CONFDELTYPE)
  .map(([rule, code]) => `when '${code}' then '${rule}'`)
  .join(' ')} end`;

const attnum = (relation: string, column: string) =>
  `(select a.attnum from pg_attribute a where a.attrelid = ${relation} and a.attname = ${literal(column)} and not a.attisdropped)`;

function orphanCheck(graph: RuleGraph, edge: RuleEdge): IntegrityCheck {
  const where = `${edge.childTable}.${edge.column}`;
  const fix: Record<string, string> = {
    CASCADE: `repairIntegrity(input: {check: "orphan:${where}", dryRun: false}) removes these rows and what hangs from them by CASCADE, as deleting their ${edge.parentTable} row would have; run it with dryRun: true first to see the counts.`,
    'SET NULL': `repairIntegrity(input: {check: "orphan:${where}", dryRun: false}) clears ${where} on these rows, as deleting their ${edge.parentTable} row would have.`,
  };
  const violations = danglingRows(graph, edge.childTable, [edge.column], edge.parentTable, [edge.parentColumn]);
  return {
    name: `orphan:${where}`,
    kind: IntegrityCheckKind.ORPHAN,
    severity: KIND_SEVERITY.ORPHAN,
    description: `Rows of ${edge.childTable} whose ${edge.column} points at a ${edge.parentTable} row that does not exist (ON DELETE ${edge.rule}). Ids are ${edge.childTable}.`,
    suggestedFix:
      fix[edge.rule] ??
      `ON DELETE ${edge.rule} means these rows must not outlive their ${edge.parentTable} row silently, so nothing is repaired automatically: re-create the missing ${edge.parentTable} rows, or point these rows at existing ones or delete them (deleteRecord) after review.`,
    statement: (limit) => countingStatement(violations, limit),
    violations,
    table: edge.childTable,
    edge,
  };
}

function fkRuleCheck(edge: RuleEdge): IntegrityCheck {
  const code = CONFDELTYPE[edge.rule];
  const where = `${edge.childTable}.${edge.column}`;
  const statement = `with fk as (
      select c.conname, c.confdeltype from pg_constraint c
      where c.contype = 'f' and c.conrelid = ${regclass(edge.childTable)} and c.confrelid = ${regclass(edge.parentTable)}
        and c.conkey = array[${attnum('c.conrelid', edge.column)}]::int2[] and c.confkey = array[${attnum('c.confrelid', edge.parentColumn)}]::int2[])
    select case when exists (select 1 from fk where confdeltype = '${code}') then 0 else 1 end::bigint as n, '{}'::text[] as ids,
      case when not exists (select 1 from fk) then 'The live database has no such foreign key.'
           when not exists (select 1 from fk where confdeltype = '${code}')
           then 'The live foreign key ' || (select string_agg(fk.conname || ' has ON DELETE ' || ${ACTION_NAME}, '; ' order by fk.conname) from fk) || '.' end as problem`;
  return {
    name: `fk_rule:${where}`,
    kind: IntegrityCheckKind.FK_RULE,
    severity: KIND_SEVERITY.FK_RULE,
    description: `${where} must be a foreign key to ${edge.parentTable}.${edge.parentColumn} with ON DELETE ${edge.rule}, as the ${edge.childEntity} entity declares.`,
    suggestedFix:
      'A missing foreign key: npm run integrity:adopt adds it NOT VALID, to be validated once its orphans are repaired. A different ON DELETE: write a migration that drops the foreign key and adds it again as declared.',
    statement: () => statement,
    table: edge.childTable,
    edge,
  };
}

function unindexedCheck(edge: RuleEdge): IntegrityCheck {
  const where = `${edge.childTable}.${edge.column}`;
  const statement = `select case when exists (
      select 1 from pg_index i
      where i.indrelid = ${regclass(edge.childTable)} and i.indisvalid and i.indpred is null and i.indkey[0] = ${attnum('i.indrelid', edge.column)}
    ) then 0 else 1 end::bigint as n, '{}'::text[] as ids, null::text as problem`;
  return {
    name: `unindexed_fk:${where}`,
    kind: IntegrityCheckKind.UNINDEXED_FK,
    severity: KIND_SEVERITY.UNINDEXED_FK,
    description: `The foreign key column ${where} has no valid, non-partial index that leads with it, so every delete of a ${edge.parentTable} row and every orphan scan reads the whole of ${edge.childTable}.`,
    suggestedFix: `create index concurrently ${ident(`${edge.childTable}_${edge.column}_index`)} on ${ident(edge.childTable)} (${ident(edge.column)}); the entities declare it, so a migration would too.`,
    statement: () => statement,
    table: edge.childTable,
    edge,
  };
}

const CONSTRAINT_TYPE_NAME: Record<LiveConstraint['type'], string> = { f: 'foreign key', c: 'CHECK', n: 'NOT NULL constraint' };

/** For a CHECK of the live catalog: reads its expression (see LiveConstraint.expression). */
function expressionReader(constraint: LiveConstraint): IntegrityCheck['prepare'] {
  if (constraint.type !== 'c') return undefined;
  return async (em) => {
    if (constraint.expression !== null) return;
    const [row] = await em.execute<{ expression: string }[]>(
      `select pg_get_expr(conbin, conrelid) as expression from pg_constraint where conname = ? and conrelid = ${regclass(constraint.table)}`,
      [constraint.name],
    );
    if (!row) throw new Error(`the constraint ${constraint.name} of ${constraint.table} no longer exists`);
    constraint.expression = row.expression;
  };
}

function notValidCheck(graph: RuleGraph, constraint: LiveConstraint, name: string): IntegrityCheck {
  const what = `The ${CONSTRAINT_TYPE_NAME[constraint.type]} ${constraint.name} of ${constraint.table}`;
  return {
    name: `not_valid:${name}`,
    kind: IntegrityCheckKind.NOT_VALID,
    severity: KIND_SEVERITY.NOT_VALID,
    description: `${what} must be validated: a NOT VALID constraint holds for new rows only, the existing ones unproven. Violations are the rows that keep it from being validated; ids are ${constraint.table}.`,
    suggestedFix: `Repair the rows that break it (see the ${constraint.type === 'f' ? 'orphan:' : 'check:'} checks of ${constraint.table}), then repairIntegrity(input: {check: "not_valid:${name}", dryRun: false}) validates it.`,
    // A validated constraint needs no expression and no scan: PostgreSQL has proven it.
    prepare: constraint.validated ? undefined : expressionReader(constraint),
    statement(limit) {
      return constraint.validated
        ? NOTHING_FOUND
        : countingStatement(this.violations!, limit, 'PostgreSQL has not validated it: it holds for new rows, the old ones are unproven.');
    },
    get violations() {
      return rowsViolating(graph, constraint);
    },
    table: constraint.table,
    constraint,
  };
}

/** `(expression)`, without doubling the parentheses PostgreSQL already prints around it. */
function parenthesized(expression: string): string {
  let depth = 0;
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] === '(') depth++;
    else if (expression[i] === ')') depth--;
    if (depth === 0 && i < expression.length - 1) return `(${expression})`;
  }
  return expression.startsWith('(') ? expression : `(${expression})`;
}

/**
 * A CHECK of the live catalog, or one the entities declare that the database lacks. A
 * validated CHECK holds for every row by construction (PostgreSQL proved the old rows and
 * checks each row written since; replica mode does not switch CHECKs off), so its rows
 * are counted only while it is NOT VALID or missing: at a million bookings the scans of
 * validated CHECKs would cost a third of the report to prove what cannot be false.
 */
function checkCheck(graph: RuleGraph, name: string, table: string, declared: { expression: string } | LiveConstraint): IntegrityCheck {
  const constraint = 'type' in declared ? declared : undefined;
  const proven = constraint?.validated === true;
  const expression = () => parenthesized(declared.expression ?? '…');
  return {
    name: `check:${name}`,
    kind: IntegrityCheckKind.CHECK,
    severity: KIND_SEVERITY.CHECK,
    get description() {
      return proven
        ? `The CHECK ${name} holds for every row of ${table}: PostgreSQL has validated it and checks every row written since. Rows are counted while a CHECK is NOT VALID or missing.`
        : `Rows of ${table} for which the CHECK ${name}, ${expression()}, is false. Ids are ${table}.`;
    },
    get suggestedFix() {
      if (!constraint) return `Correct these rows so that ${expression()} holds, then restore the constraint: npm run integrity:adopt adds it NOT VALID.`;
      return `Correct these rows so that ${expression()} holds, then validate the constraint (repairIntegrity with not_valid:${name}).`;
    },
    prepare: constraint && !proven ? expressionReader(constraint) : undefined,
    statement(limit) {
      if (proven) return NOTHING_FOUND;
      return countingStatement(this.violations!, limit, constraint ? null : 'The entity declares this CHECK, but the database does not have it.');
    },
    get violations() {
      return checkViolations(graph, table, expression());
    },
    table,
    constraint,
  };
}

const CATALOG = `
  select c.conname as name, c.contype as type, c.convalidated as validated, t.relname as table,
         array(select a.attname::text from unnest(c.conkey) with ordinality k(num, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.num order by k.i) as columns,
         f.relname as referenced_table,
         case when c.contype = 'f' then array(select a.attname::text from unnest(c.confkey) with ordinality k(num, i)
                                               join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.num order by k.i) end as referenced_columns
  from pg_constraint c
  join pg_class t on t.oid = c.conrelid
  left join pg_class f on f.oid = c.confrelid
  where t.relnamespace = current_schema()::regnamespace and t.relname = any(?::text[])
    and (c.contype in ('f', 'c') or (c.contype = 'n' and not c.convalidated))
  order by t.relname, c.conname`;

interface CatalogRow {
  name: string;
  type: 'f' | 'c' | 'n';
  validated: boolean;
  table: string;
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[] | null;
}

/** The live foreign keys and CHECKs of the model's tables, and NOT NULL constraints not validated. */
export async function liveConstraints(em: EntityManager): Promise<LiveConstraint[]> {
  const tables = (Object.values(em.getMetadata().getAll()) as { tableName?: string; embeddable?: boolean; virtual?: boolean }[])
    .filter((meta) => meta.tableName && !meta.embeddable && !meta.virtual)
    .map((meta) => meta.tableName!);
  const rows = await em.execute<CatalogRow[]>(CATALOG, [`{${tables.join(',')}}`]);
  return rows.map((row) => ({
    name: row.name,
    type: row.type,
    table: row.table,
    validated: row.validated,
    expression: null,
    columns: row.columns,
    referencedTable: row.referenced_table,
    referencedColumns: row.referenced_columns,
  }));
}

/** Constraint names are unique per table only: a name two tables share is qualified by its table. */
function constraintKeys(constraints: readonly { name: string; table: string }[]): (c: { name: string; table: string }) => string {
  const tablesByName = new Map<string, Set<string>>();
  for (const c of constraints) tablesByName.set(c.name, (tablesByName.get(c.name) ?? new Set()).add(c.table));
  return (c) => ((tablesByName.get(c.name)?.size ?? 0) > 1 ? `${c.table}.${c.name}` : c.name);
}

/**
 * Every check of the integrity report, derived wherever possible so that a new relation
 * or constraint is checked without new code: orphan, fk_rule and unindexed_fk from the
 * edges of the rule graph (the entities' metadata); not_valid and check from the live
 * catalog (plus the CHECKs the entities declare that the catalog lacks); the business
 * rules from their short explicit list. Reads the catalog: call it inside the snapshot the
 * checks will run in.
 */
export async function planIntegrityChecks(em: EntityManager): Promise<IntegrityCheck[]> {
  const graph = buildRuleGraph(em.getMetadata());
  const live = await liveConstraints(em);
  const declared = declaredConstraints(em);
  const liveChecks = live.filter((c) => c.type === 'c');
  const missingChecks = declared.checks.filter((d) => !liveChecks.some((c) => c.table === d.table && c.name === d.name));
  const key = constraintKeys([...live, ...missingChecks]);

  const checks: IntegrityCheck[] = [
    ...graph.edges.map((edge) => orphanCheck(graph, edge)),
    ...graph.edges.map(fkRuleCheck),
    ...graph.edges.map(unindexedCheck),
    ...live.map((constraint) => notValidCheck(graph, constraint, key(constraint))),
    ...liveChecks.map((constraint) => checkCheck(graph, key(constraint), constraint.table, constraint)),
    ...missingChecks.map((check) => checkCheck(graph, key(check), check.table, check)),
    ...BUSINESS_RULES.map(
      (rule): IntegrityCheck => ({
        name: `rule:${rule.name}`,
        kind: IntegrityCheckKind.RULE,
        severity: rule.severity,
        description: rule.description,
        suggestedFix: rule.suggestedFix,
        statement: (limit) => countingStatement(rule.violations, limit),
        violations: rule.violations,
      }),
    ),
  ];
  return checks.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
}

const PREFIXES = Object.values(KIND_PREFIX);

/**
 * The checks a selection names: each entry is a check's name, or a prefix ending in ':' or
 * '.' ("orphan:", "orphan:payments."), or a kind alone ("orphan"). No selection: all.
 * An entry that matches nothing is an error listing what exists.
 */
export function selectChecks(all: readonly IntegrityCheck[], selection?: readonly string[] | null): IntegrityCheck[] {
  if (!selection?.length) return [...all];
  const chosen = new Set<IntegrityCheck>();
  const unknown: string[] = [];
  for (const raw of selection) {
    const entry = PREFIXES.includes(`${raw.trim()}:`) ? `${raw.trim()}:` : raw.trim();
    const isPrefix = entry.endsWith(':') || entry.endsWith('.');
    const matches = all.filter((check) => (isPrefix ? check.name.startsWith(entry) : check.name === entry));
    if (!matches.length) unknown.push(raw);
    for (const check of matches) chosen.add(check);
  }
  if (unknown.length) {
    throw new BadUserInput(
      `Unknown integrity check${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => JSON.stringify(name)).join(', ')}. ` +
        `Name a check, or select by a prefix ending in ':' or '.' (${PREFIXES.join(', ')}). The checks are: ${all.map((check) => check.name).join(', ')}.`,
    );
  }
  return all.filter((check) => chosen.has(check));
}
