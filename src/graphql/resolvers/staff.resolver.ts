import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { login } from '../../auth/login';
import { createApiToken, createUser, revokeApiToken } from '../../services/staff.service';
import type { GraphQLContext } from '../context';
import { CreateApiTokenInput, CreateUserInput, RevokeApiTokenInput } from '../inputs/staff.inputs';
import { succeed } from '../results/mutation-result';
import {
  CreateApiTokenResult,
  CreateApiTokenSuccess,
  CreateUserResult,
  CreateUserSuccess,
  LoginResult,
  LoginSuccess,
  RevokeApiTokenResult,
  RevokeApiTokenSuccess,
} from '../results/staff.results';

/** Staff accounts and credentials. */
@Resolver()
export class StaffResolver {
  @Authorized()
  @Mutation(() => LoginResult, { description: 'A staff session token for an email address and password. Failed attempts are throttled.' })
  async login(@Arg('email', () => String) email: string, @Arg('password', () => String) password: string, @Ctx() ctx: GraphQLContext) {
    const session = await login(ctx, { email, password });
    return Object.assign(new LoginSuccess(), { token: session.secret, tokenId: String(session.tokenId), expiresAt: session.expiresAt, user: session.user });
  }

  @Authorized()
  @Mutation(() => CreateUserResult)
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CreateUserSuccess, 'user', await createUser(ctx, input));
  }

  @Authorized()
  @Mutation(() => CreateApiTokenResult)
  async createApiToken(@Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput, @Ctx() ctx: GraphQLContext) {
    return Object.assign(new CreateApiTokenSuccess(), await createApiToken(ctx, input));
  }

  @Authorized()
  @Mutation(() => RevokeApiTokenResult)
  async revokeApiToken(@Arg('input', () => RevokeApiTokenInput) input: RevokeApiTokenInput, @Ctx() ctx: GraphQLContext) {
    return succeed(RevokeApiTokenSuccess, 'token', await revokeApiToken(ctx, input));
  }
}
