import { issueToken } from '../auth/api-tokens';
import { hashPassword, MAX_PASSWORD_LENGTH } from '../auth/passwords';
import { ApiToken, ApiTokenKind } from '../entities/api-token.entity';
import { Role } from '../entities/role';
import { User } from '../entities/user.entity';
import { NotFoundError } from '../errors/not-found-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';

export const MIN_PASSWORD_LENGTH = 12;

/** A staff account; the password is kept only as a scrypt hash. */
export const createUser = operation([], async (ctx, input: { email: string; name: string; role: Role; password: string }) => {
  const check = new InputCheck();
  const email = check.email('email', input.email);
  const name = check.text('name', input.name, { max: 200 });
  // Users are staff accounts; partners are integrations with a channel and an API token.
  if (input.role === Role.PARTNER) check.fail('role', 'Staff accounts are ADMIN or STAFF; partners get an API token.');
  check.secret('password', input.password, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH });
  check.done();
  return ctx.em.create(User, { email: email!, name: name!, role: input.role, passwordHash: await hashPassword(input.password) });
});

export interface CreateApiTokenCommand {
  name: string;
  role: Role;
  channel?: string | null;
  userId?: string | null;
  expiresAt?: Date | null;
}

/** An integration token; its secret exists in clear only in this answer. */
export const createApiToken = operation([NotFoundError], async (ctx, input: CreateApiTokenCommand) => {
  const check = new InputCheck();
  const name = check.text('name', input.name, { max: 100 });
  const channel = check.text('channel', input.channel, { max: 60 });
  if (channel !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(channel)) check.fail('channel', 'Lower-case letters, digits, dots, dashes and underscores only.');
  if (input.role === Role.PARTNER && !input.channel) check.fail('channel', 'A PARTNER token needs the booking channel it writes as.');
  if (input.role !== Role.PARTNER && input.channel) check.fail('channel', 'Only PARTNER tokens have a channel.');
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) check.fail('expiresAt', 'Must be in the future.');
  const userId = check.id('userId', input.userId);
  check.done();
  if (userId && !(await ctx.em.findOne(User, { id: userId }))) throw new NotFoundError('User', userId);
  return issueToken(ctx.em, {
    name: name!,
    role: input.role,
    kind: ApiTokenKind.API,
    channel: channel ?? null,
    userId: userId ?? null,
    expiresAt: input.expiresAt ?? null,
  });
});

/**
 * Revokes a token at once; revoking twice is harmless. An ADMIN revokes any token; anyone
 * else only their own (logging out), and others' tokens do not exist for them.
 */
export const revokeApiToken = operation([NotFoundError], async (ctx, input: { id: string }) => {
  const check = new InputCheck();
  const id = check.id('id', input.id);
  check.done();
  const token = await ctx.em.findOne(ApiToken, { id: id! });
  const caller = ctx.caller;
  const own = token && caller && (token.id === caller.tokenId || (caller.userId !== null && token.user?.id === caller.userId));
  if (!token || (caller?.role !== Role.ADMIN && !own)) throw new NotFoundError('ApiToken', id!);
  token.revokedAt ??= new Date();
  return token;
});
