import { describe, expect, it } from 'vitest';
import { apiProcessesOfFile } from '../support/api-processes-of-file';
import { mutationDocument } from '../support/mutations';

/**
 * Two API processes on one database, each keeping who-is-this in memory: what an
 * administrator does to a user on one is what the other answers that user's very next
 * request with.
 */

const TOKEN = 'deactivation-admin-token-0123456789abcdef';
const PASSWORD = 'a-long-enough-password';
const members = (success: string) => ({ members: `... on ${success} ... on ClassifiedError { code }` });
const CREATE_USER = mutationDocument('createUser', members('CreateUserSuccess { user { id } }'));
const LOGIN = mutationDocument('login', members('LoginSuccess { token }'));
const DEACTIVATE = mutationDocument('deactivateUser', members('DeactivateUserSuccess { user { active } }'));
const REACTIVATE = mutationDocument('reactivateUser', members('ReactivateUserSuccess { user { active } }'));
const RESET = mutationDocument('resetPassword', members('ResetPasswordSuccess { sessionsRevoked }'));

const house = apiProcessesOfFile(2, TOKEN);

/** As ADMIN, on process `at`: the mutation's answer. */
const admin = async (at: number, document: string, input: Record<string, unknown>) => {
  const answer = await house.apis[at].client.send(document, { input });
  return Object.values(answer.body.data)[0] as Record<string, any>;
};

/** What process `at` answers `me` with for `secret`: its role, or the refusal's code. */
const roleAt = async (at: number, secret: string) => {
  const answer = await house.apis[at].client.send('{ me { role } }', {}, { authorization: `Bearer ${secret}` });
  return answer.body.data?.me?.role ?? answer.body.errors?.[0]?.extensions?.code;
};

/** A staff user made on process 0, and a session of theirs opened on process 1. */
const staffWithSession = async (email: string) => {
  const created = await admin(0, CREATE_USER, { email, name: 'Night porter', role: 'STAFF', password: PASSWORD });
  const session = await house.apis[1].client.send(LOGIN, { email, password: PASSWORD });
  return { userId: created.user.id as string, secret: session.body.data.login.token as string };
};

describe("a user's sessions across two API processes", () => {
  it('are refused on the very next request to either once the user is deactivated on one, and work again once reactivated on the other', async () => {
    const { userId, secret } = await staffWithSession('porter@hotel.test');
    // Each process has answered the session and keeps it in memory.
    expect([await roleAt(0, secret), await roleAt(1, secret), await roleAt(0, secret), await roleAt(1, secret)]).toEqual(['STAFF', 'STAFF', 'STAFF', 'STAFF']);

    expect(await admin(0, DEACTIVATE, { userId })).toMatchObject({ user: { active: false } });
    expect(await roleAt(1, secret)).toBe('UNAUTHENTICATED');
    expect(await roleAt(0, secret)).toBe('UNAUTHENTICATED');

    expect(await admin(1, REACTIVATE, { userId })).toMatchObject({ user: { active: true } });
    expect(await roleAt(0, secret)).toBe('STAFF');
    expect(await roleAt(1, secret)).toBe('STAFF');
  });

  it('are revoked by a password reset on one: refused on the very next request to the other', async () => {
    const { userId, secret } = await staffWithSession('maid@hotel.test');
    expect([await roleAt(0, secret), await roleAt(1, secret)]).toEqual(['STAFF', 'STAFF']);
    expect(await admin(1, RESET, { userId, newPassword: 'another long password' })).toMatchObject({ sessionsRevoked: 1 });
    expect(await roleAt(0, secret)).toBe('UNAUTHENTICATED');
    expect(await roleAt(1, secret)).toBe('UNAUTHENTICATED');
  });
});
