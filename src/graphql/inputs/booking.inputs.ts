import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../scalars';

@InputType()
export class CreateBookingInput {
  @Field(() => ID)
  roomId!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => DateScalar)
  checkIn!: string;

  @Field(() => DateScalar, { description: 'The morning of departure: the last night is the one before.' })
  checkOut!: string;

  @Field(() => Int)
  numGuests!: number;

  @Field(() => String, { nullable: true, description: 'Retries with the same key and input return the first result and write nothing (24 hours).' })
  idempotencyKey?: string | null;
}

@InputType()
export class AmendBookingInput {
  @Field(() => ID)
  bookingId!: string;

  @Field(() => ID, { nullable: true })
  roomId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  checkIn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  checkOut?: string | null;

  @Field(() => Int, { nullable: true })
  numGuests?: number | null;
}

@InputType()
export class CancelBookingInput {
  @Field(() => ID)
  bookingId!: string;

  @Field(() => String)
  reason!: string;
}

/** An input that only names the booking (check-in, check-out, no-show). */
function bookingRefInput(name: string) {
  @InputType(name)
  class BookingRef {
    @Field(() => ID)
    bookingId!: string;
  }
  return BookingRef;
}

export const CheckInBookingInput = bookingRefInput('CheckInBookingInput');
export const CheckOutBookingInput = bookingRefInput('CheckOutBookingInput');
export const MarkNoShowInput = bookingRefInput('MarkNoShowInput');
