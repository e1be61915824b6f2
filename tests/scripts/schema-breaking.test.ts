import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { breakingEntries, coordinateOf, entryLines, judgeSchemaChange } from '../../scripts/schema-breaking';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

const BASE_SDL = `
directive @audited(reason: String, level: Int) repeatable on FIELD_DEFINITION | OBJECT
interface Node { id: ID! }
type Room implements Node { id: ID! number: String! }
type Booking implements Node { id: ID! room: Room! note: String status: Status! }
type Ghost { id: ID! }
enum Status { CONFIRMED CANCELLED }
union Result = Booking | Room
input BookingInput { note: String }
type Query {
  booking(id: ID!, withNote: Boolean): Booking
  result: Result
  ghost: Ghost
  rooms(first: Int = 20): [Room!]!
  search(text: String): [Booking!]!
}
`;

/** BASE_SDL with `from` replaced by `to`, each pair in turn. */
function edited(...pairs: [string | RegExp, string][]): string {
  let sdl = BASE_SDL;
  for (const [from, to] of pairs) {
    const next = sdl.replace(from, to);
    if (next === sdl) throw new Error(`no ${from} in the schema`);
    sdl = next;
  }
  return sdl;
}

describe('the coordinate of each kind of change', () => {
  it('names the type, field, argument, enum value or directive graphql-js describes', () => {
    const after = edited(
      ['type Ghost { id: ID! }\n', ''],
      ['  ghost: Ghost\n', ''],
      ['note: String status', 'status'],
      ['room: Room!', 'room: Room'],
      ['booking(id: ID!, withNote: Boolean)', 'booking(id: String!, at: Int!)'],
      ['enum Status { CONFIRMED CANCELLED }', 'enum Status { CONFIRMED NO_SHOW }'],
      ['union Result = Booking | Room', 'union Result = Booking'],
      ['input BookingInput { note: String }', 'input BookingInput { note: String roomId: ID! }'],
      ['type Room implements Node', 'type Room'],
      ['directive @audited(reason: String, level: Int) repeatable on FIELD_DEFINITION | OBJECT', 'directive @audited(level: Int, by: String!) on OBJECT'],
      ['rooms(first: Int = 20)', 'rooms(first: Int = 50, last: Int)'],
      ['search(text: String)', 'search(text: [String])'],
    );
    const [before, next] = [buildSchema(BASE_SDL), buildSchema(after)];
    const breaking = findBreakingChanges(before, next).map((change) => [change.type, coordinateOf(change)]);
    expect(breaking.sort()).toEqual(
      [
        ['TYPE_REMOVED', 'Ghost'],
        ['FIELD_REMOVED', 'Query.ghost'],
        ['FIELD_REMOVED', 'Booking.note'],
        ['FIELD_CHANGED_KIND', 'Booking.room'],
        ['ARG_CHANGED_KIND', 'Query.booking(id:)'],
        ['ARG_REMOVED', 'Query.booking(withNote:)'],
        ['REQUIRED_ARG_ADDED', 'Query.booking(at:)'],
        ['VALUE_REMOVED_FROM_ENUM', 'Status.CANCELLED'],
        ['TYPE_REMOVED_FROM_UNION', 'Result'],
        ['REQUIRED_INPUT_FIELD_ADDED', 'BookingInput.roomId'],
        ['IMPLEMENTED_INTERFACE_REMOVED', 'Room'],
        ['DIRECTIVE_ARG_REMOVED', '@audited(reason:)'],
        ['REQUIRED_DIRECTIVE_ARG_ADDED', '@audited(by:)'],
        ['DIRECTIVE_REPEATABLE_REMOVED', '@audited'],
        ['DIRECTIVE_LOCATION_REMOVED', '@audited'],
        ['ARG_CHANGED_KIND', 'Query.search(text:)'],
      ].sort(),
    );
    const dangerous = findDangerousChanges(before, next).map((change) => [change.type, coordinateOf(change)]);
    expect(dangerous.sort()).toEqual(
      [
        ['VALUE_ADDED_TO_ENUM', 'Status.NO_SHOW'],
        ['ARG_DEFAULT_VALUE_CHANGE', 'Query.rooms(first:)'],
        ['OPTIONAL_ARG_ADDED', 'Query.rooms(last:)'],
      ].sort(),
    );
  });

  it('tells a removed directive from a removed type, and names what it cannot parse by its first name', () => {
    const before = buildSchema(BASE_SDL);
    const after = buildSchema(edited(['directive @audited(reason: String, level: Int) repeatable on FIELD_DEFINITION | OBJECT\n', '']));
    expect(findBreakingChanges(before, after).map(coordinateOf)).toEqual(['@audited']);
    expect(coordinateOf({ type: 'SOMETHING_NEW', description: 'Booking.room did something new.' })).toBe('Booking.room');
  });
});

describe('changelog entries', () => {
  it('reads the coordinates of **Breaking** lines with their reasons, and nothing else', () => {
    const entries = breakingEntries([
      '- **Breaking** `Booking.room`: nullable, since rooms are assigned late',
      '* **Breaking** `Query.booking(id)`, `Status.CANCELLED` — merged into one status',
      '- **Breaking** `Result`',
      '- **Deprecated** `Booking.note`: use comments',
      'Breaking `Room`: not an entry',
    ]);
    expect([...entries]).toEqual([
      ['Booking.room', 'nullable, since rooms are assigned late'],
      ['Query.booking(id:)', 'merged into one status'],
      ['Status.CANCELLED', 'merged into one status'],
      ['Result', ''],
    ]);
  });

  it('reads only the lines added since the base, and none inside a code fence, where the policy shows the format', () => {
    const changelog = [
      '# Changes',
      '```markdown',
      '- **Breaking** `Booking.room`: an example',
      '```',
      '- **Breaking** `Booking.note`: real',
      '- old line',
    ].join('\n');
    expect(entryLines(changelog, null)).toEqual(['# Changes', '- **Breaking** `Booking.note`: real', '- old line']);
    expect(entryLines(changelog, new Set([3, 5]))).toEqual(['- **Breaking** `Booking.note`: real']);
  });

  it('fails on each unexplained breaking change, passes an explained one, and refuses an entry without a reason', () => {
    const after = edited(['note: String status', 'status'], ['room: Room!', 'room: Room']);
    expect(judgeSchemaChange(BASE_SDL, after, []).failures).toEqual([
      'breaking: Booking.note was removed. Explain it in schema/CHANGELOG.md: "- **Breaking** `Booking.note`: <why>". It was never deprecated: the policy is to deprecate it for a release first.',
      'breaking: Booking.room changed type from Room! to Room. Explain it in schema/CHANGELOG.md: "- **Breaking** `Booking.room`: <why>".',
    ]);
    const explained = judgeSchemaChange(BASE_SDL, after, ['- **Breaking** `Booking.note`, `Booking.room`: rooms are assigned late; notes moved to comments']);
    expect(explained.failures).toEqual([]);
    expect(explained.notes).toContain('breaking, explained in schema/CHANGELOG.md: Booking.room changed type from Room! to Room.');
    expect(judgeSchemaChange(BASE_SDL, after, ['- **Breaking** `Booking.note`: ', '- **Breaking** `Booking.room`: ok']).failures).toEqual([
      'breaking: Booking.note was removed. The schema/CHANGELOG.md entry for `Booking.note` gives no reason. It was never deprecated: the policy is to deprecate it for a release first.',
    ]);
  });

  it('does not flag a removal deprecated first, and warns of an entry that matches no change', () => {
    const deprecated = edited(['note: String status', 'note: String @deprecated(reason: "Use comments.") status']);
    const removed = edited(['note: String status', 'status']);
    const { failures, notes } = judgeSchemaChange(deprecated, removed, ['- **Breaking** `Booking.notes`: typo']);
    expect(failures).toEqual(['breaking: Booking.note was removed. Explain it in schema/CHANGELOG.md: "- **Breaking** `Booking.note`: <why>".']);
    expect(notes).toEqual(['warning: the schema/CHANGELOG.md entry for `Booking.notes` matches no breaking change']);
  });
});

describe('npm run schema:breaking, in a repository of its own', () => {
  let repo: string;
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  function write(file: string, text: string) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  function commit(files: Record<string, string>, message: string) {
    for (const [file, text] of Object.entries(files)) write(file, text);
    git('add', '-A');
    git('commit', '-q', '-m', message);
  }
  function newRepo(first?: Record<string, string>) {
    repo = mkdtempSync(path.join(os.tmpdir(), 'schema-breaking-'));
    git('init', '-q');
    git('config', 'user.email', 'ci@hotel.test');
    git('config', 'user.name', 'CI');
    git('config', 'commit.gpgsign', 'false');
    if (first) commit(first, 'first');
  }
  /** The check as CI runs it, in the scratch repository (a subfolder, to show it finds the root). */
  async function check(env: Record<string, string> = {}) {
    const { SCHEMA_BASE: _, ...inherited } = process.env;
    mkdirSync(path.join(repo, 'schema'), { recursive: true });
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['-r', path.join(ROOT, 'scripts/register-ts.cjs'), path.join(ROOT, 'scripts/schema-breaking.ts')],
        {
          cwd: path.join(repo, 'schema'),
          env: { ...inherited, ...env },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }
  const CHANGELOG = '# Schema changelog\n\n## Unreleased\n';

  it('removing a field fails, naming it', async () => {
    newRepo({ 'schema/schema.graphql': BASE_SDL, 'schema/CHANGELOG.md': CHANGELOG });
    commit({ 'schema/schema.graphql': edited(['note: String status', 'status']) }, 'drop Booking.note');
    const { code, stderr } = await check();
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'breaking: Booking.note was removed. Explain it in schema/CHANGELOG.md: "- **Breaking** `Booking.note`: <why>". It was never deprecated: the policy is to deprecate it for a release first.',
    ]);
  });

  it('the same removal passes with a CHANGELOG entry giving a reason, committed or still in the working tree', async () => {
    newRepo({ 'schema/schema.graphql': BASE_SDL, 'schema/CHANGELOG.md': CHANGELOG });
    const entry = '- **Breaking** `Booking.note`: notes moved to comments; select `Booking.comments`.\n';
    commit({ 'schema/schema.graphql': edited(['note: String status', 'status']), 'schema/CHANGELOG.md': CHANGELOG + entry }, 'drop Booking.note');
    const committed = await check();
    expect(committed).toMatchObject({ code: 0, stderr: '' });
    expect(committed.stdout).toContain('breaking, explained in schema/CHANGELOG.md: Booking.note was removed.');

    // Before the commit: the entry written but not yet committed counts too.
    git('reset', '-q', '--soft', 'HEAD~1');
    git('reset', '-q');
    expect((await check({ SCHEMA_BASE: 'HEAD' })).code).toBe(0);
    write('schema/CHANGELOG.md', CHANGELOG);
    expect((await check({ SCHEMA_BASE: 'HEAD' })).code).toBe(1);
  });

  it('a CHANGELOG new since the base counts whole, but not the example in its code fence', async () => {
    newRepo({ 'schema/schema.graphql': BASE_SDL });
    const changelog = `${CHANGELOG}\n\`\`\`markdown\n- **Breaking** \`Booking.note\`: an example\n\`\`\`\n`;
    commit({ 'schema/schema.graphql': edited(['note: String status', 'status']), 'schema/CHANGELOG.md': changelog }, 'drop Booking.note');
    expect((await check()).code).toBe(1);
    commit({ 'schema/CHANGELOG.md': `${changelog}- **Breaking** \`Booking.note\`: notes moved to comments\n` }, 'explain');
    expect((await check({ SCHEMA_BASE: 'HEAD~2' })).code).toBe(0);
  });

  it('an entry made before the base commit does not explain a later removal', async () => {
    newRepo({ 'schema/schema.graphql': BASE_SDL, 'schema/CHANGELOG.md': `${CHANGELOG}- **Breaking** \`Booking.note\`: an old reason\n` });
    commit({ 'schema/schema.graphql': edited(['note: String status', 'status']) }, 'drop Booking.note');
    const { code, stderr } = await check();
    expect(code).toBe(1);
    expect(stderr).toContain('breaking: Booking.note was removed.');
  });

  it('adding a field passes; a new enum value passes with a warning', async () => {
    newRepo({ 'schema/schema.graphql': BASE_SDL });
    commit(
      { 'schema/schema.graphql': edited(['number: String!', 'number: String! floor: Int'], ['CONFIRMED CANCELLED', 'CONFIRMED CANCELLED NO_SHOW']) },
      'add',
    );
    const { code, stdout, stderr } = await check();
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.trim().split('\n')).toEqual([
      'warning: NO_SHOW was added to enum type Status. (Status.NO_SHOW)',
      'schema/schema.graphql: no breaking change since HEAD~1 that schema/CHANGELOG.md does not explain',
    ]);
  });

  it('deprecating a field passes', async () => {
    newRepo({ 'schema/schema.graphql': BASE_SDL });
    commit({ 'schema/schema.graphql': edited(['note: String status', 'note: String @deprecated(reason: "Use comments.") status']) }, 'deprecate');
    expect(await check()).toEqual({
      code: 0,
      stderr: '',
      stdout: 'schema/schema.graphql: no breaking change since HEAD~1 that schema/CHANGELOG.md does not explain\n',
    });
  });

  it('passes, saying why, with no previous commit or no schema in it; refuses a SCHEMA_BASE that is no commit', async () => {
    newRepo({ 'schema/schema.graphql': BASE_SDL });
    expect(await check()).toMatchObject({
      code: 0,
      stdout: 'HEAD~1 is not in this clone (a first commit, or a shallow clone: fetch with --depth=2): no previous schema to compare with; passing\n',
    });
    rmSync(repo, { recursive: true, force: true });

    newRepo({ 'README.md': 'hotel\n' });
    commit({ 'schema/schema.graphql': BASE_SDL }, 'schema');
    expect(await check()).toMatchObject({ code: 0, stdout: 'HEAD~1 has no schema/schema.graphql: no previous schema to compare with; passing\n' });
    expect(await check({ SCHEMA_BASE: 'no-such-branch' })).toMatchObject({
      code: 1,
      stderr: 'schema:breaking failed: SCHEMA_BASE=no-such-branch is not a commit of this repository\n',
    });
  });
});
