import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { createCustomer, updateCustomer } from '../../services/customer.service';
import type { GraphQLContext } from '../context';
import { CreateCustomerInput, UpdateCustomerInput } from '../inputs/customer.inputs';
import { CreateCustomerResult, CreateCustomerSuccess, UpdateCustomerResult, UpdateCustomerSuccess } from '../results/customer.results';
import { succeed } from '../results/mutation-result';

@Resolver()
export class CustomerOperationsResolver {
  @Authorized()
  @Mutation(() => CreateCustomerResult)
  async createCustomer(@Arg('input', () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CreateCustomerSuccess, 'customer', await createCustomer(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdateCustomerResult)
  async updateCustomer(@Arg('input', () => UpdateCustomerInput) input: UpdateCustomerInput, @Ctx() ctx: GraphQLContext) {
    return succeed(UpdateCustomerSuccess, 'customer', await updateCustomer(ctx, input));
  }
}
