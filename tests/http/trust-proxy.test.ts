import { describe, expect, it } from 'vitest';
import { fixtures } from '../support/fixtures';
import { type TestApi, useTestApi } from '../support/test-api';

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { __typename ... on ClassifiedError { code } }
}`;
/** The password fixtures give every user. */
const PASSWORD = 'secret-password';

/** What the login answered: its result type, or the code of the top-level error that refused it. */
async function login(t: TestApi, email: string, password: string, forwardedFor: string): Promise<[number, string]> {
  const answer = await t.graphql(LOGIN, { email, password }, { token: null, headers: { 'x-forwarded-for': forwardedFor } });
  return [answer.status, answer.data?.login?.__typename ?? answer.errors?.[0].extensions.code];
}

/** The client address the access log gives the request with this X-Forwarded-For. */
async function clientAddressFor(t: TestApi, forwardedFor: string): Promise<string> {
  const answer = await t.graphql('{ __typename }', {}, { token: null, headers: { 'x-forwarded-for': forwardedFor } });
  const requestId = answer.headers.get('x-request-id');
  await expect.poll(() => t.logLines.some((line) => line.msg === 'http request' && line.requestId === requestId)).toBe(true);
  return t.logLines.find((line) => line.msg === 'http request' && line.requestId === requestId)?.clientAddress;
}

describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  const t = useTestApi({ config: { trustProxy: ['loopback'], loginMaxFailuresPerAddress: 20, loginMaxFailuresPerEmail: 1000 } });

  it('counts failed logins per forwarded client: 20 failures from A do not lock out B', async () => {
    const user = await fixtures(t.em()).user({ email: 'desk.b@hotel.test' });
    for (let attempt = 0; attempt < 20; attempt++) {
      expect(await login(t, `guess${attempt}@hotel.test`, 'wrong password', '198.51.100.10')).toEqual([200, 'InvalidCredentialsError']);
    }
    expect(await login(t, user.email, PASSWORD, '198.51.100.10')).toEqual([429, 'RATE_LIMITED']);
    expect(await login(t, user.email, PASSWORD, '203.0.113.20')).toEqual([200, 'LoginSuccess']);
  });

  it('takes the client from the nearest proxy it trusts, not from whatever a client wrote further left', async () => {
    expect(await clientAddressFor(t, '198.51.100.30')).toBe('198.51.100.30');
    // 10.0.0.5 is no proxy it trusts: what it forwarded (the spoofable left part) is not believed.
    expect(await clientAddressFor(t, '192.0.2.66, 10.0.0.5')).toBe('10.0.0.5');
  });
});

describe('with TRUST_PROXY unset', () => {
  const t = useTestApi({ config: { loginMaxFailuresPerAddress: 3, loginMaxFailuresPerEmail: 1000 } });

  it('ignores a spoofed X-Forwarded-For: every attempt counts against the connection’s address', async () => {
    expect(t.config.trustProxy).toBe(false);
    const user = await fixtures(t.em()).user({ email: 'desk.c@hotel.test' });
    for (const spoofed of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      expect(await login(t, `guess-${spoofed}@hotel.test`, 'wrong password', spoofed)).toEqual([200, 'InvalidCredentialsError']);
    }
    expect(await login(t, user.email, PASSWORD, '198.51.100.4')).toEqual([429, 'RATE_LIMITED']);
    expect(await clientAddressFor(t, '198.51.100.5')).toBe('127.0.0.1');
  });
});
