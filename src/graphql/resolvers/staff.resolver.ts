import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { login } from '../../auth/login';
import {
  changePassword,
  createApiToken,
  createUser,
  deactivateUser,
  reactivateUser,
  resetPassword,
  revokeApiToken,
  updateUser,
} from '../../services/staff.service';
import type { GraphQLContext } from '../context';
import {
  ChangePasswordInput,
  CreateApiTokenInput,
  CreateUserInput,
  DeactivateUserInput,
  ReactivateUserInput,
  ResetPasswordInput,
  RevokeApiTokenInput,
  UpdateUserInput,
} from '../inputs/staff.inputs';
import { succeed } from '../results/mutation-result';
import {
  ChangePasswordResult,
  ChangePasswordSuccess,
  CreateApiTokenResult,
  CreateApiTokenSuccess,
  CreateUserResult,
  CreateUserSuccess,
  DeactivateUserResult,
  DeactivateUserSuccess,
  LoginResult,
  LoginSuccess,
  ReactivateUserResult,
  ReactivateUserSuccess,
  ResetPasswordResult,
  ResetPasswordSuccess,
  RevokeApiTokenResult,
  RevokeApiTokenSuccess,
  UpdateUserResult,
  UpdateUserSuccess,
} from '../results/staff.results';

/** Staff accounts and credentials. */
@Resolver()
export class StaffResolver {
  @Authorized()
  @Mutation(() => LoginResult, { description: 'A staff session token for an email address and password. Failed attempts are throttled.' })
  async login(
    @Arg('email', () => String, { description: 'The staff account’s email address, in any case.' }) email: string,
    @Arg('password', () => String, { description: 'Its password.' }) password: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const session = await login(ctx, { email, password });
    return Object.assign(new LoginSuccess(), { token: session.secret, tokenId: String(session.tokenId), expiresAt: session.expiresAt, user: session.user });
  }

  @Authorized()
  @Mutation(() => CreateUserResult, { description: 'Creates a staff account that can log in; its password is kept only as a scrypt hash.' })
  async createUser(
    @Arg('input', () => CreateUserInput, { description: 'The account’s email, name, role and password.' }) input: CreateUserInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(CreateUserSuccess, 'user', await createUser(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdateUserResult, { description: "A staff account's email, name or role; audited." })
  async updateUser(@Arg('input', () => UpdateUserInput, { description: 'The user, and what changes.' }) input: UpdateUserInput, @Ctx() ctx: GraphQLContext) {
    return succeed(UpdateUserSuccess, 'user', await updateUser(ctx, input));
  }

  @Authorized()
  @Mutation(() => DeactivateUserResult, {
    description:
      "The user can no longer sign in, and their sessions and tokens are refused from their next request on, in every API process; audited. Not one's own account.",
  })
  async deactivateUser(@Arg('input', () => DeactivateUserInput, { description: 'The user, and why.' }) input: DeactivateUserInput, @Ctx() ctx: GraphQLContext) {
    return succeed(DeactivateUserSuccess, 'user', await deactivateUser(ctx, input));
  }

  @Authorized()
  @Mutation(() => ReactivateUserResult, { description: 'The user may sign in again, and their unexpired, unrevoked sessions work again; audited.' })
  async reactivateUser(@Arg('input', () => ReactivateUserInput, { description: 'The user, and why.' }) input: ReactivateUserInput, @Ctx() ctx: GraphQLContext) {
    return succeed(ReactivateUserSuccess, 'user', await reactivateUser(ctx, input));
  }

  @Authorized()
  @Mutation(() => ChangePasswordResult, {
    description: "The caller's own password, given the current one; a wrong one counts as a failed login. The user's other sessions are signed out.",
  })
  async changePassword(
    @Arg('input', () => ChangePasswordInput, { description: 'The current password, and the new one.' }) input: ChangePasswordInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return Object.assign(new ChangePasswordSuccess(), await changePassword(ctx, input));
  }

  @Authorized()
  @Mutation(() => ResetPasswordResult, { description: "Sets a user's password and signs out every session of theirs; audited." })
  async resetPassword(
    @Arg('input', () => ResetPasswordInput, { description: 'The user, the new password, and why.' }) input: ResetPasswordInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return Object.assign(new ResetPasswordSuccess(), await resetPassword(ctx, input));
  }

  @Authorized()
  @Mutation(() => CreateApiTokenResult, {
    description: 'Makes an API token for an integration (a PARTNER token carries its channel) or a person; its secret is in the answer, once.',
  })
  async createApiToken(
    @Arg('input', () => CreateApiTokenInput, { description: 'What the token is for, and what it may do.' }) input: CreateApiTokenInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return Object.assign(new CreateApiTokenSuccess(), await createApiToken(ctx, input));
  }

  @Authorized()
  @Mutation(() => RevokeApiTokenResult, {
    description:
      'Revokes a token or session at once; revoking twice is harmless. An ADMIN revokes any; anyone else only its own (logging out), another’s answering NOT_FOUND.',
  })
  async revokeApiToken(
    @Arg('input', () => RevokeApiTokenInput, { description: 'The token or session to revoke.' }) input: RevokeApiTokenInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(RevokeApiTokenSuccess, 'token', await revokeApiToken(ctx, input));
  }
}
