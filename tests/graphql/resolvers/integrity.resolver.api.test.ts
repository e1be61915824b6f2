import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReplica, oneOfEverything } from '../../support/integrity-fixtures';
import { mutationDocument } from '../../support/mutations';
import { useTestApi } from '../../support/test-api';

let sql: pg.Client;
let ids: Record<string, number>;
const t = useTestApi();
beforeAll(async () => {
  sql = new pg.Client({ connectionString: t.database.url });
  await sql.connect();
  ids = await oneOfEverything(sql);
});
afterAll(async () => {
  await sql.end();
});

const REPORT = `query ($checks: [String!], $sampleLimit: Int) { integrityReport(checks: $checks, sampleLimit: $sampleLimit) {
  ok generatedAt durationMs checks { name kind severity passed violationCount sampleIds description suggestedFix durationMs error } } }`;
const REPAIR = mutationDocument('repairIntegrity', {
  members: `... on RepairIntegritySuccess { check dryRun actions { kind table column constraint count description } auditEntry { action entity entityId reason details } }
  ... on ClassifiedError { code message }
  ... on BusinessRuleError { rule }
  ... on NotFoundError { entity id }
  ... on ValidationError { fieldErrors { path message } }`,
});

const report = (variables: Record<string, unknown> = {}, token: string | null = t.tokens.admin) =>
  t.graphql(REPORT, variables, { token, constraintNames: true });
const repair = (input: Record<string, unknown>, token = t.tokens.admin) => t.graphql(REPAIR, { input }, { token, constraintNames: true });

describe('integrityReport over GraphQL', () => {
  it('answers an ADMIN with every check of a sound hotel passing', async () => {
    const { data, errors } = await report();
    expect(errors).toBeUndefined();
    expect(data?.integrityReport).toMatchObject({ ok: true, generatedAt: expect.any(String), durationMs: expect.any(Number) });
    expect(data?.integrityReport.checks.find((check: { name: string }) => check.name === 'orphan:payments.booking_id')).toEqual({
      name: 'orphan:payments.booking_id',
      kind: 'ORPHAN',
      severity: 'HIGH',
      passed: true,
      violationCount: 0,
      sampleIds: [],
      description: 'Rows of payments whose booking_id points at a bookings row that does not exist (ON DELETE CASCADE). Ids are payments.',
      suggestedFix: null,
      durationMs: expect.any(Number),
      error: null,
    });
  });

  it('is for ADMIN only, as is repairIntegrity', async () => {
    for (const token of [t.tokens.staff, t.tokens.partner]) {
      const read = await report({ checks: ['rule:'] }, token);
      expect(read.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      const write = await repair({ check: 'orphan:payments.booking_id' }, token);
      expect(write.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await report({}, null)).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses unknown check names and a sampleLimit above 100 as bad input, saying what is allowed', async () => {
    const unknown = await report({ checks: ['orphans'] });
    expect(unknown.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Unknown integrity check "orphans"\. Name a check, or select by a prefix ending in ':' or '\.' \(orphan:, fk_rule:, /),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await report({ sampleLimit: 101 })).errors?.[0]).toMatchObject({
      message: 'sampleLimit must be between 0 and 100, got 101',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('repairIntegrity over GraphQL', () => {
  it('is a dry run unless told otherwise; a real one returns its audit entry', async () => {
    await asReplica(sql, () => sql.query(`update folio_items set posted_by_id = 2000000000 where id = $1`, [ids.folio_items]));
    const action = { kind: 'SET_NULL', table: 'folio_items', column: 'posted_by_id', constraint: null, count: 1, description: expect.any(String) };
    const preview = await repair({ check: 'orphan:folio_items.posted_by_id' });
    expect(preview.data?.repairIntegrity).toEqual({
      __typename: 'RepairIntegritySuccess',
      check: 'orphan:folio_items.posted_by_id',
      dryRun: true,
      actions: [action],
      auditEntry: null,
    });
    const done = await repair({ check: 'orphan:folio_items.posted_by_id', dryRun: false, reason: 'Import of 2019' });
    expect(done.data?.repairIntegrity).toMatchObject({
      dryRun: false,
      actions: [action],
      auditEntry: {
        action: 'REPAIR',
        entity: 'INTEGRITY',
        entityId: 'orphan:folio_items.posted_by_id',
        reason: 'Import of 2019',
        details: { check: 'orphan:folio_items.posted_by_id', kind: 'ORPHAN' },
      },
    });
    const after = await report({ checks: ['orphan:folio_items.posted_by_id'] });
    expect(after.data?.integrityReport.ok).toBe(true);
  });

  it('answers a RESTRICT orphan with BusinessRuleError, an unknown check with NotFoundError, a blank one with ValidationError', async () => {
    await asReplica(sql, () => sql.query(`update rooms set room_type_id = 2000000000 where id = $1`, [ids.rooms]));
    try {
      expect((await repair({ check: 'orphan:rooms.room_type_id', dryRun: false })).data?.repairIntegrity).toMatchObject({
        __typename: 'BusinessRuleError',
        code: 'BUSINESS_RULE_VIOLATION',
        rule: 'orphan_not_repairable',
        message: expect.stringContaining('re-create the missing room_types rows'),
      });
    } finally {
      await asReplica(sql, () => sql.query(`update rooms set room_type_id = $1 where id = $2`, [ids.room_types, ids.rooms]));
    }
    expect((await repair({ check: 'orphan:rooms.nothing' })).data?.repairIntegrity).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      entity: 'IntegrityCheck',
      id: 'orphan:rooms.nothing',
    });
    expect((await repair({ check: '  ' })).data?.repairIntegrity).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['input', 'check'], message: 'Must not be blank.' }],
    });
  });
});
