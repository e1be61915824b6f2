import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../scalars';

@InputType()
export class CreateBookingInput {
  @Field(() => ID, { nullable: true, description: 'The room to book; or roomTypeId, one of the two.' })
  roomId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The room type to book, without a room: the booking holds a unit of the type on each night until a room is assigned (assignRoom, or at check-in).',
  })
  roomTypeId?: string | null;

  @Field(() => ID)
  customerId!: string;

  @Field(() => DateScalar)
  checkIn!: string;

  @Field(() => DateScalar, { description: 'The morning of departure: the last night is the one before.' })
  checkOut!: string;

  @Field(() => Int)
  numGuests!: number;

  @Field(() => ID, {
    nullable: true,
    description:
      "The waitlist offer (a NOTIFIED entry) the booking is made from: it must be for the entry's customer, room type, dates and party, and fulfils it.",
  })
  waitlistEntryId?: string | null;

  @Field(() => String, { nullable: true, description: "The partner's own reference for the booking (at most 100 characters), unique within its channel." })
  channelReference?: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'The total a quote gave: the booking is made only at that price, else PriceChangedError tells the new one and nothing is booked.',
  })
  quotedTotal?: string | null;

  @Field(() => String, { nullable: true, description: 'Retries with the same key and input return the first result and write nothing (24 hours).' })
  idempotencyKey?: string | null;
}

@InputType()
export class AmendBookingInput {
  @Field(() => ID, { nullable: true, description: 'The booking; or channelReference, one of the two.' })
  bookingId?: string | null;

  @Field(() => String, { nullable: true, description: "The booking by its partner's reference (a partner's own channel's)." })
  channelReference?: string | null;

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
  @Field(() => ID, { nullable: true, description: 'The booking; or channelReference, one of the two.' })
  bookingId?: string | null;

  @Field(() => String, { nullable: true, description: "The booking by its partner's reference (a partner's own channel's)." })
  channelReference?: string | null;

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
export const MarkNoShowInput = bookingRefInput('MarkNoShowInput');

@InputType()
export class CheckOutBookingInput {
  @Field(() => ID)
  bookingId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the guest may leave with the balance still owed (at most 500 characters). ADMIN only: the balance becomes a receivable, and the decision an audit entry. Without it an open balance refuses the check-out.',
  })
  openBalanceReason?: string | null;
}

@InputType()
export class MoveRoomInput {
  @Field(() => ID)
  bookingId!: string;

  @Field(() => ID, { description: 'The room to move to: in service, big enough, and free for the nights moved.' })
  roomId!: string;

  @Field(() => String, { description: 'Why the booking moves (at most 500 characters), for the booking log.' })
  reason!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description:
      'True (the default): the nightly rate and the bill stay as they are. False: the nights moved are sold at the new room type’s rate (a confirmed stay whole, an in-house one from the business date on).',
  })
  keepRate?: boolean | null;
}

@InputType()
export class AssignRoomInput {
  @Field(() => ID)
  bookingId!: string;

  @Field(() => ID, { description: "A room of the booking's room type, free for the stay." })
  roomId!: string;
}
