import { describe, expect, it } from 'vitest';
import { mutationDocument } from '../support/mutations';
import { startTestApi, useTestApi } from '../support/test-api';

const t = useTestApi({ config: { nodeEnv: 'production' } });

/** Breaks the schema under the running server, so the next use of room types fails unexpectedly. */
async function whileRoomTypesBroken(work: () => Promise<void>) {
  await t.em().execute('alter table room_types rename column name to name_moved');
  try {
    await work();
  } finally {
    await t.em().execute('alter table room_types rename column name_moved to name');
  }
}

describe('the top-level error formatter', () => {
  it('masks an unexpected failure of a query: generic message, INTERNAL_SERVER_ERROR, an errorId that finds the full story in the log', async () => {
    await whileRoomTypesBroken(async () => {
      const { errors, body } = await t.graphql('{ roomTypes { nodes { name } } }');
      expect(errors).toHaveLength(1);
      expect(errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', category: 'SYSTEM', severity: 'CRITICAL', retryable: false },
      });
      expect(Object.keys(errors![0].extensions).sort()).toEqual(['category', 'code', 'errorId', 'retryable', 'severity']);
      expect(body).not.toContain('name_moved');
      expect(body).not.toContain('room_types');
      const logged = t.logLines.find((line) => line.errorId === errors?.[0].extensions.errorId);
      expect(logged).toMatchObject({ level: 'error', code: 'INTERNAL_SERVER_ERROR', operation: 'query:roomTypes' });
      expect(JSON.stringify(logged)).toContain('room_types');
    });
  });

  it('masks an unexpected failure of a mutation as a top-level error, not a union member', async () => {
    await whileRoomTypesBroken(async () => {
      const { data, errors } = await t.graphql(mutationDocument('createRoomType', { members: '' }), {
        input: { name: 'Loft', capacity: 2, baseRate: '90.00' },
      });
      expect(data).toBeNull();
      expect(errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    });
  });

  it('keeps the message of an error about the request document, classified as VALIDATION', async () => {
    const { errors } = await t.graphql('{ roomTypes { nodes { nme } } }');
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', category: 'VALIDATION', severity: 'LOW', retryable: false } });
    expect(errors?.[0].message).toContain('Cannot query field "nme"');
    expect(errors?.[0].extensions.errorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets classified errors through with their own code and safe message', async () => {
    const { errors } = await t.graphql('{ me { role } }', {}, { token: null });
    expect(errors?.[0]).toMatchObject({ message: 'A valid bearer token is required.', extensions: { code: 'UNAUTHENTICATED', category: 'AUTHENTICATION' } });
  });

  it('adds the original message only when HOTEL_DEBUG_ERRORS is on', async () => {
    const debug = await startTestApi({ config: { exposeErrorDetails: true } });
    try {
      await debug.em().execute('alter table room_types rename column name to name_moved');
      const response = await fetch(debug.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${debug.tokens.admin}` },
        body: JSON.stringify({ query: '{ roomTypes { nodes { name } } }' }),
      });
      const body = (await response.json()) as any;
      expect(body.errors[0].message).toBe('Internal server error');
      expect(body.errors[0].extensions.debug.message).toContain('name');
    } finally {
      await debug.close();
    }
  });
});

describe('errorStats', () => {
  it('tells an ADMIN how often each kind of error was answered, and nobody else', async () => {
    await t.graphql('{ bookings(first: 500) { totalCount } }');
    const { data } = await t.graphql('{ errorStats { category code constraint countInWindow total windowSeconds } }');
    expect(data?.errorStats).toContainEqual({
      category: 'VALIDATION',
      code: 'BAD_USER_INPUT',
      constraint: null,
      countInWindow: expect.any(Number),
      total: expect.any(Number),
      windowSeconds: 60,
    });
    const denied = await t.graphql('{ errorStats { code } }', {}, { token: t.tokens.staff });
    expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
