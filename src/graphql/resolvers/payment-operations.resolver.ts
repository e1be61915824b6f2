import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { addFolioItem, recordPayment, refundPayment } from '../../services/payment.service';
import type { GraphQLContext } from '../context';
import { AddFolioItemInput, RecordPaymentInput, RefundPaymentInput } from '../inputs/payment.inputs';
import { succeed } from '../results/mutation-result';
import {
  AddFolioItemResult,
  AddFolioItemSuccess,
  RecordPaymentResult,
  RecordPaymentSuccess,
  RefundPaymentResult,
  RefundPaymentSuccess,
} from '../results/payment.results';

@Resolver()
export class PaymentOperationsResolver {
  @Authorized()
  @Mutation(() => RecordPaymentResult)
  async recordPayment(@Arg('input', () => RecordPaymentInput) input: RecordPaymentInput, @Ctx() ctx: GraphQLContext) {
    return Object.assign(new RecordPaymentSuccess(), { payment: await recordPayment(ctx, input), replayed: false });
  }

  @Authorized()
  @Mutation(() => RefundPaymentResult)
  async refundPayment(@Arg('input', () => RefundPaymentInput) input: RefundPaymentInput, @Ctx() ctx: GraphQLContext) {
    return succeed(RefundPaymentSuccess, 'payment', await refundPayment(ctx, input));
  }

  @Authorized()
  @Mutation(() => AddFolioItemResult)
  async addFolioItem(@Arg('input', () => AddFolioItemInput) input: AddFolioItemInput, @Ctx() ctx: GraphQLContext) {
    return succeed(AddFolioItemSuccess, 'folioItem', await addFolioItem(ctx, input));
  }
}
