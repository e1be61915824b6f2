import { ApiTokenKind } from '../entities/api-token.entity';
import { Role } from '../entities/role';
import { User } from '../entities/user.entity';
import { InvalidCredentialsError } from '../errors/invalid-credentials-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { issueToken } from './api-tokens';
import type { LoginThrottle } from './login-throttle';
import { checkGivenPassword, hashPassword, verifyPassword } from './passwords';

const STAFF_ROLES: readonly Role[] = [Role.ADMIN, Role.STAFF];

/**
 * A hash of a random password with the cost of real ones, made once: an unknown email is
 * checked against it so that it takes as long to refuse as a wrong password.
 */
let dummyHash: Promise<string> | undefined;
const dummyPasswordHash = () => {
  dummyHash ??= hashPassword(`no-such-user-${Math.random()}`);
  return dummyHash;
};

/** A login also needs the process's count of failures and where the attempt comes from. */
export interface LoginContext extends OperationContext {
  loginThrottle: LoginThrottle;
  clientAddress: string;
}

export interface LoginCommand {
  email: string;
  password: string;
}

export interface Session {
  tokenId: number;
  /** The bearer secret; exists in clear only in this answer. */
  secret: string;
  expiresAt: Date;
  user: User;
}

/**
 * A staff login: an expiring session token for an active ADMIN or STAFF account. Every
 * refusal reads the same (InvalidCredentials) and costs one scrypt, whether the email is
 * unknown, the password wrong or the account deactivated. Failures are throttled per email
 * and per client address before any hashing is done.
 */
export const login = operation([InvalidCredentialsError], async (ctx: LoginContext, command: LoginCommand): Promise<Session> => {
  // login's fields are arguments, not an `input` object: the API's one such mutation.
  const check = new InputCheck(null);
  const email = check.text('email', command.email, { max: 320 });
  checkGivenPassword(check, 'password', command.password);
  check.done();
  const normalized = email!.toLowerCase();

  const attempt = await ctx.loginThrottle.begin(normalized, ctx.clientAddress);
  try {
    const user = await ctx.em.findOne(User, { email: normalized });
    const matches = await verifyPassword(command.password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !matches || !user.active || !STAFF_ROLES.includes(user.role)) throw new InvalidCredentialsError();
    const expiresAt = new Date(Date.now() + ctx.config.sessionTtlMs);
    const { token, secret } = issueToken(ctx.em, { name: 'session', role: user.role, kind: ApiTokenKind.SESSION, userId: user.id, expiresAt });
    await ctx.em.flush();
    await attempt.succeeded();
    return { tokenId: token.id, secret, expiresAt, user };
  } catch (error) {
    if (!(error instanceof InvalidCredentialsError)) await attempt.abandoned();
    throw error;
  }
});
