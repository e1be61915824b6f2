import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { createApiToken, createUser, revokeApiToken } from '../../services/staff.service';
import type { GraphQLContext } from '../context';
import { CreateApiTokenInput, CreateUserInput, RevokeApiTokenInput } from '../inputs/staff.inputs';
import { succeed } from '../results/mutation-result';
import {
  CreateApiTokenResult,
  CreateApiTokenSuccess,
  CreateUserResult,
  CreateUserSuccess,
  RevokeApiTokenResult,
  RevokeApiTokenSuccess,
} from '../results/staff.results';

/** Staff accounts and credentials. */
@Resolver()
export class StaffResolver {
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
