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
  @Mutation(() => RecordPaymentResult, {
    description: 'Takes a payment for a booking, at most its open balance, whatever its status. A partner pays its own channel’s bookings only.',
  })
  async recordPayment(
    @Arg('input', () => RecordPaymentInput, { description: 'The booking, the amount, and how it was paid.' }) input: RecordPaymentInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return Object.assign(new RecordPaymentSuccess(), { payment: await recordPayment(ctx, input), replayed: false });
  }

  @Authorized()
  @Mutation(() => RefundPaymentResult, { description: 'Gives back part or all of a payment, never more than remains of it.' })
  async refundPayment(
    @Arg('input', () => RefundPaymentInput, { description: 'The payment, and how much to give back.' }) input: RefundPaymentInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(RefundPaymentSuccess, 'payment', await refundPayment(ctx, input));
  }

  @Authorized()
  @Mutation(() => AddFolioItemResult, {
    description: 'Posts a charge, or (negative) a credit, on the bill of a booking not yet checked out; a credit may not exceed what is owed.',
  })
  async addFolioItem(
    @Arg('input', () => AddFolioItemInput, { description: 'The booking, and the charge.' }) input: AddFolioItemInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(AddFolioItemSuccess, 'folioItem', await addFolioItem(ctx, input));
  }
}
