import { Field, ObjectType } from 'type-graphql';
import { Booking } from '../../entities/booking.entity';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../errors/graphql-error-types';
import { mutationResult, successOf } from './mutation-result';

@ObjectType()
export class CreateBookingSuccess {
  @Field(() => Booking)
  booking!: Booking;

  @Field(() => Boolean, { description: 'True when this answers an earlier request with the same idempotency key; nothing was written.' })
  replayed!: boolean;
}

export const AmendBookingSuccess = successOf('AmendBookingSuccess', 'booking', Booking);
export const CancelBookingSuccess = successOf('CancelBookingSuccess', 'booking', Booking);
export const CheckInBookingSuccess = successOf('CheckInBookingSuccess', 'booking', Booking);
export const CheckOutBookingSuccess = successOf('CheckOutBookingSuccess', 'booking', Booking);
export const MarkNoShowSuccess = successOf('MarkNoShowSuccess', 'booking', Booking);

export const CreateBookingResult = mutationResult('CreateBooking', CreateBookingSuccess, [NotFoundError, ConflictError, BusinessRuleError]);
export const AmendBookingResult = mutationResult('AmendBooking', AmendBookingSuccess, [NotFoundError, ConflictError, BusinessRuleError]);
export const CancelBookingResult = mutationResult('CancelBooking', CancelBookingSuccess, [NotFoundError, BusinessRuleError]);
export const CheckInBookingResult = mutationResult('CheckInBooking', CheckInBookingSuccess, [NotFoundError, BusinessRuleError]);
export const CheckOutBookingResult = mutationResult('CheckOutBooking', CheckOutBookingSuccess, [NotFoundError, BusinessRuleError]);
export const MarkNoShowResult = mutationResult('MarkNoShow', MarkNoShowSuccess, [NotFoundError, BusinessRuleError]);
