import { Field, ObjectType } from 'type-graphql';
import { Booking } from '../../entities/booking.entity';
import { amendBooking, assignRoom, checkInBooking, checkOutBooking, createBooking, moveRoom } from '../../services/booking.service';
import { cancelBooking, markNoShow } from '../../services/cancellation';
import { mutationResult, successOf } from './mutation-result';

@ObjectType({ description: 'The booking is made and committed, or was by an earlier request with the same idempotency key (replayed).' })
export class CreateBookingSuccess {
  @Field(() => Booking, { description: 'The booking as made.' })
  booking!: Booking;

  @Field(() => Boolean, { description: 'True when this answers an earlier request with the same idempotency key; nothing was written.' })
  replayed!: boolean;
}

export const AmendBookingSuccess = successOf('AmendBookingSuccess', 'booking', Booking);
export const CancelBookingSuccess = successOf('CancelBookingSuccess', 'booking', Booking);
export const CheckInBookingSuccess = successOf('CheckInBookingSuccess', 'booking', Booking);
export const CheckOutBookingSuccess = successOf('CheckOutBookingSuccess', 'booking', Booking);
export const MarkNoShowSuccess = successOf('MarkNoShowSuccess', 'booking', Booking);
export const MoveRoomSuccess = successOf('MoveRoomSuccess', 'booking', Booking);
export const AssignRoomSuccess = successOf('AssignRoomSuccess', 'booking', Booking);

export const CreateBookingResult = mutationResult('CreateBooking', CreateBookingSuccess, createBooking);
export const AmendBookingResult = mutationResult('AmendBooking', AmendBookingSuccess, amendBooking);
export const CancelBookingResult = mutationResult('CancelBooking', CancelBookingSuccess, cancelBooking);
export const CheckInBookingResult = mutationResult('CheckInBooking', CheckInBookingSuccess, checkInBooking);
export const CheckOutBookingResult = mutationResult('CheckOutBooking', CheckOutBookingSuccess, checkOutBooking);
export const MarkNoShowResult = mutationResult('MarkNoShow', MarkNoShowSuccess, markNoShow);
export const MoveRoomResult = mutationResult('MoveRoom', MoveRoomSuccess, moveRoom);
export const AssignRoomResult = mutationResult('AssignRoom', AssignRoomSuccess, assignRoom);
