import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { toId } from '../../db/ids';
import { NotFoundError } from '../../errors/not-found-error';
import { eraseCustomer, erasureImpactOf } from '../../services/erasure';
import type { GraphQLContext } from '../context';
import { EraseCustomerInput } from '../inputs/erasure.inputs';
import { EraseCustomerResult, EraseCustomerSuccess } from '../results/erasure.results';
import { ErasureImpact } from '../types/erasure-impact.type';

/** Previews and performs a guest's erasure: their personal data goes, the books stay. */
@Resolver()
export class ErasureResolver {
  @Authorized()
  @Query(() => ErasureImpact, { description: 'Exactly what erasing this guest would scrub, delete and keep.' })
  async erasureImpact(@Arg('customerId', () => ID, { description: 'The guest to erase.' }) customerId: string, @Ctx() { em }: GraphQLContext) {
    const key = toId(customerId);
    const impact = key ? await erasureImpactOf(em, key) : null;
    if (!impact) throw new NotFoundError('Customer', customerId);
    return impact;
  }

  @Authorized()
  @Mutation(() => EraseCustomerResult, {
    description: "Replaces a guest's personal data by a placeholder and keeps their bookings, payments and invoices. Once per guest; audited.",
  })
  async eraseCustomer(@Arg('input', () => EraseCustomerInput, { description: 'The guest, and why.' }) input: EraseCustomerInput, @Ctx() ctx: GraphQLContext) {
    return Object.assign(new EraseCustomerSuccess(), await eraseCustomer(ctx, input));
  }
}
