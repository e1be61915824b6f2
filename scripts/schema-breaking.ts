/**
 * CI's breaking-change check: compares schema/schema.graphql in the working tree with the
 * base commit's (SCHEMA_BASE, else HEAD~1) using graphql-js's findBreakingChanges, and
 * fails, one line per change, on a breaking change that schema/CHANGELOG.md, as changed
 * since the base, does not explain with an entry
 *
 *   - **Breaking** `Booking.room`: nullable, since partners book a room type and a room is assigned later.
 *
 * Dangerous changes (an enum value or union member added, a default changed: clients may
 * need to handle them) are printed as warnings. The repository is the one holding the
 * working directory, so the check runs the same on a scratch repository in the tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BreakingChangeType,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { runScript } from './run-script';

export const SCHEMA_FILE = 'schema/schema.graphql';
export const CHANGELOG_FILE = 'schema/CHANGELOG.md';

export interface SchemaChange {
  type: string;
  description: string;
}

/**
 * Each change type's description as graphql-js 16 words it, and the schema coordinate
 * (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@directive`,
 * `@directive(arg:)`) it is about. Dispatching on the type first keeps descriptions that
 * read alike (a type or a directive "was removed") apart.
 */
const COORDINATES: Record<string, [RegExp, (...names: string[]) => string]> = {
  TYPE_REMOVED: [/^(?:Standard scalar )?(\w+) was removed/, (type) => type],
  TYPE_CHANGED_KIND: [/^(\w+) changed from /, (type) => type],
  TYPE_REMOVED_FROM_UNION: [/^\w+ was removed from union type (\w+)\.$/, (union) => union],
  VALUE_REMOVED_FROM_ENUM: [/^(\w+) was removed from enum type (\w+)\.$/, (value, type) => `${type}.${value}`],
  REQUIRED_INPUT_FIELD_ADDED: [/^A required field (\w+) on input type (\w+) was added\.$/, (field, type) => `${type}.${field}`],
  IMPLEMENTED_INTERFACE_REMOVED: [/^(\w+) no longer implements interface \w+\.$/, (type) => type],
  FIELD_REMOVED: [/^(\w+)\.(\w+) was removed\.$/, (type, field) => `${type}.${field}`],
  FIELD_CHANGED_KIND: [/^(\w+)\.(\w+) changed type from /, (type, field) => `${type}.${field}`],
  REQUIRED_ARG_ADDED: [/^A required arg (\w+) on (\w+)\.(\w+) was added\.$/, (arg, type, field) => `${type}.${field}(${arg}:)`],
  ARG_REMOVED: [/^(\w+)\.(\w+) arg (\w+) was removed\.$/, (type, field, arg) => `${type}.${field}(${arg}:)`],
  ARG_CHANGED_KIND: [/^(\w+)\.(\w+) arg (\w+) has changed type /, (type, field, arg) => `${type}.${field}(${arg}:)`],
  DIRECTIVE_REMOVED: [/^(\w+) was removed\.$/, (directive) => `@${directive}`],
  DIRECTIVE_ARG_REMOVED: [/^(\w+) was removed from (\w+)\.$/, (arg, directive) => `@${directive}(${arg}:)`],
  REQUIRED_DIRECTIVE_ARG_ADDED: [/^A required arg (\w+) on directive (\w+) was added\.$/, (arg, directive) => `@${directive}(${arg}:)`],
  DIRECTIVE_REPEATABLE_REMOVED: [/^Repeatable flag was removed from (\w+)\.$/, (directive) => `@${directive}`],
  DIRECTIVE_LOCATION_REMOVED: [/^\w+ was removed from (\w+)\.$/, (directive) => `@${directive}`],
  VALUE_ADDED_TO_ENUM: [/^(\w+) was added to enum type (\w+)\.$/, (value, type) => `${type}.${value}`],
  TYPE_ADDED_TO_UNION: [/^\w+ was added to union type (\w+)\.$/, (union) => union],
  OPTIONAL_INPUT_FIELD_ADDED: [/^An optional field (\w+) on input type (\w+) was added\.$/, (field, type) => `${type}.${field}`],
  OPTIONAL_ARG_ADDED: [/^An optional arg (\w+) on (\w+)\.(\w+) was added\.$/, (arg, type, field) => `${type}.${field}(${arg}:)`],
  IMPLEMENTED_INTERFACE_ADDED: [/^\w+ added to interfaces implemented by (\w+)\.$/, (type) => type],
  ARG_DEFAULT_VALUE_CHANGE: [
    /^(\w+)\.(\w+) arg (\w+) (?:has changed defaultValue|defaultValue was removed)/,
    (type, field, arg) => `${type}.${field}(${arg}:)`,
  ],
};

/** The schema coordinate a change is about; for a change type this table does not know, the first name its description gives. */
export function coordinateOf(change: SchemaChange): string {
  const known = COORDINATES[change.type];
  const match = known && change.description.match(known[0]);
  if (match) return known[1](...match.slice(1));
  return change.description.match(/\w+(?:\.\w+)?/)?.[0] ?? change.description;
}

/** `Type.field(arg)` written without the colon means the same argument. */
function normalCoordinate(written: string): string {
  return written.trim().replace(/\((\w+)\)$/, '($1:)');
}

const ENTRY = /^\s*[-*]\s+\*\*Breaking\*\*\s+((?:`[^`]+`\s*,?\s*)+)(?:[:—–]\s*(.*))?$/;

/** The coordinates the `**Breaking**` entries among `lines` name, each with its reason ('' when it gives none). */
export function breakingEntries(lines: readonly string[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of lines) {
    const match = line.match(ENTRY);
    if (!match) continue;
    const reason = (match[2] ?? '').trim();
    for (const [, coordinate] of match[1].matchAll(/`([^`]+)`/g)) {
      const key = normalCoordinate(coordinate);
      // Named twice, once with a reason: the reason counts.
      if (!entries.get(key)) entries.set(key, reason);
    }
  }
  return entries;
}

/** A reason says something: at least one word. */
const hasReason = (reason: string | undefined) => reason !== undefined && /\p{L}{2,}/u.test(reason);

/** Whether the element a removal took away was deprecated first, as the policy asks; undefined when the change is no removal of one. */
function wasDeprecated(schema: GraphQLSchema, change: SchemaChange, coordinate: string): boolean | undefined {
  const [, typeName, member, arg] = coordinate.match(/^(\w+)\.(\w+)(?:\((\w+):\))?$/) ?? [];
  if (!typeName) return undefined;
  const type = schema.getType(typeName);
  if (change.type === BreakingChangeType.VALUE_REMOVED_FROM_ENUM && isEnumType(type)) return Boolean(type.getValue(member)?.deprecationReason);
  if (change.type !== BreakingChangeType.FIELD_REMOVED && change.type !== BreakingChangeType.ARG_REMOVED) return undefined;
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return undefined;
  const field = type.getFields()[member];
  if (!field) return undefined;
  if (change.type === BreakingChangeType.FIELD_REMOVED) return Boolean(field.deprecationReason);
  return 'args' in field ? Boolean(field.args.find((candidate) => candidate.name === arg)?.deprecationReason) : undefined;
}

export interface Judgement {
  /** One line per breaking change the changelog does not explain. */
  failures: string[];
  /** Explained breaking changes, dangerous changes, entries that match nothing. */
  notes: string[];
}

/** The verdict on going from schema `before` to `after`, given the lines the changelog gained meanwhile. */
export function judgeSchemaChange(before: string, after: string, addedChangelogLines: readonly string[]): Judgement {
  const [old, next] = [buildSchema(before), buildSchema(after)];
  const entries = breakingEntries(addedChangelogLines);
  const failures: string[] = [];
  const notes: string[] = [];
  const named = new Set<string>();
  for (const change of findBreakingChanges(old, next)) {
    const coordinate = coordinateOf(change);
    named.add(coordinate);
    const policy = wasDeprecated(old, change, coordinate) === false ? ' It was never deprecated: the policy is to deprecate it for a release first.' : '';
    const reason = entries.get(coordinate);
    if (hasReason(reason)) notes.push(`breaking, explained in ${CHANGELOG_FILE}: ${change.description}${policy}`);
    else if (reason !== undefined) failures.push(`breaking: ${change.description} The ${CHANGELOG_FILE} entry for \`${coordinate}\` gives no reason.${policy}`);
    else failures.push(`breaking: ${change.description} Explain it in ${CHANGELOG_FILE}: "- **Breaking** \`${coordinate}\`: <why>".${policy}`);
  }
  for (const change of findDangerousChanges(old, next)) notes.push(`warning: ${change.description} (${coordinateOf(change)})`);
  for (const coordinate of entries.keys()) {
    if (!named.has(coordinate)) notes.push(`warning: the ${CHANGELOG_FILE} entry for \`${coordinate}\` matches no breaking change`);
  }
  return { failures, notes };
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitSucceeds(root: string, args: string[]): boolean {
  try {
    git(root, args);
    return true;
  } catch {
    return false;
  }
}

/**
 * The lines of `changelog` an entry may be on: those added since the base (`added`, line
 * numbers from 1; every line when null), outside fenced code blocks, where a policy shows
 * the format by example.
 */
export function entryLines(changelog: string, added: ReadonlySet<number> | null): string[] {
  const lines: string[] = [];
  let fenced = false;
  changelog.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && (added === null || added.has(index + 1))) lines.push(line);
  });
  return lines;
}

/** The numbers of the changelog's lines added since `base`, working tree included; null when the base has no changelog (all are new). */
function changelogAdditions(root: string, base: string): ReadonlySet<number> | null {
  if (!gitSucceeds(root, ['cat-file', '-e', `${base}:${CHANGELOG_FILE}`])) return null;
  const added = new Set<number>();
  const diff = git(root, ['diff', '--no-color', '--no-ext-diff', '--unified=0', base, '--', CHANGELOG_FILE]);
  // With no context, a hunk's added lines are the run "+start,count" names.
  for (const [, start, count = '1'] of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    for (let line = Number(start); line < Number(start) + Number(count); line++) added.add(line);
  }
  return added;
}

async function main(): Promise<number> {
  const root = git(process.cwd(), ['rev-parse', '--show-toplevel']).trim();
  const given = process.env.SCHEMA_BASE;
  const base = given || 'HEAD~1';
  if (!gitSucceeds(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`])) {
    if (given) throw new Error(`SCHEMA_BASE=${given} is not a commit of this repository`);
    console.log(`${base} is not in this clone (a first commit, or a shallow clone: fetch with --depth=2): no previous schema to compare with; passing`);
    return 0;
  }
  if (!gitSucceeds(root, ['cat-file', '-e', `${base}:${SCHEMA_FILE}`])) {
    console.log(`${base} has no ${SCHEMA_FILE}: no previous schema to compare with; passing`);
    return 0;
  }
  const before = git(root, ['show', `${base}:${SCHEMA_FILE}`]);
  const after = readFileSync(path.join(root, SCHEMA_FILE), 'utf8');
  const changelogPath = path.join(root, CHANGELOG_FILE);
  const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';
  const { failures, notes } = judgeSchemaChange(before, after, entryLines(changelog, changelogAdditions(root, base)));
  for (const note of notes) console.log(note);
  for (const failure of failures) console.error(failure);
  if (failures.length) return 1;
  console.log(`${SCHEMA_FILE}: no breaking change since ${base} that ${CHANGELOG_FILE} does not explain`);
  return 0;
}

// Run as a script, not when a test imports the functions above.
if (require.main === module) runScript('schema:breaking', main);
