/** What deleting a parent row does to a row that refers to it. */
export type DeleteEffect = 'delete' | 'nullify' | 'block';

/**
 * One ON DELETE rule, defined once, as Django defines CASCADE, PROTECT and SET_NULL: its
 * name and `pg_constraint` code, what it does to a referencing row (the delete preview
 * counts that, and a repair treats an orphan as its parent's delete would have), what to
 * do about such an orphan, and its DDL.
 */
export interface DeleteRule {
  /** As PostgreSQL and the entities' `deleteRule` spell it. */
  readonly name: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION';
  /** `pg_constraint.confdeltype`. */
  readonly confdeltype: string;
  readonly effect: DeleteEffect;
  /** What repairIntegrity does with an orphan under this rule, in a few words. */
  readonly orphanRepair: string;
  /** The suggested fix for orphans of `where` (table.column) whose `parentTable` row is missing. */
  orphanFix(where: string, parentTable: string): string;
  /** The foreign key's DDL clause. */
  readonly ddl: string;
}

const repairCall = (where: string) => `repairIntegrity(input: {check: "orphan:${where}", dryRun: false})`;

/** A row must not outlive its parent silently: nothing is mended without a person. */
const refused = (name: 'RESTRICT' | 'NO ACTION', confdeltype: string): DeleteRule => ({
  name,
  confdeltype,
  effect: 'block',
  orphanRepair: 'is refused',
  orphanFix: (_where, parentTable) =>
    `ON DELETE ${name} means these rows must not outlive their ${parentTable} row silently, so nothing is repaired automatically: re-create the missing ${parentTable} rows, or point these rows at existing ones or delete them (deleteRecord) after review.`,
  ddl: `on delete ${name.toLowerCase()}`,
});

export const CASCADE: DeleteRule = {
  name: 'CASCADE',
  confdeltype: 'c',
  effect: 'delete',
  orphanRepair: 'deletes the orphans and what cascades from them',
  orphanFix: (where, parentTable) =>
    `${repairCall(where)} removes these rows and what hangs from them by CASCADE, as deleting their ${parentTable} row would have; run it with dryRun: true first to see the counts.`,
  ddl: 'on delete cascade',
};

export const SET_NULL: DeleteRule = {
  name: 'SET NULL',
  confdeltype: 'n',
  effect: 'nullify',
  orphanRepair: 'clears the reference',
  orphanFix: (where, parentTable) => `${repairCall(where)} clears ${where} on these rows, as deleting their ${parentTable} row would have.`,
  ddl: 'on delete set null',
};

export const RESTRICT = refused('RESTRICT', 'r');
export const NO_ACTION = refused('NO ACTION', 'a');

/** The rules a relation may declare. */
export const DELETE_RULES: readonly DeleteRule[] = [CASCADE, SET_NULL, RESTRICT, NO_ACTION];

/** Every `confdeltype` PostgreSQL may hold, with its name: the rules, and SET DEFAULT, which the model never declares. */
export const DELETE_ACTION_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(DELETE_RULES.map((rule) => [rule.confdeltype, rule.name])),
  d: 'SET DEFAULT',
};

/** The rule an entity's `deleteRule` names ("cascade", "set null", …). */
export function deleteRuleNamed(declared: string | undefined, where: string): DeleteRule {
  const rule = DELETE_RULES.find((candidate) => candidate.name === declared?.toUpperCase());
  if (!rule) throw new Error(`${where}: unsupported deleteRule "${declared}"; declare one of ${DELETE_RULES.map((r) => r.name.toLowerCase()).join(', ')}`);
  return rule;
}
