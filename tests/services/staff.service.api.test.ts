import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { verifyPassword } from '../../src/auth/passwords';
import { ApiToken } from '../../src/entities/api-token.entity';
import { Role } from '../../src/entities/role';
import { User } from '../../src/entities/user.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, mutationDocument, rowCounts, whileWritesTo } from '../support/mutations';
import { useTestApi } from '../support/test-api';

const t = useTestApi();
const f = useFixtures(t);

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

const PASSWORD = 'secret-password';
const ERRORS = '... on ClassifiedError { code message } ... on ValidationError { fieldErrors { path message } } ... on BusinessRuleError { rule }';
const updateUser = (input: Record<string, unknown>, token?: string) => mutate(t, 'updateUser', input, USER, token);
const deactivateUser = (input: Record<string, unknown>, token?: string) => mutate(t, 'deactivateUser', input, USER, token);
const reactivateUser = (input: Record<string, unknown>, token?: string) => mutate(t, 'reactivateUser', input, USER, token);
const changePassword = (input: Record<string, unknown>, token: string) =>
  t.graphql(mutationDocument('changePassword', { members: `... on ChangePasswordSuccess { sessionsRevoked user { id } } ${ERRORS}` }), { input }, { token });
const resetPassword = (input: Record<string, unknown>, token?: string) => mutate(t, 'resetPassword', input, `sessionsRevoked ${USER}`, token);

/** A session of `email`'s user, or the code of the refusal. */
const login = async (email: string, password: string): Promise<string> => {
  const document = mutationDocument('login', { members: '... on LoginSuccess { token } ... on ClassifiedError { code }' });
  const { data, errors } = await t.graphql(document, { email, password });
  return data?.login?.token ?? data?.login?.code ?? errors?.[0].extensions.code;
};
const roleOf = async (token: string) => {
  const response = await me(token);
  return response.data?.me.role ?? response.errors?.[0].extensions.code;
};

interface AuditRow {
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  reason: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
  details: Record<string, unknown>;
}
const auditOf = (entity: 'USER' | 'API_TOKEN', id: string | number) =>
  t.database.rows<AuditRow>(
    'select actor, action, entity, entity_id, reason, changes, details from audit_entries where entity = $1 and entity_id = $2 order by id',
    [entity, String(id)],
  );

/** An ADMIN account and a session of it, for what an administrator may not do to themselves. */
const adminSession = async () => {
  const admin = await f.user({ role: Role.ADMIN });
  return { admin, token: await login(admin.email, PASSWORD) };
};

describe('updateUser', () => {
  it("changes a user's name, email and role, records one audit entry of the fields that changed, and the role holds for their sessions at once", async () => {
    const user = await f.user();
    const session = await login(user.email, PASSWORD);
    expect(await roleOf(session)).toBe('STAFF');
    const email = address();
    expect(await updateUser({ userId: String(user.id), name: ' Head of Housekeeping ', email: email.toUpperCase(), role: 'ADMIN' })).toEqual({
      __typename: 'UpdateUserSuccess',
      user: { id: String(user.id), email, name: 'Head of Housekeeping', role: 'ADMIN', active: true },
    });
    expect(await roleOf(session)).toBe('ADMIN');
    expect(await auditOf('USER', user.id)).toEqual([
      {
        actor: expect.stringMatching(/^token:\d+ \(test admin\)$/),
        action: 'UPDATE_USER',
        entity: 'USER',
        entity_id: String(user.id),
        reason: null,
        changes: {
          name: { before: user.name, after: 'Head of Housekeeping' },
          email: { before: user.email, after: email },
          role: { before: 'STAFF', after: 'ADMIN' },
        },
        details: {},
      },
    ]);
    // Only what changed is recorded; a change to nothing records nothing.
    await updateUser({ userId: String(user.id), name: 'Head of Housekeeping', role: 'STAFF' });
    await updateUser({ userId: String(user.id), name: 'Head of Housekeeping' });
    expect((await auditOf('USER', user.id)).map((row) => row.changes)).toEqual([expect.any(Object), { role: { before: 'ADMIN', after: 'STAFF' } }]);
  });

  it('answers field errors, NOT_FOUND, an email in use, and refuses an administrator their own role', async () => {
    const other = await f.user();
    expect(await updateUser({ userId: '999999', name: 'Nobody' })).toEqual(answer.notFound('User', 999999, 'No user with id 999999.'));
    expect(await updateUser({ userId: String(other.id), name: ' ', email: 'not-an-email', role: 'PARTNER' })).toEqual(
      answer.validation([
        { path: ['input', 'email'], message: 'Not a valid email address.' },
        { path: ['input', 'name'], message: 'Must not be blank.' },
        { path: ['input', 'role'], message: 'Staff accounts are ADMIN or STAFF; partners get an API token.' },
      ]),
    );
    const { admin, token } = await adminSession();
    expect(await updateUser({ userId: String(other.id), email: admin.email }, token)).toEqual(
      answer.validation([{ path: ['input', 'email'], message: 'This email address is already in use.' }]),
    );
    expect(await updateUser({ userId: String(admin.id), role: 'STAFF' }, token)).toEqual(
      answer.businessRule('own_account', 'An administrator cannot change the role of their own account.'),
    );
    expect((await updateUser({ userId: String(admin.id), name: 'Renamed Admin' }, token)).user.name).toBe('Renamed Admin');
    expect((await auditOf('USER', other.id)).length).toBe(0);
    expect((await auditOf('USER', admin.id)).map((row) => [row.action, row.actor])).toEqual([
      ['UPDATE_USER', expect.stringMatching(`^user:${admin.id} via token:`)],
    ]);
  });
});

describe('deactivateUser and reactivateUser', () => {
  it("refuse a deactivated user's live sessions and tokens on their very next request and their logins; reactivated, the same sessions work again", async () => {
    const user = await f.user();
    const session = await login(user.email, PASSWORD);
    const em = t.em();
    const personal = issueToken(em, { name: 'personal', role: Role.STAFF, userId: user.id });
    await em.flush();
    // Both answered and kept in memory.
    expect([await roleOf(session), await roleOf(personal.secret), await roleOf(session)]).toEqual(['STAFF', 'STAFF', 'STAFF']);

    expect(await deactivateUser({ userId: String(user.id), reason: 'left the hotel' })).toMatchObject({ user: { id: String(user.id), active: false } });
    expect([await roleOf(session), await roleOf(personal.secret)]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(await login(user.email, PASSWORD)).toBe('INVALID_CREDENTIALS');

    expect(await reactivateUser({ userId: String(user.id) })).toMatchObject({ user: { active: true } });
    expect([await roleOf(session), await roleOf(personal.secret)]).toEqual(['STAFF', 'STAFF']);
    expect(await login(user.email, PASSWORD)).toMatch(/^hotel_/);

    expect(await auditOf('USER', user.id)).toEqual([
      expect.objectContaining({ action: 'DEACTIVATE_USER', reason: 'left the hotel', changes: { active: { before: true, after: false } } }),
      expect.objectContaining({ action: 'REACTIVATE_USER', reason: null, changes: { active: { before: false, after: true } } }),
    ]);
  });

  it('change and record nothing when the user already is so', async () => {
    const user = await f.user();
    expect((await reactivateUser({ userId: String(user.id) })).user.active).toBe(true);
    await deactivateUser({ userId: String(user.id) });
    expect((await deactivateUser({ userId: String(user.id) })).user.active).toBe(false);
    expect((await auditOf('USER', user.id)).map((row) => row.action)).toEqual(['DEACTIVATE_USER']);
  });

  it("refuse an administrator's own account, answer NOT_FOUND for an unknown user, and are ADMIN's only", async () => {
    const { admin, token } = await adminSession();
    expect(await deactivateUser({ userId: String(admin.id) }, token)).toEqual(
      answer.businessRule('own_account', 'An administrator cannot deactivate their own account.'),
    );
    expect(await roleOf(token)).toBe('ADMIN');
    expect(await deactivateUser({ userId: '999999' })).toEqual(answer.notFound('User', 999999, 'No user with id 999999.'));
    expect(await reactivateUser({ userId: 'x' })).toEqual(answer.validation([{ path: ['input', 'userId'], message: 'Not a valid id.' }]));
    const user = await f.user();
    for (const name of ['deactivateUser', 'reactivateUser', 'resetPassword', 'updateUser']) {
      const input = { userId: String(user.id), ...(name === 'resetPassword' ? { newPassword: 'a new long password' } : {}) };
      const response = await t.graphql(mutationDocument(name, { members: '__typename' }), { input }, { token: t.tokens.staff });
      expect({ name, codes: response.errors?.map((error) => error.extensions.code) }).toEqual({ name, codes: ['FORBIDDEN'] });
    }
    expect(await auditOf('USER', admin.id)).toEqual([]);
    expect(await auditOf('USER', user.id)).toEqual([]);
  });
});

describe('changePassword', () => {
  it('with a wrong current password answers INVALID_CREDENTIALS and changes nothing: the old password still works', async () => {
    const user = await f.user();
    const session = await login(user.email, PASSWORD);
    const response = await changePassword({ currentPassword: 'not-the-password', newPassword: 'a brand new password' }, session);
    expect(response.data?.changePassword).toEqual({
      __typename: 'InvalidCredentialsError',
      code: 'INVALID_CREDENTIALS',
      message: 'The email address or password is not correct.',
    });
    expect(await login(user.email, 'a brand new password')).toBe('INVALID_CREDENTIALS');
    expect(await login(user.email, PASSWORD)).toMatch(/^hotel_/);
    expect(await roleOf(session)).toBe('STAFF');
    expect(await auditOf('USER', user.id)).toEqual([]);
  });

  it('with the right one sets the new password (the old one then fails), signs out the other sessions, keeps this one, and records that it changed', async () => {
    const user = await f.user();
    const [session, other] = [await login(user.email, PASSWORD), await login(user.email, PASSWORD)];
    const response = await changePassword({ currentPassword: PASSWORD, newPassword: 'a brand new password' }, session);
    expect(response.data?.changePassword).toEqual({ __typename: 'ChangePasswordSuccess', sessionsRevoked: 1, user: { id: String(user.id) } });
    expect([await roleOf(session), await roleOf(other)]).toEqual(['STAFF', 'UNAUTHENTICATED']);
    expect(await login(user.email, PASSWORD)).toBe('INVALID_CREDENTIALS');
    expect(await login(user.email, 'a brand new password')).toMatch(/^hotel_/);

    const rows = await auditOf('USER', user.id);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'CHANGE_PASSWORD',
        actor: expect.stringMatching(`^user:${user.id} via token:`),
        changes: { password: { before: 'previous', after: 'changed' } },
        details: { sessionsRevoked: 1 },
      }),
    ]);
    const [{ password_hash }] = await t.database.rows('select password_hash from users where id = $1', [user.id]);
    expect(JSON.stringify(rows)).not.toMatch(/brand new|secret-password|scrypt/);
    expect(JSON.stringify(rows)).not.toContain(password_hash);
  });

  it('answers the password rules as field errors on the field, all at once', async () => {
    const user = await f.user();
    const session = await login(user.email, PASSWORD);
    const errorsOf = async (input: Record<string, unknown>) => (await changePassword(input, session)).data?.changePassword.fieldErrors;
    expect(await errorsOf({ currentPassword: PASSWORD, newPassword: 'short' })).toEqual([
      { path: ['input', 'newPassword'], message: 'Must be 12 to 200 characters long.' },
    ]);
    expect(await errorsOf({ currentPassword: '', newPassword: 'n'.repeat(201) })).toEqual([
      { path: ['input', 'currentPassword'], message: 'Must be 1 to 200 characters long.' },
      { path: ['input', 'newPassword'], message: 'Must be 12 to 200 characters long.' },
    ]);
    expect(await errorsOf({ currentPassword: PASSWORD, newPassword: PASSWORD })).toEqual([
      { path: ['input', 'newPassword'], message: 'Must differ from the current password.' },
    ]);
    expect(await login(user.email, PASSWORD)).toMatch(/^hotel_/);
  });

  it('counts a wrong current password as a failed login of that email: past the limit both are throttled', async () => {
    const user = await f.user();
    const session = await login(user.email, PASSWORD);
    for (let i = 0; i < t.config.loginMaxFailuresPerEmail; i++) {
      expect((await changePassword({ currentPassword: `guess-${i}`, newPassword: 'a brand new password' }, session)).data?.changePassword.code).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    const throttled = await changePassword({ currentPassword: PASSWORD, newPassword: 'a brand new password' }, session);
    expect(throttled.errors?.map((error) => error.extensions.code)).toEqual(['RATE_LIMITED']);
    expect(await login(user.email, PASSWORD)).toBe('RATE_LIMITED');
    await t.database.sql.query('delete from login_attempts where key = $1', [`email:${user.email}`]);
  });

  it('answers a token acting for no user with a business rule', async () => {
    const response = await changePassword({ currentPassword: PASSWORD, newPassword: 'a brand new password' }, t.tokens.staff);
    expect(response.data?.changePassword).toEqual({
      __typename: 'BusinessRuleError',
      code: 'BUSINESS_RULE_VIOLATION',
      message: 'This token acts for no staff user, so there is no password of its own to change.',
      rule: 'password_of_a_user',
    });
  });
});

describe('resetPassword', () => {
  it("sets a user's password and revokes every live session of theirs at once; their personal API tokens stay", async () => {
    const user = await f.user();
    const sessions = [await login(user.email, PASSWORD), await login(user.email, PASSWORD)];
    const em = t.em();
    const personal = issueToken(em, { name: 'personal', role: Role.STAFF, userId: user.id });
    await em.flush();
    expect(await Promise.all(sessions.map(roleOf))).toEqual(['STAFF', 'STAFF']);

    const result = await resetPassword({ userId: String(user.id), newPassword: 'reset by the manager', reason: 'forgotten' });
    expect(result).toMatchObject({ __typename: 'ResetPasswordSuccess', sessionsRevoked: 2, user: { id: String(user.id) } });
    expect(await Promise.all(sessions.map(roleOf))).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(await roleOf(personal.secret)).toBe('STAFF');
    expect(await login(user.email, PASSWORD)).toBe('INVALID_CREDENTIALS');
    expect(await login(user.email, 'reset by the manager')).toMatch(/^hotel_/);

    expect(await auditOf('USER', user.id)).toEqual([
      {
        actor: expect.stringMatching(/^token:\d+ \(test admin\)$/),
        action: 'RESET_PASSWORD',
        entity: 'USER',
        entity_id: String(user.id),
        reason: 'forgotten',
        changes: { password: { before: 'previous', after: 'changed' } },
        details: { sessionsRevoked: 2 },
      },
    ]);
    const revoked = await t.database.rows('select count(*)::int as n from api_tokens where user_id = $1 and revoked_at is not null', [user.id]);
    expect(revoked).toEqual([{ n: 2 }]);
  });

  it('answers the password rule as a field error and NOT_FOUND for an unknown user, changing nothing', async () => {
    const user = await f.user();
    expect(await resetPassword({ userId: String(user.id), newPassword: 'too short' })).toEqual(
      answer.validation([{ path: ['input', 'newPassword'], message: 'Must be 12 to 200 characters long.' }]),
    );
    expect(await resetPassword({ userId: '999999', newPassword: 'long enough password' })).toEqual(answer.notFound('User', 999999, 'No user with id 999999.'));
    expect(await login(user.email, PASSWORD)).toMatch(/^hotel_/);
    expect(await auditOf('USER', user.id)).toEqual([]);
  });
});

describe('the audit trail of users and tokens', () => {
  it('records createUser once, with the new account’s fields and never its password', async () => {
    const email = address();
    const { user } = await createUser({ email, name: 'Audited Hire', role: 'STAFF', password: 'an audited password' });
    const rows = await auditOf('USER', user.id);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'CREATE_USER',
        changes: {
          email: { before: null, after: email },
          name: { before: null, after: 'Audited Hire' },
          role: { before: null, after: 'STAFF' },
          active: { before: null, after: true },
        },
      }),
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/audited password|scrypt/);
  });

  it('records createApiToken and revokeApiToken once each, revoking twice included, and never the secret or its digest', async () => {
    const user = await f.user();
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const issued = await createApiToken({ name: 'Audited token', role: 'STAFF', userId: String(user.id), expiresAt });
    await revokeApiToken({ id: issued.token.id });
    await revokeApiToken({ id: issued.token.id });
    const rows = await auditOf('API_TOKEN', issued.token.id);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'CREATE_API_TOKEN',
        changes: {
          name: { before: null, after: 'Audited token' },
          role: { before: null, after: 'STAFF' },
          kind: { before: null, after: 'API' },
          userId: { before: null, after: user.id },
          expiresAt: { before: null, after: expiresAt },
        },
      }),
      expect.objectContaining({ action: 'REVOKE_API_TOKEN', changes: { revokedAt: { before: null, after: expect.any(String) } } }),
    ]);
    const [{ secret_hash }] = await t.database.rows('select secret_hash from api_tokens where id = $1', [Number(issued.token.id)]);
    expect(JSON.stringify(rows)).not.toContain(issued.secret);
    expect(JSON.stringify(rows)).not.toContain(secret_hash);
  });

  it('records a logout (a session revoking itself) as its user', async () => {
    const user = await f.user();
    const session = await mutate(t, 'login', { email: user.email, password: PASSWORD }, { members: '... on LoginSuccess { token tokenId }' });
    await revokeApiToken({ id: session.tokenId }, session.token);
    expect((await auditOf('API_TOKEN', session.tokenId)).map((row) => [row.action, row.actor])).toEqual([
      ['REVOKE_API_TOKEN', expect.stringMatching(`^user:${user.id} via token:${session.tokenId} `)],
    ]);
  });

  it('writes no entry for a mutation that failed', async () => {
    const before = await rowCounts(t, ['audit_entries']);
    await createUser({ email: 'nobody', name: 'Bad', role: 'STAFF', password: 'long enough password' });
    await createApiToken({ name: 'Ghost', role: 'STAFF', userId: '999999' });
    await revokeApiToken({ id: '999999' });
    expect(await rowCounts(t, ['audit_entries'])).toEqual(before);
  });
});
