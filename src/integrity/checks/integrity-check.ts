import type { EntityManager } from '@mikro-orm/postgresql';
import type { RuleEdge } from '../../deletion/rule-graph';
import { MAX_CARRIED_IDS } from '../../entities/integrity-run-check.entity';
import type { ErrorSeverity } from '../../errors/error-code';
import { literal } from '../../sql';
import type { ChangeScope } from '../changes';
import type { LiveConstraint } from './catalog';

export enum IntegrityCheckKind {
  ORPHAN = 'ORPHAN',
  FK_RULE = 'FK_RULE',
  UNINDEXED_FK = 'UNINDEXED_FK',
  NOT_VALID = 'NOT_VALID',
  CHECK = 'CHECK',
  TRIGGER = 'TRIGGER',
  RULE = 'RULE',
}

/** The prefix of the names of a kind's checks: the kind in lower case, "orphan:". */
export const kindPrefix = (kind: IntegrityCheckKind): string => `${kind.toLowerCase()}:`;

/** What a check says of itself: what it looks for (and which rows its sample ids are), and what to do when it fails. */
export interface CheckTexts {
  readonly description: string;
  readonly suggestedFix: string;
}

/** A check ready to run: its texts, told what `prepare` read, and its one statement. */
export interface PreparedCheck extends CheckTexts {
  /**
   * The check's one statement. It returns one row: `n`, the number of violations; `ids`,
   * up to `sampleLimit` of their primary keys as text; `problem`, what is wrong beside the
   * rows (a constraint missing or not validated), or null.
   */
  statement(sampleLimit: number): string;
  /** For checks of rows: the query of the violating rows' primary keys, as one column `id`. */
  readonly violations?: string;
  /**
   * For checks of rows whose violations can only begin in rows written since (or keyed by
   * rows written since): the same statement over the keys the changes touch and the ids
   * the base run found violating (`carried`, SQL of a set of text ids), which an
   * incremental run sends instead when every table in `tables` has its changes recorded.
   * It must find exactly what `statement` finds on the same data.
   */
  readonly scoped?: { tables: readonly string[]; statement(scope: ChangeScope, carried: string, sampleLimit: number): string };
}

/**
 * One check of the integrity report, as planned: an immutable value. What its statement
 * needs from the catalog is read by `prepare`, inside the check's own savepoint and
 * statement timeout (reading a CHECK's expression takes a lock on its table, which a lock
 * held elsewhere would make wait).
 */
export interface IntegrityCheck extends CheckTexts {
  readonly name: string;
  readonly kind: IntegrityCheckKind;
  readonly severity: ErrorSeverity;
  /** The table whose rows the check reports (or whose constraint it looks at). */
  readonly table?: string;
  /** orphan, fk_rule, unindexed_fk: the relation, from the rule graph. */
  readonly edge?: RuleEdge;
  /** not_valid, check: the live constraint; absent for a declared CHECK missing from the database. */
  readonly constraint?: LiveConstraint;
  prepare(em: EntityManager): Promise<PreparedCheck>;
}

/** A kind of check: how bad a failure is, what it looks at and where from, what repairIntegrity does about it. */
export interface CheckKind {
  readonly kind: IntegrityCheckKind;
  /** Undefined when each check carries its own (business rules). */
  readonly severity?: ErrorSeverity;
  readonly checks: string;
  readonly from: string;
  readonly repair: string;
}

/**
 * The statement of a check of rows: counts what `violations` selects and samples the lowest
 * ids; `carried` holds every id while there are at most MAX_CARRIED_IDS (one more says there
 * were more), for the next incremental run.
 */
export function countingStatement(violations: string, sampleLimit: number, problem: string | null = null): string {
  const samples = sampleLimit > 0 ? `array(select v.id::text from v order by v.id limit ${sampleLimit})` : `'{}'::text[]`;
  return `with v as materialized (${violations})
    select (select count(*) from v)::bigint as n, ${samples} as ids, ${problem === null ? 'null::text' : literal(problem)} as problem,
      array(select v.id::text from v order by v.id limit ${MAX_CARRIED_IDS + 1}) as carried`;
}

export const NOTHING_FOUND = `select 0::bigint as n, '{}'::text[] as ids, null::text as problem, '{}'::text[] as carried`;

/** A check that needs nothing from the catalog: its texts and statement, ready as planned. */
export function readyCheck(check: Omit<IntegrityCheck, 'prepare'> & Omit<PreparedCheck, keyof CheckTexts>): IntegrityCheck {
  const ready: PreparedCheck = {
    description: check.description,
    suggestedFix: check.suggestedFix,
    statement: check.statement,
    violations: check.violations,
    scoped: check.scoped,
  };
  const { statement: _statement, violations: _violations, scoped: _scoped, ...planned } = check;
  return { ...planned, prepare: async () => ready };
}
