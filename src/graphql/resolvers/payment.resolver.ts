import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Payment } from '../../entities/payment.entity';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => User, { nullable: true })
  processedBy(@Root() payment: Payment, @Ctx() { loaders }: GraphQLContext) {
    return payment.processedBy ? loaders.user.load(payment.processedBy.id) : null;
  }
}
