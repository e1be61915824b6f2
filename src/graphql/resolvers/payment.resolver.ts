import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { Payment } from '../../entities/payment.entity';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';
import { related } from '../loaders';

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The staff user who took it; null for a partner’s payment, or once that user is deleted.' })
  processedBy(@Root() payment: Detached<Payment>, @Ctx() { loaders }: GraphQLContext) {
    return related(payment.processedBy, loaders.user);
  }
}
