import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { amendBooking, assignRoom, checkInBooking, checkOutBooking, createBooking, moveRoom } from '../../services/booking.service';
import { cancelBooking, markNoShow } from '../../services/cancellation';
import type { GraphQLContext } from '../context';
import {
  AmendBookingInput,
  AssignRoomInput,
  CancelBookingInput,
  CheckInBookingInput,
  CheckOutBookingInput,
  CreateBookingInput,
  MarkNoShowInput,
  MoveRoomInput,
} from '../inputs/booking.inputs';
import {
  AmendBookingResult,
  AmendBookingSuccess,
  AssignRoomResult,
  AssignRoomSuccess,
  CancelBookingResult,
  CancelBookingSuccess,
  CheckInBookingResult,
  CheckInBookingSuccess,
  CheckOutBookingResult,
  CheckOutBookingSuccess,
  CreateBookingResult,
  CreateBookingSuccess,
  MarkNoShowResult,
  MarkNoShowSuccess,
  MoveRoomResult,
  MoveRoomSuccess,
} from '../results/booking.results';
import { succeed } from '../results/mutation-result';

/** Booking mutations: each one transaction, its errors returned as members of its union. */
@Resolver()
export class BookingOperationsResolver {
  @Authorized()
  @Mutation(() => CreateBookingResult, {
    description:
      'Books a stay in a room (roomId), or of a room type (roomTypeId; the room is assigned later), priced night by night by the rate plan. Refused when a night is taken or sold out, the party too big, the stay too short or its arrival closed, or the total not quotedTotal. A partner books for its own channel’s customers.',
  })
  async createBooking(@Arg('input', () => CreateBookingInput, { description: 'The stay to book.' }) input: CreateBookingInput, @Ctx() ctx: GraphQLContext) {
    return Object.assign(new CreateBookingSuccess(), { booking: await createBooking(ctx, input), replayed: false });
  }

  @Authorized()
  @Mutation(() => AmendBookingResult, {
    description:
      'Changes a booking’s dates, room or party size, and its price with them. A confirmed booking may change any of them; a checked-in guest may stay longer, leave earlier or change the party (moveRoom changes their room).',
  })
  async amendBooking(
    @Arg('input', () => AmendBookingInput, { description: 'The booking, and what changes; fields left out stay.' }) input: AmendBookingInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(AmendBookingSuccess, 'booking', await amendBooking(ctx, input));
  }

  @Authorized()
  @Mutation(() => AssignRoomResult, { description: 'Gives a booking of a room type its room, of that type (moveRoom moves a booking to another type).' })
  async assignRoom(@Arg('input', () => AssignRoomInput, { description: 'The booking and its room.' }) input: AssignRoomInput, @Ctx() ctx: GraphQLContext) {
    return succeed(AssignRoomSuccess, 'booking', await assignRoom(ctx, input));
  }

  @Authorized()
  @Mutation(() => CancelBookingResult, {
    description:
      'Cancels a CONFIRMED booking, recording who, when and why, posts the fee its cancellation policy asks (cancellationQuote tells it beforehand), and offers the freed nights to the waitlist.',
  })
  async cancelBooking(@Arg('input', () => CancelBookingInput, { description: 'The booking, and why.' }) input: CancelBookingInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CancelBookingSuccess, 'booking', await cancelBooking(ctx, input));
  }

  @Authorized()
  @Mutation(() => CheckInBookingResult, {
    description:
      'Checks the guest in on a day of the stay, into a room that is ready: in service, not out of order that night, not DIRTY. A booking of a room type without a room is given a ready room of its type.',
  })
  async checkInBooking(
    @Arg('input', () => CheckInBookingInput, { description: 'The booking arriving.' }) input: InstanceType<typeof CheckInBookingInput>,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(CheckInBookingSuccess, 'booking', await checkInBooking(ctx, input));
  }

  @Authorized()
  @Mutation(() => CheckOutBookingResult, {
    description:
      'Checks the guest out; before checkOut it is an early departure. The bill must be settled (an overpaid one is refunded first) unless an ADMIN gives openBalanceReason. The guest earns loyalty points, the room turns DIRTY with a cleaning task, and the stay gets its invoice.',
  })
  async checkOutBooking(
    @Arg('input', () => CheckOutBookingInput, { description: 'The booking leaving, and why it may leave owing, if it may.' }) input: CheckOutBookingInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(CheckOutBookingSuccess, 'booking', await checkOutBooking(ctx, input));
  }

  @Authorized()
  @Mutation(() => MoveRoomResult, {
    description:
      'Moves a booking to another room, of its type or another: the whole stay before arrival, the nights left for a guest in the house. keepRate decides the price; the nights left in the old room go to its waitlist.',
  })
  async moveRoom(
    @Arg('input', () => MoveRoomInput, { description: 'The booking, the room to move to, why, and whether the rate stays.' }) input: MoveRoomInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(MoveRoomSuccess, 'booking', await moveRoom(ctx, input));
  }

  @Authorized()
  @Mutation(() => MarkNoShowResult, {
    description:
      'Marks a CONFIRMED booking whose check-in day has passed a no-show, and posts its no-show fee. Closing the business day does it for every such booking.',
  })
  async markNoShow(
    @Arg('input', () => MarkNoShowInput, { description: 'The booking whose guest never came.' }) input: InstanceType<typeof MarkNoShowInput>,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(MarkNoShowSuccess, 'booking', await markNoShow(ctx, input));
  }
}
