import { describe, expect, it } from 'vitest';
import { ensureBootstrapAdminToken, hashSecret, issueToken } from '../../src/auth/api-tokens';
import { addDays, today } from '../../src/dates';
import { ApiToken } from '../../src/entities/api-token.entity';
import { Role } from '../../src/entities/role';
import { useTestApi } from '../support/test-api';

const t = useTestApi();

const codeOf = (response: { errors?: { extensions: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions.code;

describe('bearer tokens', () => {
  it('identify the caller', async () => {
    const { data } = await t.graphql('{ me { role tokenName channel } }', {}, { token: t.tokens.partner });
    expect(data?.me).toEqual({ role: 'PARTNER', tokenName: 'test partner', channel: 'partner-a' });
  });

  it('are stored only as a SHA-256 digest', async () => {
    const rows = await t.orm.em.getConnection().execute<{ secret_hash: string }[]>('select secret_hash from api_tokens');
    expect(rows.map((r) => r.secret_hash)).toContain(hashSecret(t.tokens.admin));
    expect(JSON.stringify(rows)).not.toContain(t.tokens.admin);
  });

  it('answer UNAUTHENTICATED without a token, with an unknown one, or with a malformed header', async () => {
    expect(codeOf(await t.graphql('{ me { role } }', {}, { token: null }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.graphql('{ me { role } }', {}, { token: 'hotel_not-a-real-token' }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.graphql('{ me { role } }', {}, { token: null, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }))).toBe('UNAUTHENTICATED');
    const bad = await t.graphql('{ me { role } }', {}, { token: 'hotel_not-a-real-token' });
    expect(bad.errors?.[0]).toMatchObject({
      message: 'The bearer token is not valid, expired or revoked.',
      extensions: { category: 'AUTHENTICATION', retryable: false },
    });
  });

  it('stop working once revoked or expired', async () => {
    const em = t.em();
    const revoked = issueToken(em, { name: 'revoked', role: Role.ADMIN });
    const expired = issueToken(em, { name: 'expired', role: Role.ADMIN, expiresAt: new Date(Date.now() - 1000) });
    revoked.token.revokedAt = new Date();
    await em.flush();
    expect(codeOf(await t.graphql('{ me { role } }', {}, { token: revoked.secret }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.graphql('{ me { role } }', {}, { token: expired.secret }))).toBe('UNAUTHENTICATED');
  });

  it('record when they were last used', async () => {
    const em = t.em();
    const fresh = issueToken(em, { name: 'fresh', role: Role.STAFF });
    await em.flush();
    expect(fresh.token.lastUsedAt ?? null).toBeNull();
    await t.graphql('{ me { role } }', {}, { token: fresh.secret });
    await expect.poll(async () => (await t.em().findOneOrFail(ApiToken, fresh.token.id)).lastUsedAt, { timeout: 2000 }).toBeInstanceOf(Date);
  });
});

describe('the bootstrap admin token', () => {
  it('is made once when processes start together, and restored to a working ADMIN token when revoked or demoted', async () => {
    const secret = 'bootstrap-token-started-twice-0123456789';
    await Promise.all([ensureBootstrapAdminToken(t.em(), secret), ensureBootstrapAdminToken(t.em(), secret)]);
    const rows = () => t.database.rows('select name, role, kind, revoked_at, expires_at from api_tokens where secret_hash = $1', [hashSecret(secret)]);
    expect(await rows()).toEqual([{ name: 'bootstrap admin', role: 'ADMIN', kind: 'API', revoked_at: null, expires_at: null }]);
    await t.database.sql.query(`update api_tokens set role = 'STAFF', revoked_at = now(), expires_at = now() where secret_hash = $1`, [hashSecret(secret)]);
    expect(codeOf(await t.graphql('{ me { role } }', {}, { token: secret }))).toBe('UNAUTHENTICATED');
    await ensureBootstrapAdminToken(t.em(), secret);
    expect(await rows()).toEqual([{ name: 'bootstrap admin', role: 'ADMIN', kind: 'API', revoked_at: null, expires_at: null }]);
    expect((await t.graphql('{ me { role } }', {}, { token: secret })).data?.me.role).toBe('ADMIN');
  });
});

describe('reading by role', () => {
  it('lets ADMIN and STAFF read everything', async () => {
    for (const token of [t.tokens.admin, t.tokens.staff]) {
      const { errors } = await t.graphql('{ rooms { totalCount } customers { totalCount } bookings { totalCount } }', {}, { token });
      expect(errors).toBeUndefined();
    }
  });

  it('lets PARTNER read room types, rooms, availability, and bookings and customers (of its own channel, see partner-access)', async () => {
    const allowed = await t.graphql(
      `{ roomTypes { totalCount } rooms { totalCount } availableRooms(checkIn: "${addDays(today(), 300)}", checkOut: "${addDays(today(), 301)}") { id } bookings { totalCount } customers { totalCount } }`,
      {},
      { token: t.tokens.partner },
    );
    expect(allowed.errors).toBeUndefined();
    for (const query of ['{ housekeepingTasks { totalCount } }', '{ errorStats { code } }', '{ deleteImpact(entity: BOOKING, id: "1") { allowed } }']) {
      const denied = await t.graphql(query, {}, { token: t.tokens.partner });
      expect(denied.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', category: 'AUTHORIZATION' });
    }
  });
});
