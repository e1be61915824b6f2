import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { createCustomer, updateCustomer } from '../../services/customer.service';
import type { GraphQLContext } from '../context';
import { CreateCustomerInput, UpdateCustomerInput } from '../inputs/customer.inputs';
import { CreateCustomerResult, CreateCustomerSuccess, UpdateCustomerResult, UpdateCustomerSuccess } from '../results/customer.results';
import { succeed } from '../results/mutation-result';

@Resolver()
export class CustomerOperationsResolver {
  @Authorized()
  @Mutation(() => CreateCustomerResult, {
    description: 'Records a guest. A partner’s guests carry its channel and are seen by it alone; an email address is unique within a channel.',
  })
  async createCustomer(
    @Arg('input', () => CreateCustomerInput, { description: 'The guest’s details.' }) input: CreateCustomerInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(CreateCustomerSuccess, 'customer', await createCustomer(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdateCustomerResult, { description: 'Changes a guest’s details; fields left out stay. A partner changes its own channel’s guests only.' })
  async updateCustomer(
    @Arg('input', () => UpdateCustomerInput, { description: 'The guest, and what changes; fields left out stay.' }) input: UpdateCustomerInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(UpdateCustomerSuccess, 'customer', await updateCustomer(ctx, input));
  }
}
