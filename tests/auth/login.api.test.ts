import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/auth/api-tokens';
import { LoginThrottle } from '../../src/auth/login-throttle';
import { ApiToken, ApiTokenKind } from '../../src/entities/api-token.entity';
import { Role } from '../../src/entities/role';
import { User } from '../../src/entities/user.entity';
import { RateLimitedError } from '../../src/errors/rate-limited-error';
import { useFixtures } from '../support/fixtures';
import { mutate, mutationDocument } from '../support/mutations';
import { useTestApi } from '../support/test-api';

const PASSWORD = 'secret-password';
// Sent as a plain request: a refused login may answer at the top level (RATE_LIMITED).
const LOGIN = mutationDocument('login', {
  members: `... on LoginSuccess { token tokenId expiresAt user { email role } }
  ... on ClassifiedError { code category message retryable }
  ... on ValidationError { fieldErrors { path message } }`,
});

let addressCounter = 0;
/** Each call a client address of its own (X-Forwarded-For, believed from loopback: TRUST_PROXY), so per-address counts do not mix between tests. */
const freshAddress = () => `198.51.100.${++addressCounter}`;

const t = useTestApi({ config: { loginMaxFailuresPerEmail: 5, loginMaxFailuresPerAddress: 20, trustProxy: ['loopback'] } });
const f = useFixtures(t);

function login(email: string, password: string, address = freshAddress()) {
  return t.graphql(LOGIN, { email, password }, { token: null, headers: { 'x-forwarded-for': address } });
}

describe('login', () => {
  it('gives an active staff user an expiring session token that identifies them', async () => {
    const user = await f.user({ email: 'night.desk@hotel.test', role: Role.STAFF });
    const before = Date.now();
    const { data, errors } = await login('Night.Desk@hotel.test ', PASSWORD);
    expect(errors).toBeUndefined();
    const session = data?.login;
    expect(session).toMatchObject({ __typename: 'LoginSuccess', user: { email: 'night.desk@hotel.test', role: 'STAFF' } });
    const expiresAt = Date.parse(session.expiresAt);
    expect(expiresAt - before).toBeGreaterThanOrEqual(t.config.sessionTtlMs - 1000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(t.config.sessionTtlMs);

    const me = await t.graphql('{ me { role tokenName user { email } } }', {}, { token: session.token });
    expect(me.data?.me).toEqual({ role: 'STAFF', tokenName: 'session', user: { email: 'night.desk@hotel.test' } });
    const row = await t.em().findOneOrFail(ApiToken, Number(session.tokenId), { populate: ['user'] });
    expect(row).toMatchObject({ kind: ApiTokenKind.SESSION, role: Role.STAFF, secretHash: hashSecret(session.token) });
    expect(row.user?.id).toBe(user.id);
    await expect.poll(async () => (await t.em().findOneOrFail(ApiToken, row.id)).lastUsedAt, { timeout: 2000 }).toBeInstanceOf(Date);
  });

  it('answers an unknown email, a wrong password and a deactivated or partner account identically', async () => {
    await f.user({ email: 'known@hotel.test' });
    const inactive = await f.user({ email: 'gone@hotel.test' });
    const partnerUser = await f.user({ email: 'partner-user@hotel.test', role: Role.PARTNER });
    inactive.active = false;
    await t.em().nativeUpdate(User, { id: inactive.id }, { active: false });
    const answers = [
      await login('nobody@hotel.test', PASSWORD),
      await login('known@hotel.test', 'wrong-password'),
      await login('gone@hotel.test', PASSWORD),
      await login(partnerUser.email, PASSWORD),
    ];
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.login).toEqual({
        __typename: 'InvalidCredentialsError',
        code: 'INVALID_CREDENTIALS',
        category: 'AUTHENTICATION',
        message: 'The email address or password is not correct.',
        retryable: false,
      });
    }
    expect(new Set(answers.map((a) => a.body.replace(/"errorId":"[^"]+"/, ''))).size).toBe(1);
  });

  it('takes as long to refuse an unknown email as a wrong password (both run scrypt)', async () => {
    await f.user({ email: 'timing@hotel.test' });
    const median = async (email: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await login(email, `wrong-${i}`);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[2];
    };
    const [unknownA, known, unknownB] = [await median('no-such-user@hotel.test'), await median('timing@hotel.test'), await median('no-such-2@hotel.test')];
    // Without the dummy hash an unknown email answers in a few ms against scrypt's tens.
    expect(Math.max(unknownA, unknownB) / known).toBeGreaterThan(0.4);
  });

  it('refuses malformed input as a ValidationError on the argument', async () => {
    const cases: [string, string, string[]][] = [
      ['', PASSWORD, ['email']],
      ['a\u0000b@hotel.test', PASSWORD, ['email']],
      ['x'.repeat(400), PASSWORD, ['email']],
      ['known@hotel.test', '', ['password']],
      ['known@hotel.test', 'p'.repeat(201), ['password']],
    ];
    for (const [email, password, path] of cases) {
      const { data } = await login(email, password);
      expect(data?.login).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', fieldErrors: [{ path }] });
    }
  });

  it('is open without a token, and with a token that no longer works', async () => {
    await f.user({ email: 'open@hotel.test' });
    const response = await t.graphql(LOGIN, { email: 'open@hotel.test', password: PASSWORD }, { token: 'hotel_expired-or-unknown' });
    expect(response.data?.login.__typename).toBe('LoginSuccess');
  });
});

describe('sessions', () => {
  async function sessionOf(email: string, role = Role.STAFF) {
    const user = await f.user({ email, role });
    const { data } = await login(email, PASSWORD);
    return { user, token: data?.login.token as string, tokenId: data?.login.tokenId as string };
  }
  const meRole = async (token: string) => {
    const response = await t.graphql('{ me { role } }', {}, { token });
    return response.data?.me?.role ?? response.errors?.[0].extensions.code;
  };

  it('end when revoked: by their owner (logging out) or an ADMIN, not by another staff member', async () => {
    const mine = await sessionOf('logout@hotel.test');
    const other = await sessionOf('colleague@hotel.test');
    const revoke = (id: string, token?: string) =>
      mutate(t, 'revokeApiToken', { id }, { members: '... on RevokeApiTokenSuccess { token { revokedAt } } ... on NotFoundError { code }' }, token);
    const foreign = await revoke(other.tokenId, mine.token);
    expect(foreign).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(await meRole(other.token)).toBe('STAFF');

    const own = await revoke(mine.tokenId, mine.token);
    expect(own.__typename).toBe('RevokeApiTokenSuccess');
    expect(await meRole(mine.token)).toBe('UNAUTHENTICATED');

    const byAdmin = await revoke(other.tokenId);
    expect(byAdmin.__typename).toBe('RevokeApiTokenSuccess');
    expect(await meRole(other.token)).toBe('UNAUTHENTICATED');
  });

  it('end when they expire, when their user is deactivated or deleted, and follow a change of role', async () => {
    const expiring = await sessionOf('expiring@hotel.test');
    await t.em().nativeUpdate(ApiToken, { id: Number(expiring.tokenId) }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await meRole(expiring.token)).toBe('UNAUTHENTICATED');

    const deactivated = await sessionOf('deactivated@hotel.test');
    expect(await meRole(deactivated.token)).toBe('STAFF');
    await t.em().nativeUpdate(User, { id: deactivated.user.id }, { active: false });
    expect(await meRole(deactivated.token)).toBe('UNAUTHENTICATED');

    const deleted = await sessionOf('deleted@hotel.test');
    await t.em().nativeDelete(User, { id: deleted.user.id });
    expect(await t.em().count(ApiToken, { id: Number(deleted.tokenId) })).toBe(0);
    expect(await meRole(deleted.token)).toBe('UNAUTHENTICATED');

    const demoted = await sessionOf('demoted@hotel.test', Role.ADMIN);
    expect(await meRole(demoted.token)).toBe('ADMIN');
    await t.em().nativeUpdate(User, { id: demoted.user.id }, { role: Role.STAFF });
    expect(await meRole(demoted.token)).toBe('STAFF');
  });
});

describe('throttling failed logins', () => {
  it('refuses an email after 5 failures with RATE_LIMITED, even with the right password, while others log in', async () => {
    await f.user({ email: 'target@hotel.test' });
    await f.user({ email: 'bystander@hotel.test' });
    for (let i = 0; i < 5; i++) expect((await login('target@hotel.test', `guess-${i}`)).data?.login.code).toBe('INVALID_CREDENTIALS');
    const throttled = await login('target@hotel.test', PASSWORD);
    expect(throttled.data).toBeNull();
    expect(throttled.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', category: 'AUTHENTICATION', retryable: true });
    expect(throttled.errors?.[0].extensions.retryAfterMs).toBeGreaterThan(0);
    expect((await login('bystander@hotel.test', PASSWORD)).data?.login.__typename).toBe('LoginSuccess');
  });

  it('refuses a client address after 20 failures, whatever the email', async () => {
    const address = freshAddress();
    await f.user({ email: 'elsewhere@hotel.test' });
    for (let i = 0; i < 20; i++) expect((await login(`spray-${i}@hotel.test`, 'guess', address)).data?.login.code).toBe('INVALID_CREDENTIALS');
    expect((await login('elsewhere@hotel.test', PASSWORD, address)).errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect((await login('elsewhere@hotel.test', PASSWORD, freshAddress())).data?.login.__typename).toBe('LoginSuccess');
  });

  it('counts a burst sent in parallel: no more than 5 guesses get an answer', async () => {
    await f.user({ email: 'burst@hotel.test' });
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => login('burst@hotel.test', `guess-${i}`)));
    const guessed = answers.filter((a) => a.data?.login?.code === 'INVALID_CREDENTIALS').length;
    const limited = answers.filter((a) => a.errors?.[0].extensions.code === 'RATE_LIMITED').length;
    expect({ guessed, limited }).toEqual({ guessed: 5, limited: 10 });
  });
});

describe('LoginThrottle', () => {
  const options = { maxFailuresPerEmail: 2, maxFailuresPerAddress: 3, windowMs: 1000 };
  const refused = (attempt: Promise<unknown>) =>
    attempt.then(
      () => undefined,
      (error: unknown) => error,
    );

  it('slides: failures older than the window stop counting', async () => {
    let now = 0;
    const throttle = new LoginThrottle(t.api.control, options, () => now);
    await throttle.begin('slide@x.test', 'ip-slide');
    await throttle.begin('slide@x.test', 'ip-slide');
    expect(await refused(throttle.begin('slide@x.test', 'ip-slide'))).toBeInstanceOf(RateLimitedError);
    now = 999;
    const late = await refused(throttle.begin('slide@x.test', 'ip-slide'));
    expect(late).toBeInstanceOf(RateLimitedError);
    expect((late as RateLimitedError).retryAfterMs).toBe(1);
    now = 1000;
    expect(await refused(throttle.begin('slide@x.test', 'ip-slide'))).toBeUndefined();
  });

  it('forgives an email its failures on success, and does not count attempts that got no answer', async () => {
    const throttle = new LoginThrottle(t.api.control, options, () => 0);
    await throttle.begin('forgive@x.test', 'ip-1');
    await (await throttle.begin('forgive@x.test', 'ip-1')).succeeded();
    await (await throttle.begin('forgive@x.test', 'ip-2')).abandoned();
    await throttle.begin('forgive@x.test', 'ip-2');
    expect(await refused(throttle.begin('forgive@x.test', 'ip-3'))).toBeUndefined();
    expect(await refused(throttle.begin('forgive@x.test', 'ip-3'))).toBeInstanceOf(RateLimitedError);
  });
});

describe('createUser', () => {
  it('makes staff accounts only', async () => {
    const answered = await mutate(
      t,
      'createUser',
      { email: 'p@hotel.test', name: 'P', role: 'PARTNER', password: 'long-enough-password' },
      { members: '... on ValidationError { fieldErrors { path } }' },
    );
    expect(answered).toEqual({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'role'] }] });
  });
});
