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
  @Mutation(() => CreateBookingResult)
  async createBooking(@Arg('input', () => CreateBookingInput) input: CreateBookingInput, @Ctx() ctx: GraphQLContext) {
    return Object.assign(new CreateBookingSuccess(), { booking: await createBooking(ctx, input), replayed: false });
  }

  @Authorized()
  @Mutation(() => AmendBookingResult)
  async amendBooking(@Arg('input', () => AmendBookingInput) input: AmendBookingInput, @Ctx() ctx: GraphQLContext) {
    return succeed(AmendBookingSuccess, 'booking', await amendBooking(ctx, input));
  }

  @Authorized()
  @Mutation(() => AssignRoomResult, { description: 'Gives a booking of a room type its room, of that type (moveRoom moves a booking to another type).' })
  async assignRoom(@Arg('input', () => AssignRoomInput) input: AssignRoomInput, @Ctx() ctx: GraphQLContext) {
    return succeed(AssignRoomSuccess, 'booking', await assignRoom(ctx, input));
  }

  @Authorized()
  @Mutation(() => CancelBookingResult)
  async cancelBooking(@Arg('input', () => CancelBookingInput) input: CancelBookingInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CancelBookingSuccess, 'booking', await cancelBooking(ctx, input));
  }

  @Authorized()
  @Mutation(() => CheckInBookingResult)
  async checkInBooking(@Arg('input', () => CheckInBookingInput) input: InstanceType<typeof CheckInBookingInput>, @Ctx() ctx: GraphQLContext) {
    return succeed(CheckInBookingSuccess, 'booking', await checkInBooking(ctx, input));
  }

  @Authorized()
  @Mutation(() => CheckOutBookingResult)
  async checkOutBooking(@Arg('input', () => CheckOutBookingInput) input: CheckOutBookingInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CheckOutBookingSuccess, 'booking', await checkOutBooking(ctx, input));
  }

  @Authorized()
  @Mutation(() => MoveRoomResult)
  async moveRoom(@Arg('input', () => MoveRoomInput) input: MoveRoomInput, @Ctx() ctx: GraphQLContext) {
    return succeed(MoveRoomSuccess, 'booking', await moveRoom(ctx, input));
  }

  @Authorized()
  @Mutation(() => MarkNoShowResult)
  async markNoShow(@Arg('input', () => MarkNoShowInput) input: InstanceType<typeof MarkNoShowInput>, @Ctx() ctx: GraphQLContext) {
    return succeed(MarkNoShowSuccess, 'booking', await markNoShow(ctx, input));
  }
}
