import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../../src/auth/api-tokens';
import { fixtures } from '../../support/fixtures';
import { mutate } from '../../support/mutations';
import { useTestApi } from '../../support/test-api';

/** The token list an administrator reads: what each credential is and when it was used, never a secret. */

const t = useTestApi();

const TOKENS = `query ($first: Int, $after: String) { apiTokens(first: $first, after: $after) {
  totalCount nodes { id name role kind channel createdAt lastUsedAt expiresAt revokedAt user { id name } } pageInfo { hasNextPage endCursor } } }`;
const tokens = async (variables: Record<string, unknown> = {}) => {
  const response = await t.graphql(TOKENS, variables);
  expect(response.errors).toBeUndefined();
  return response;
};
const created = (input: Record<string, unknown>) => mutate(t, 'createApiToken', input, 'secret token { id }');

describe('apiTokens', () => {
  it('lists every token newest first, with what it is, for whom, and when it was used, revoked or expires', async () => {
    const user = await fixtures(t.em()).user({ name: 'Token Owner' });
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const personal = await created({ name: 'Personal laptop', role: 'STAFF', userId: String(user.id), expiresAt });
    const partner = await created({ name: 'Channel manager', role: 'PARTNER', channel: 'chan-x' });
    await mutate(t, 'revokeApiToken', { id: partner.token.id }, 'token { id }');

    const { data } = await tokens({ first: 3 });
    expect(data?.apiTokens.totalCount).toBe(6);
    expect(data?.apiTokens.nodes.slice(0, 2)).toEqual([
      {
        id: partner.token.id,
        name: 'Channel manager',
        role: 'PARTNER',
        kind: 'API',
        channel: 'chan-x',
        createdAt: expect.any(String),
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: expect.any(String),
        user: null,
      },
      {
        id: personal.token.id,
        name: 'Personal laptop',
        role: 'STAFF',
        kind: 'API',
        channel: null,
        createdAt: expect.any(String),
        lastUsedAt: null,
        expiresAt,
        revokedAt: null,
        user: { id: String(user.id), name: 'Token Owner' },
      },
    ]);
    // The test server's four tokens come after, the admin's own (used by every request here) among them.
    expect(data?.apiTokens.nodes[2]).toMatchObject({ name: 'other partner', channel: 'partner-b' });
  });

  it('pages newest first without gaps or repeats', async () => {
    const all = (await tokens({ first: 100 })).data?.apiTokens.nodes.map((node: { id: string }) => node.id);
    expect(all.map(Number)).toEqual([...all.map(Number)].sort((a, b) => b - a));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await tokens({ first: 4, after })).data?.apiTokens;
      seen.push(...page.nodes.map((node) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);
  });

  it('never shows a secret or its digest: no field names one, and no answer holds one', async () => {
    const { secret } = await created({ name: 'Secretive', role: 'STAFF' });
    const { data } = await t.graphql('{ __type(name: "ApiToken") { fields { name } } }');
    expect(data?.__type.fields.map((field: { name: string }) => field.name).sort()).toEqual(
      ['channel', 'costBudget', 'createdAt', 'expiresAt', 'id', 'kind', 'lastUsedAt', 'name', 'revokedAt', 'role', 'user'].sort(),
    );
    const rows = await t.database.rows<{ secret_hash: string }>('select secret_hash from api_tokens');
    const { body } = await tokens({ first: 100 });
    for (const leaked of [secret, t.tokens.admin, t.tokens.staff, ...rows.map((row) => row.secret_hash)]) expect(body).not.toContain(leaked);
    expect(rows.map((row) => row.secret_hash)).toContain(hashSecret(secret));
  });

  it('shows when a token was last used, stamped at most once a minute however often it is used', async () => {
    const { secret, token } = await created({ name: 'Busy tablet', role: 'STAFF' });
    await t.graphql('{ me { role } }', {}, { token: secret });
    const lastUsed = async () => (await tokens({ first: 100 })).data?.apiTokens.nodes.find((node: { id: string }) => node.id === token.id).lastUsedAt;
    await expect.poll(lastUsed, { timeout: 2000 }).toEqual(expect.any(String));
    const first = await lastUsed();
    for (let i = 0; i < 5; i++) await t.graphql('{ me { role } }', {}, { token: secret });
    await t.database.sql.query('select pg_sleep(0.1)');
    expect(await lastUsed()).toBe(first);
    // A stamp older than the minute is refreshed on the next use.
    await t.database.sql.query(`update api_tokens set last_used_at = now() - interval '2 minutes' where id = $1`, [Number(token.id)]);
    t.api.callers.forgetAll();
    await t.graphql('{ me { role } }', {}, { token: secret });
    await expect.poll(async () => new Date(await lastUsed()).getTime(), { timeout: 2000 }).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is FORBIDDEN to STAFF and partners', async () => {
    for (const token of [t.tokens.staff, t.tokens.partner]) {
      const response = await t.graphql('{ apiTokens { totalCount } }', {}, { token });
      expect(response.data).toBeNull();
      expect(response.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
    }
  });
});
