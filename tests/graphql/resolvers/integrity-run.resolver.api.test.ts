import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../../support/test-api';

let guestId: number;
const t = useTestApi();
beforeAll(async () => {
  [{ id: guestId }] = await t.database.rows<{ id: number }>(
    `insert into customers (first_name, last_name, email) values ('Di', 'History', 'di@history.test') returning id`,
  );
});

const REPORT = `query ($checks: [String!]) { integrityReport(checks: $checks) { runId ok checks { name passed newlyFailing violationCount } } }`;
const RUNS = `query ($first: Int, $after: String, $last: Int) { integrityRuns(first: $first, after: $after, last: $last) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id trigger mode outcome requestedBy requestedByTokenId requestedByUserId selection checksRun checksFailed checksNewlyFailing error
    startedAt finishedAt durationMs } } }`;
const RUN = `query ($id: ID!, $failingOnly: Boolean) { integrityRun(id: $id) { id outcome checks(failingOnly: $failingOnly) { name kind severity passed violationCount sampleIds newlyFailing error } } }`;

const loyalty = (points: number) => t.database.sql.query('update customers set loyalty_points = $1 where id = $2', [points, guestId]);
const report = async (checks = ['rule:loyalty_balance', 'rule:cancelled_without_time']) => {
  const { data, errors } = await t.graphql(REPORT, { checks });
  expect(errors).toBeUndefined();
  return data!.integrityReport;
};

describe('integrityReport keeps its runs', () => {
  it('answers the stored run’s id, and which checks are newly failing', async () => {
    const first = await report();
    expect(first.ok).toBe(true);
    await loyalty(6);
    const failing = await report();
    const again = await report();
    await loyalty(0);
    expect([first.runId, failing.runId, again.runId].map(Number)).toEqual([Number(first.runId), Number(first.runId) + 1, Number(first.runId) + 2]);
    expect(failing.checks).toEqual([
      { name: 'rule:cancelled_without_time', passed: true, newlyFailing: false, violationCount: 0 },
      { name: 'rule:loyalty_balance', passed: false, newlyFailing: true, violationCount: 1 },
    ]);
    expect(again.checks.find((check: { name: string }) => check.name === 'rule:loyalty_balance')).toMatchObject({ passed: false, newlyFailing: false });
  });
});

describe('integrityRuns and integrityRun', () => {
  it('list the runs newest first, with who asked and how each ended, in pages of at most 100', async () => {
    const { data, errors } = await t.graphql(RUNS, { first: 2 });
    expect(errors).toBeUndefined();
    const page = data!.integrityRuns;
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const [admin] = await t.database.rows<{ id: number }>(`select id from api_tokens where name = 'test admin'`);
    expect(page.nodes.map((run: Record<string, unknown>) => ({ ...run, startedAt: undefined, finishedAt: undefined, durationMs: undefined }))).toEqual(
      [3, 2].map((n) => ({
        id: expect.any(String),
        trigger: 'API',
        mode: 'FULL',
        outcome: 'VIOLATIONS',
        requestedBy: `token:${admin.id} (test admin)`,
        requestedByTokenId: String(admin.id),
        requestedByUserId: null,
        selection: ['rule:loyalty_balance', 'rule:cancelled_without_time'],
        checksRun: 2,
        checksFailed: 1,
        checksNewlyFailing: n === 2 ? 1 : 0,
        error: null,
        startedAt: undefined,
        finishedAt: undefined,
        durationMs: undefined,
      })),
    );
    expect(Number(page.nodes[0].id)).toBeGreaterThan(Number(page.nodes[1].id));
    expect(Date.parse(page.nodes[0].finishedAt) - Date.parse(page.nodes[0].startedAt)).toBe(page.nodes[0].durationMs);
    const rest = await t.graphql(RUNS, { first: 2, after: page.pageInfo.endCursor });
    expect(rest.data!.integrityRuns.nodes.map((run: { outcome: string }) => run.outcome)).toEqual(['PASSED']);
    expect(rest.data!.integrityRuns.pageInfo.hasNextPage).toBe(false);
    const backward = await t.graphql(RUNS, { last: 1 });
    expect(backward.data!.integrityRuns.nodes.map((run: { outcome: string }) => run.outcome)).toEqual(['PASSED']);
    const tooMany = await t.graphql(RUNS, { first: 101 });
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'first must be between 1 and 100, got 101', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('show one run with each check’s stored result; null for an id there is none of', async () => {
    const [{ id }] = await t.database.rows<{ id: number }>(`select min(id) + 1 as id from integrity_runs`);
    const { data, errors } = await t.graphql(RUN, { id: String(id) });
    expect(errors).toBeUndefined();
    expect(data!.integrityRun).toEqual({
      id: String(id),
      outcome: 'VIOLATIONS',
      checks: [
        {
          name: 'rule:cancelled_without_time',
          kind: 'RULE',
          severity: 'LOW',
          passed: true,
          violationCount: 0,
          sampleIds: [],
          newlyFailing: false,
          error: null,
        },
        {
          name: 'rule:loyalty_balance',
          kind: 'RULE',
          severity: 'MEDIUM',
          passed: false,
          violationCount: 1,
          sampleIds: [String(guestId)],
          newlyFailing: true,
          error: null,
        },
      ],
    });
    const failingOnly = await t.graphql(RUN, { id: String(id), failingOnly: true });
    expect(failingOnly.data!.integrityRun.checks.map((check: { name: string }) => check.name)).toEqual(['rule:loyalty_balance']);
    for (const missing of ['999999', 'x', '0']) expect((await t.graphql(RUN, { id: missing })).data).toEqual({ integrityRun: null });
  });

  it('are for ADMIN only', async () => {
    for (const token of [t.tokens.staff, t.tokens.partner, null]) {
      const runs = await t.graphql(RUNS, { first: 1 }, { token });
      expect(runs.errors?.[0].extensions.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      const run = await t.graphql(RUN, { id: '1' }, { token });
      expect(run.errors?.[0].extensions.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    }
  });
});
