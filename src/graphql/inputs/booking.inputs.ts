import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../scalars';

@InputType({ description: 'A stay to book: in a room or of a room type, for a customer, over [checkIn, checkOut).' })
export class CreateBookingInput {
  @Field(() => ID, { nullable: true, description: 'The room to book; or roomTypeId, one of the two.' })
  roomId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The room type to book, without a room: the booking holds a unit of the type on each night until a room is assigned (assignRoom, or at check-in).',
  })
  roomTypeId?: string | null;

  @Field(() => ID, { description: 'The guest who stays; a partner’s own channel’s only.' })
  customerId!: string;

  @Field(() => DateScalar, { description: 'The arrival date: the first night; not before the business date.' })
  checkIn!: string;

  @Field(() => DateScalar, { description: 'The morning of departure: the last night is the one before.' })
  checkOut!: string;

  @Field(() => Int, { description: 'Guests in the party, 1 to the room type’s capacity.' })
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

@InputType({ description: 'The booking to change, and its new dates, room or party; a field left out keeps its value.' })
export class AmendBookingInput {
  @Field(() => ID, { nullable: true, description: 'The booking; or channelReference, one of the two.' })
  bookingId?: string | null;

  @Field(() => String, { nullable: true, description: "The booking by its partner's reference (a partner's own channel's)." })
  channelReference?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Another room for the whole stay (a CONFIRMED booking only; a guest in the house changes room with moveRoom).',
  })
  roomId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The new arrival date (a CONFIRMED booking only).' })
  checkIn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The new departure date: the morning after the last night.' })
  checkOut?: string | null;

  @Field(() => Int, { nullable: true, description: 'The new party size, 1 to the room type’s capacity.' })
  numGuests?: number | null;
}

@InputType({ description: 'The booking to cancel, and why.' })
export class CancelBookingInput {
  @Field(() => ID, { nullable: true, description: 'The booking; or channelReference, one of the two.' })
  bookingId?: string | null;

  @Field(() => String, { nullable: true, description: "The booking by its partner's reference (a partner's own channel's)." })
  channelReference?: string | null;

  @Field(() => String, { description: 'Why it is cancelled (at most 500 characters), kept on the booking.' })
  reason!: string;
}

/** An input that only names the booking (check-in, check-out, no-show). */
function bookingRefInput(name: string, description: string) {
  @InputType(name, { description })
  class BookingRef {
    @Field(() => ID, { description: 'The booking.' })
    bookingId!: string;
  }
  return BookingRef;
}

export const CheckInBookingInput = bookingRefInput('CheckInBookingInput', 'The booking whose guest arrives.');
export const MarkNoShowInput = bookingRefInput('MarkNoShowInput', 'The booking whose guest never came.');

@InputType({ description: 'The booking whose guest leaves.' })
export class CheckOutBookingInput {
  @Field(() => ID, { description: 'The booking.' })
  bookingId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the guest may leave with the balance still owed (at most 500 characters). ADMIN only: the balance becomes a receivable, and the decision an audit entry. Without it an open balance refuses the check-out.',
  })
  openBalanceReason?: string | null;
}

@InputType({ description: 'The booking to move, the room it moves to, and why.' })
export class MoveRoomInput {
  @Field(() => ID, { description: 'The booking.' })
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

@InputType({ description: 'A booking of a room type, and the room it gets.' })
export class AssignRoomInput {
  @Field(() => ID, { description: 'The booking, of a room type and without a room.' })
  bookingId!: string;

  @Field(() => ID, { description: "A room of the booking's room type, free for the stay." })
  roomId!: string;
}
