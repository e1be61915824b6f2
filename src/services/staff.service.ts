import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { issueToken } from '../auth/api-tokens';
import { MAX_COST_BUDGET } from '../auth/cost-budgets';
import type { LoginContext } from '../auth/login';
import { checkGivenPassword, checkNewPassword, hashPassword, verifyPassword } from '../auth/passwords';
import { findPage, type PageRequest } from '../db/keyset-page';
import { ApiToken, ApiTokenKind } from '../entities/api-token.entity';
import { Role } from '../entities/role';
import { User } from '../entities/user.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { ForbiddenError } from '../errors/forbidden-error';
import { InvalidCredentialsError } from '../errors/invalid-credentials-error';
import { NotFoundError } from '../errors/not-found-error';
import { audit } from '../kernel/audit';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { containsPattern, MAX_SEARCH_LENGTH } from '../sql';

const MAX_REASON_LENGTH = 500;
const STAFF_ACCOUNTS_ONLY = 'Staff accounts are ADMIN or STAFF; partners get an API token.';

export interface UserFilter {
  role?: Role | null;
  active?: boolean | null;
  search?: string | null;
}

/**
 * Users by name, then id. `namesOnly` is the picker a role reads only ids and names from
 * (PARTIAL_READS): it lists active users, and searches and filters by nothing it may not
 * read, so that a search cannot spell out an email address or a filter a role.
 */
export function listUsers(em: EntityManager, filter: UserFilter, page: PageRequest, { namesOnly }: { namesOnly: boolean }) {
  const check = new InputCheck('filter');
  const search = check.text('search', filter.search, { min: 0, max: MAX_SEARCH_LENGTH });
  check.doneForQuery();
  if (namesOnly && (filter.role != null || filter.active === false)) throw new ForbiddenError('This list shows active users by name only: filter by search.');
  const where: FilterQuery<User> = {};
  if (filter.role != null) where.role = filter.role;
  if (filter.active != null) where.active = filter.active;
  if (namesOnly) where.active = true;
  if (search) {
    const pattern = containsPattern(search);
    where.$or = namesOnly ? [{ name: { $ilike: pattern } }] : [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }];
  }
  return findPage(em, User, where, ['name', 'id'], page);
}

/** Every token, sessions included, newest first; what a token is, never its secret (only a digest is kept, and no field shows it). */
export function listApiTokens(em: EntityManager, page: PageRequest) {
  return findPage(em, ApiToken, {}, ['id'], page, undefined, 'desc');
}

/** The fields of a user the audit trail follows; never the password hash. */
const auditedUser = (user: User) => ({ email: user.email, name: user.name, role: user.role, active: user.active });

/** What a password change records: that it happened, never the password or its hash. */
const PASSWORD_CHANGED = { before: { password: 'previous' }, after: { password: 'changed' } } as const;

async function userToChange(ctx: OperationContext, id: number): Promise<User> {
  const user = await ctx.em.findOne(User, { id });
  if (!user) throw new NotFoundError('User', id);
  return user;
}

/** An administrator's own account is out of reach of the changes that could lock them out. */
function refuseOwnAccount(ctx: OperationContext, user: User, what: string): void {
  if (ctx.caller?.userId === user.id) throw new BusinessRuleError('own_account', `An administrator cannot ${what} their own account.`);
}

/**
 * Revokes the live sessions of `userId`, all but the token `keep`; how many. Revoking
 * notifies every process's caller cache (the triggers on api_tokens), so each is refused
 * on its next request. Personal API tokens are an administrator's to revoke one by one.
 */
async function revokeSessions(ctx: OperationContext, userId: number, keep?: number): Promise<number> {
  return ctx.em.nativeUpdate(
    ApiToken,
    { user: userId, kind: ApiTokenKind.SESSION, revokedAt: null, expiresAt: { $gt: new Date() }, ...(keep === undefined ? {} : { id: { $ne: keep } }) },
    { revokedAt: new Date() },
  );
}

/** A staff account; the password is kept only as a scrypt hash. */
export const createUser = operation([], async (ctx, input: { email: string; name: string; role: Role; password: string }) => {
  const check = new InputCheck();
  const email = check.email('email', input.email);
  const name = check.text('name', input.name, { max: 200 });
  // Users are staff accounts; partners are integrations with a channel and an API token.
  if (input.role === Role.PARTNER) check.fail('role', STAFF_ACCOUNTS_ONLY);
  checkNewPassword(check, 'password', input.password);
  check.done();
  const user = ctx.em.create(User, { email: email!, name: name!, role: input.role, passwordHash: await hashPassword(input.password) });
  // The entry names the new user's id, which exists once written.
  await ctx.em.flush();
  audit(ctx, { action: 'CREATE_USER', entity: 'USER', entityId: user.id, before: null, after: auditedUser(user) });
  return user;
});

export interface UpdateUserCommand {
  userId: string;
  email?: string | null;
  name?: string | null;
  role?: Role | null;
}

/** Changes a staff account's email, name or role; fields left out stay. A change of role takes effect on the user's sessions at once. */
export const updateUser = operation([NotFoundError, BusinessRuleError], async (ctx, input: UpdateUserCommand) => {
  const check = new InputCheck();
  const userId = check.id('userId', input.userId);
  const email = check.email('email', input.email);
  const name = check.text('name', input.name, { max: 200 });
  if (input.role === Role.PARTNER) check.fail('role', STAFF_ACCOUNTS_ONLY);
  check.done();
  const user = await userToChange(ctx, userId!);
  if (input.role && input.role !== user.role) refuseOwnAccount(ctx, user, 'change the role of');
  const before = auditedUser(user);
  if (email !== undefined) user.email = email;
  if (name !== undefined) user.name = name;
  if (input.role) user.role = input.role;
  const after = auditedUser(user);
  // Nothing changed, nothing to record.
  if (JSON.stringify(before) !== JSON.stringify(after)) audit(ctx, { action: 'UPDATE_USER', entity: 'USER', entityId: user.id, before, after });
  return user;
});

interface SetActiveCommand {
  userId: string;
  reason?: string | null;
}

/**
 * Whether a user may sign in and act. Authentication asks for an active user (the caller
 * lookup joins users), and the change of `active` is announced to every process's caller
 * cache, so a deactivated user's sessions are refused on their next request everywhere and
 * work again once reactivated (sessions are not revoked: a deactivation may be lifted).
 * Setting what is already set changes and records nothing.
 */
function setActive(active: boolean) {
  return async (ctx: OperationContext, input: SetActiveCommand) => {
    const check = new InputCheck();
    const userId = check.id('userId', input.userId);
    const reason = check.text('reason', input.reason, { max: MAX_REASON_LENGTH });
    check.done();
    const user = await userToChange(ctx, userId!);
    if (!active) refuseOwnAccount(ctx, user, 'deactivate');
    if (user.active === active) return user;
    user.active = active;
    audit(ctx, {
      action: active ? 'REACTIVATE_USER' : 'DEACTIVATE_USER',
      entity: 'USER',
      entityId: user.id,
      reason,
      before: { active: !active },
      after: { active },
    });
    return user;
  };
}

export const deactivateUser = operation([NotFoundError, BusinessRuleError], setActive(false));
export const reactivateUser = operation([NotFoundError], setActive(true));

export interface PasswordChange {
  user: User;
  /** The user's live sessions this change revoked. */
  sessionsRevoked: number;
}

/**
 * A staff user sets their own password, proving the current one. A wrong current password
 * counts as a failed login of that email (the one shared throttle), so this is no way
 * around it. The user's other sessions are revoked: whoever knew the old password is signed
 * out; the session that made the change stays.
 */
export const changePassword = operation(
  [InvalidCredentialsError, NotFoundError, BusinessRuleError],
  async (ctx: LoginContext, input: { currentPassword: string; newPassword: string }): Promise<PasswordChange> => {
    const check = new InputCheck();
    checkGivenPassword(check, 'currentPassword', input.currentPassword);
    const fresh = checkNewPassword(check, 'newPassword', input.newPassword);
    if (fresh !== undefined && fresh === input.currentPassword) check.fail('newPassword', 'Must differ from the current password.');
    check.done();
    const caller = ctx.caller;
    if (!caller?.userId) throw new BusinessRuleError('password_of_a_user', 'This token acts for no staff user, so there is no password of its own to change.');
    const user = await userToChange(ctx, caller.userId);
    const attempt = await ctx.loginThrottle.begin(user.email, ctx.clientAddress);
    try {
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw new InvalidCredentialsError();
      user.passwordHash = await hashPassword(input.newPassword);
      const sessionsRevoked = await revokeSessions(ctx, user.id, caller.tokenId);
      audit(ctx, { action: 'CHANGE_PASSWORD', entity: 'USER', entityId: user.id, ...PASSWORD_CHANGED, details: { sessionsRevoked } });
      await attempt.succeeded();
      return { user, sessionsRevoked };
    } catch (error) {
      if (!(error instanceof InvalidCredentialsError)) await attempt.abandoned();
      throw error;
    }
  },
);

/** An administrator sets a user's password, and every live session of that user is revoked. */
export const resetPassword = operation(
  [NotFoundError],
  async (ctx, input: { userId: string; newPassword: string; reason?: string | null }): Promise<PasswordChange> => {
    const check = new InputCheck();
    const userId = check.id('userId', input.userId);
    checkNewPassword(check, 'newPassword', input.newPassword);
    const reason = check.text('reason', input.reason, { max: MAX_REASON_LENGTH });
    check.done();
    const user = await userToChange(ctx, userId!);
    user.passwordHash = await hashPassword(input.newPassword);
    const sessionsRevoked = await revokeSessions(ctx, user.id);
    audit(ctx, { action: 'RESET_PASSWORD', entity: 'USER', entityId: user.id, reason, ...PASSWORD_CHANGED, details: { sessionsRevoked } });
    return { user, sessionsRevoked };
  },
);

export interface CreateApiTokenCommand {
  name: string;
  role: Role;
  channel?: string | null;
  userId?: string | null;
  expiresAt?: Date | null;
  /** Its own query-cost budget per window; null: COST_BUDGET. */
  costBudget?: number | null;
}

/** What the audit trail keeps of a token: what it is and for whom, never its secret or digest. */
const auditedToken = (token: ApiToken) => ({
  name: token.name,
  role: token.role,
  kind: token.kind,
  channel: token.channel ?? null,
  userId: token.user?.id ?? null,
  expiresAt: token.expiresAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
  costBudget: token.costBudget ?? null,
});

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
  const costBudget = check.integer('costBudget', input.costBudget, { min: 1, max: MAX_COST_BUDGET });
  check.done();
  if (userId && !(await ctx.em.findOne(User, { id: userId }))) throw new NotFoundError('User', userId);
  const issued = issueToken(ctx.em, {
    name: name!,
    role: input.role,
    kind: ApiTokenKind.API,
    channel: channel ?? null,
    userId: userId ?? null,
    expiresAt: input.expiresAt ?? null,
    costBudget: costBudget ?? null,
  });
  await ctx.em.flush();
  audit(ctx, { action: 'CREATE_API_TOKEN', entity: 'API_TOKEN', entityId: issued.token.id, before: null, after: auditedToken(issued.token) });
  return issued;
});

/**
 * Revokes a token at once; revoking twice is harmless and recorded once. An ADMIN revokes
 * any token; anyone else only their own (logging out), and others' tokens do not exist for them.
 */
export const revokeApiToken = operation([NotFoundError], async (ctx, input: { id: string }) => {
  const check = new InputCheck();
  const id = check.id('id', input.id);
  check.done();
  const token = await ctx.em.findOne(ApiToken, { id: id! });
  const caller = ctx.caller;
  const own = token && caller && (token.id === caller.tokenId || (caller.userId !== null && token.user?.id === caller.userId));
  if (!token || (caller?.role !== Role.ADMIN && !own)) throw new NotFoundError('ApiToken', id!);
  if (token.revokedAt) return token;
  const before = auditedToken(token);
  token.revokedAt = new Date();
  audit(ctx, { action: 'REVOKE_API_TOKEN', entity: 'API_TOKEN', entityId: token.id, before, after: auditedToken(token) });
  return token;
});
