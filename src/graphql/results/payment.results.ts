import { Field, ObjectType } from 'type-graphql';
import { FolioItem } from '../../entities/folio-item.entity';
import { Payment } from '../../entities/payment.entity';
import { addFolioItem, recordPayment, refundPayment } from '../../services/payment.service';
import { mutationResult, successOf } from './mutation-result';

@ObjectType({ description: 'The payment is taken and committed, or was by an earlier request with the same idempotency key (replayed).' })
export class RecordPaymentSuccess {
  @Field(() => Payment, { description: 'The payment as taken.' })
  payment!: Payment;

  @Field(() => Boolean, { description: 'True when this answers an earlier request with the same idempotency key; nothing was written.' })
  replayed!: boolean;
}

export const RefundPaymentSuccess = successOf('RefundPaymentSuccess', 'payment', Payment);
export const AddFolioItemSuccess = successOf('AddFolioItemSuccess', 'folioItem', FolioItem);

export const RecordPaymentResult = mutationResult('RecordPayment', RecordPaymentSuccess, recordPayment);
export const RefundPaymentResult = mutationResult('RefundPayment', RefundPaymentSuccess, refundPayment);
export const AddFolioItemResult = mutationResult('AddFolioItem', AddFolioItemSuccess, addFolioItem);
