import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { verifyPassword } from '../../src/auth/passwords';
import { ApiToken } from '../../src/entities/api-token.entity';
import { Role } from '../../src/entities/role';
import { User } from '../../src/entities/user.entity';
import { fixtures } from '../support/fixtures';
import { answer, mutate, mutationDocument, rowCounts, whileWritesTo } from '../support/mutations';
import { startTestApi, type TestApi } from '../support/test-api';

let t: TestApi;
let f: ReturnType<typeof fixtures>;

beforeAll(async () => {
  t = await startTestApi();
});
afterAll(() => t.close());
beforeEach(() => {
  f = fixtures(t.em());
});

const USER = 'user { id email name role active }';
const TOKEN = 'token { id name role kind channel expiresAt revokedAt lastUsedAt }';
const createUser = (input: Record<string, unknown>, token?: string) => mutate(t, 'createUser', input, USER, token);
const createApiToken = (input: Record<string, unknown>) => mutate(t, 'createApiToken', input, `secret ${TOKEN}`);
const revokeApiToken = (input: Record<string, unknown>, token?: string) => mutate(t, 'revokeApiToken', input, TOKEN, token);

const me = (token: string) => t.graphql('{ me { role tokenName channel user { id } } }', {}, { token });
const UNAUTHENTICATED = {
  message: 'The bearer token is not valid, expired or revoked.',
  extensions: { code: 'UNAUTHENTICATED', category: 'AUTHENTICATION', severity: 'LOW', retryable: false },
};

let sequence = 0;
const address = () => `staff${++sequence}.${Date.now()}@hotel.test`;

describe('createUser', () => {
  it('creates a staff account with a lower-cased email and only a scrypt hash of the password', async () => {
    const email = address();
    const result = await createUser({ email: email.toUpperCase(), name: ' Night Manager ', role: 'STAFF', password: 'correct horse battery' });
    expect(result).toEqual({ __typename: 'CreateUserSuccess', user: { id: expect.any(String), email, name: 'Night Manager', role: 'STAFF', active: true } });

    const [row] = await t.orm.em.getConnection().execute('select * from users where id = ?', [Number(result.user.id)]);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(row)).not.toContain('correct horse battery');
    expect(await verifyPassword('correct horse battery', row.password_hash)).toBe(true);
  });

  it('answers an email already in use (in any case) with ValidationError at input.email and writes nothing', async () => {
    const existing = await f.user();
    const before = await rowCounts(t, ['users']);
    expect(await createUser({ email: existing.email.toUpperCase(), name: 'Clone', role: 'ADMIN', password: 'long enough password' })).toEqual(
      answer.validation([{ path: ['input', 'email'], message: 'This email address is already in use.' }]),
    );
    expect(await rowCounts(t, ['users'])).toEqual(before);
  });

  it('reports every invalid field at once', async () => {
    const before = await rowCounts(t, ['users']);
    expect(await createUser({ email: 'nobody', name: '', role: 'STAFF', password: 'short' })).toEqual(
      answer.validation([
        { path: ['input', 'email'], message: 'Not a valid email address.' },
        { path: ['input', 'name'], message: 'Must not be blank.' },
        { path: ['input', 'password'], message: 'Must be 12 to 200 characters long.' },
      ]),
    );
    expect(await createUser({ email: address(), name: 'Long', role: 'STAFF', password: 'p'.repeat(201) })).toEqual(
      answer.validation([{ path: ['input', 'password'], message: 'Must be 12 to 200 characters long.' }]),
    );
    expect(await rowCounts(t, ['users'])).toEqual(before);
  });

  it('is refused to STAFF with FORBIDDEN', async () => {
    const { data, errors } = await t.graphql(
      mutationDocument('createUser', { members: '' }),
      {
        input: { email: address(), name: 'Sneaky', role: 'ADMIN', password: 'long enough password' },
      },
      { token: t.tokens.staff },
    );
    expect(data).toBeNull();
    expect(errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
  });
});

describe('createApiToken', () => {
  it('returns a secret that works as a bearer token; only its SHA-256 digest is stored and no field shows it again', async () => {
    const result = await createApiToken({ name: 'Front desk tablet', role: 'STAFF' });
    expect(result).toEqual({
      __typename: 'CreateApiTokenSuccess',
      secret: expect.stringMatching(/^hotel_[A-Za-z0-9_-]{43}$/),
      token: {
        id: expect.any(String),
        name: 'Front desk tablet',
        role: 'STAFF',
        kind: 'API',
        channel: null,
        expiresAt: null,
        revokedAt: null,
        lastUsedAt: null,
      },
    });
    const { secret } = result;

    expect((await me(secret)).data?.me).toEqual({ role: 'STAFF', tokenName: 'Front desk tablet', channel: null, user: null });

    const [row] = await t.orm.em.getConnection().execute('select * from api_tokens where id = ?', [Number(result.token.id)]);
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    const { data } = await t.graphql('{ __type(name: "ApiToken") { fields { name } } }');
    expect(data?.__type.fields.map((field: { name: string }) => field.name).filter((name: string) => /secret|hash/i.test(name))).toEqual([]);
  });

  it('issues a PARTNER token writing as its channel, and a token acting for a staff user until it expires', async () => {
    const partner = await createApiToken({ name: 'Channel manager', role: 'PARTNER', channel: 'booking.example-1' });
    expect(partner.token).toMatchObject({ role: 'PARTNER', channel: 'booking.example-1' });
    expect((await me(partner.secret)).data?.me).toEqual({ role: 'PARTNER', tokenName: 'Channel manager', channel: 'booking.example-1', user: null });

    const user = await f.user();
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const personal = await createApiToken({ name: 'Personal', role: 'STAFF', userId: String(user.id), expiresAt });
    expect(personal.token).toMatchObject({ role: 'STAFF', expiresAt });
    expect((await me(personal.secret)).data?.me).toEqual({ role: 'STAFF', tokenName: 'Personal', channel: null, user: { id: String(user.id) } });
    expect((await t.em().findOneOrFail(ApiToken, Number(personal.token.id), { populate: ['user'] })).user?.id).toBe(user.id);
  });

  it('reports every invalid field at once', async () => {
    const before = await rowCounts(t, ['api_tokens']);
    expect(await createApiToken({ name: ' ', role: 'PARTNER', userId: 'me', expiresAt: new Date(Date.now() - 1000).toISOString() })).toEqual(
      answer.validation([
        { path: ['input', 'name'], message: 'Must not be blank.' },
        { path: ['input', 'channel'], message: 'A PARTNER token needs the booking channel it writes as.' },
        { path: ['input', 'expiresAt'], message: 'Must be in the future.' },
        { path: ['input', 'userId'], message: 'Not a valid id.' },
      ]),
    );
    expect(await createApiToken({ name: 'Mixed', role: 'STAFF', channel: 'partner-c' })).toEqual(
      answer.validation([{ path: ['input', 'channel'], message: 'Only PARTNER tokens have a channel.' }]),
    );
    expect(await createApiToken({ name: 'Shouty', role: 'PARTNER', channel: 'Partner C' })).toEqual(
      answer.validation([{ path: ['input', 'channel'], message: 'Lower-case letters, digits, dots, dashes and underscores only.' }]),
    );
    expect(await rowCounts(t, ['api_tokens'])).toEqual(before);
  });

  it('answers NotFoundError for an unknown staff user', async () => {
    const before = await rowCounts(t, ['api_tokens']);
    expect(await createApiToken({ name: 'Ghost', role: 'STAFF', userId: '999999' })).toEqual(answer.notFound('User', 999999, 'No user with id 999999.'));
    expect(await rowCounts(t, ['api_tokens'])).toEqual(before);
  });
});

describe('revokeApiToken', () => {
  it('lets an ADMIN revoke any token: the secret then gets UNAUTHENTICATED, and revoking again changes nothing', async () => {
    const issued = await createApiToken({ name: 'Old integration', role: 'PARTNER', channel: 'old-partner' });
    expect((await me(issued.secret)).data?.me.role).toBe('PARTNER');

    const revoked = await revokeApiToken({ id: issued.token.id });
    // lastUsedAt is recorded in the background and may or may not have landed yet.
    const { lastUsedAt: _, ...stable } = issued.token;
    expect(revoked).toMatchObject({ __typename: 'RevokeApiTokenSuccess', token: { ...stable, revokedAt: expect.any(String) } });
    expect((await me(issued.secret)).errors?.[0]).toMatchObject(UNAUTHENTICATED);

    const again = await revokeApiToken({ id: issued.token.id });
    expect(again.token.revokedAt).toBe(revoked.token.revokedAt);
    expect((await t.em().findOneOrFail(ApiToken, Number(issued.token.id))).revokedAt?.toISOString()).toBe(revoked.token.revokedAt);
  });

  it('lets STAFF revoke its own token (logging out), after which that token gets UNAUTHENTICATED', async () => {
    const own = await createApiToken({ name: 'Shift tablet', role: 'STAFF' });
    expect((await revokeApiToken({ id: own.token.id }, own.secret)).token).toMatchObject({ id: own.token.id, revokedAt: expect.any(String) });
    const after = await t.graphql(mutationDocument('revokeApiToken', { members: '' }), { input: { id: own.token.id } }, { token: own.secret });
    expect(after.data).toBeNull();
    expect(after.errors?.[0]).toMatchObject(UNAUTHENTICATED);
  });

  it('lets a staff user revoke the other tokens acting for them', async () => {
    const user = await f.user();
    const em = t.em();
    const session = issueToken(em, { name: 'phone', role: Role.STAFF, userId: user.id });
    const laptop = issueToken(em, { name: 'laptop', role: Role.STAFF, userId: user.id });
    await em.flush();
    expect((await revokeApiToken({ id: String(laptop.token.id) }, session.secret)).token).toMatchObject({ name: 'laptop', revokedAt: expect.any(String) });
    expect((await me(laptop.secret)).errors?.[0]).toMatchObject(UNAUTHENTICATED);
    expect((await me(session.secret)).data?.me.tokenName).toBe('phone');
  });

  it('answers NotFoundError when STAFF or a PARTNER names a token not its own, and leaves it working', async () => {
    const other = await createApiToken({ name: 'Someone else', role: 'STAFF' });
    for (const token of [t.tokens.staff, t.tokens.partner]) {
      expect(await revokeApiToken({ id: other.token.id }, token)).toEqual(
        answer.notFound('ApiToken', other.token.id, `No api token with id ${other.token.id}.`),
      );
    }
    expect((await t.em().findOneOrFail(ApiToken, Number(other.token.id))).revokedAt).toBeNull();
    expect((await me(other.secret)).data?.me.tokenName).toBe('Someone else');
  });

  it('answers NotFoundError for an unknown id and ValidationError for a malformed one', async () => {
    const revokedBefore = await t.em().count(ApiToken, { revokedAt: { $ne: null } });
    expect(await revokeApiToken({ id: '999999' })).toEqual(answer.notFound('ApiToken', 999999, 'No api token with id 999999.'));
    expect(await revokeApiToken({ id: '1.5' })).toEqual(answer.validation([{ path: ['input', 'id'], message: 'Not a valid id.' }]));
    expect(await t.em().count(ApiToken, { revokedAt: { $ne: null } })).toBe(revokedBefore);
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError and leaves nothing behind', async () => {
    const issued = await createApiToken({ name: 'Survivor', role: 'STAFF' });
    const before = await rowCounts(t, ['users', 'api_tokens']);
    expect(await whileWritesTo(t, 'users', () => createUser({ email: address(), name: 'Busy', role: 'STAFF', password: 'long enough password' }))).toEqual(
      answer.serviceUnavailable(),
    );
    expect(
      await whileWritesTo(t, 'api_tokens', async () => [await createApiToken({ name: 'Busy', role: 'STAFF' }), await revokeApiToken({ id: issued.token.id })]),
    ).toEqual([answer.serviceUnavailable(), answer.serviceUnavailable()]);
    expect(await rowCounts(t, ['users', 'api_tokens'])).toEqual(before);
    expect((await t.em().findOneOrFail(ApiToken, Number(issued.token.id))).revokedAt).toBeNull();
    expect(await t.em().count(User, { name: 'Busy' })).toBe(0);
  });
});
