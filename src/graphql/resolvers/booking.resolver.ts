import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, InputType, Query, Resolver, Root } from 'type-graphql';
import { listScope, visibleOrNull } from '../../auth/visibility';
import { toId, toIdFilter } from '../../db/ids';
import type { Detached } from '../../db/read-rows';
import { Booking, BookingStatus, MAX_CHANNEL_LENGTH } from '../../entities/booking.entity';
import { BookingLog } from '../../entities/booking-log.entity';
import { Customer } from '../../entities/customer.entity';
import { FolioItem } from '../../entities/folio-item.entity';
import { Invoice } from '../../entities/invoice.entity';
import { Payment } from '../../entities/payment.entity';
import { Room } from '../../entities/room.entity';
import { RoomType } from '../../entities/room-type.entity';
import { User } from '../../entities/user.entity';
import { RequestError } from '../../errors/request-error';
import { InputCheck } from '../../kernel/input-check';
import { fromCents } from '../../money';
import { DateScalar, MoneyScalar } from '../../scalars';
import { listBookings } from '../../services/booking-queries';
import { bookingsByReference, MAX_CHANNEL_REFERENCE_LENGTH } from '../../services/booking-reference';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';
import { Deletability } from '../types/deletability.type';
import { deletabilityOf } from './deletability';

export const BookingConnection = ConnectionType(Booking);

@InputType({ description: 'Which bookings to list; every condition given must hold.' })
export class BookingFilterInput {
  @Field(() => [BookingStatus], { nullable: true, description: 'Bookings in one of these statuses.' })
  statuses?: BookingStatus[];

  @Field(() => DateScalar, { nullable: true, description: 'Bookings with a night on or after this date.' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Bookings with a night before this date.' })
  to?: string;

  @Field(() => ID, { nullable: true, description: 'Bookings in this room.' })
  roomId?: string;

  @Field(() => ID, { nullable: true, description: 'Bookings of this guest.' })
  customerId?: string;

  @Field(() => Date, { nullable: true, description: 'Bookings changed at or after this instant (updatedAt): what a poll since the last one must read again.' })
  updatedSince?: Date;
}

@Resolver(() => Booking)
export class BookingResolver {
  @Authorized()
  @Query(() => BookingConnection, { description: "Bookings by check-in date, then id; a partner's own channel's only." })
  async bookings(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => BookingFilterInput, { nullable: true, description: 'Which bookings; every one the caller may see when left out.' }) filter:
      | BookingFilterInput
      | undefined,
    @Ctx() { em, caller }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (filter?.from && filter.to && filter.from >= filter.to) throw new RequestError('filter.to must be after filter.from');
    const result = await listBookings(
      em,
      {
        statuses: filter?.statuses ?? undefined,
        from: filter?.from ?? undefined,
        to: filter?.to ?? undefined,
        roomId: toIdFilter(filter?.roomId),
        customerId: toIdFilter(filter?.customerId),
        updatedSince: filter?.updatedSince ?? undefined,
        channel: listScope(caller),
      },
      { ...page, shape: rowShapeOf(info, em.getMetadata().get(Booking.name)) },
    );
    return BookingConnection.fromPage(result);
  }

  @Authorized()
  @Query(() => Booking, { nullable: true, description: 'Null when there is no such booking, or it belongs to another partner.' })
  async booking(@Arg('id', () => ID, { description: 'The booking’s id.' }) id: string, @Ctx() { loaders, caller }: GraphQLContext) {
    const key = toId(id);
    return key ? visibleOrNull(caller, await loaders.booking.load(key)) : null;
  }

  @FieldResolver(() => Room, { nullable: true, description: 'Null for a booking of a room type until a room is assigned (assignRoom, or at check-in).' })
  room(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    return related(booking.room, loaders.room);
  }

  @FieldResolver(() => RoomType, { description: "The room type the booking holds: its room's, once it has one." })
  roomType(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    return related(booking.roomType, loaders.roomType);
  }

  @Authorized()
  @Query(() => Booking, {
    nullable: true,
    description:
      "The booking with this partner's reference: a partner's in its own channel; for the hotel, in `channel`, or in any channel when only one has it. Null when there is none.",
  })
  async bookingByReference(
    @Arg('reference', () => String, { description: 'The partner’s own reference for the booking.' }) reference: string,
    @Arg('channel', () => String, { nullable: true, description: 'The hotel only: the channel the reference belongs to.' }) channel: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    const check = new InputCheck(null);
    const checked = check.text('reference', reference, { max: MAX_CHANNEL_REFERENCE_LENGTH });
    const inChannel = check.text('channel', channel, { max: MAX_CHANNEL_LENGTH });
    check.doneForQuery();
    const found = await bookingsByReference(ctx, checked!, inChannel);
    return found.length === 1 ? found[0] : null;
  }

  @FieldResolver(() => Customer, { description: 'The guest who stays.' })
  customer(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    return related(booking.customer, loaders.customer);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The staff user who cancelled it; null when it is not cancelled, a partner cancelled it, or that user is deleted.',
  })
  cancelledBy(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    return related(booking.cancelledBy, loaders.user);
  }

  @FieldResolver(() => [Payment], { description: 'The payments taken for it, refunds shown on each.' })
  payments(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    return loaders.paymentsOfBooking.load(booking.id);
  }

  @FieldResolver(() => [FolioItem], { description: 'Its bill beside the room: charges, fees and credits.' })
  folioItems(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    return loaders.folioItemsOfBooking.load(booking.id);
  }

  @FieldResolver(() => MoneyScalar, { description: 'What the guest still owes: total + charges − payments net of refunds.' })
  async balance(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    const folio = await loaders.folioOfBooking.load(booking.id);
    return folio && fromCents(folio.balanceCents);
  }

  @FieldResolver(() => Invoice, { nullable: true, description: 'Issued at check-out.' })
  async invoice(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    const [invoice] = await loaders.invoicesOfBooking.load(booking.id);
    return invoice ?? null;
  }

  @FieldResolver(() => [BookingLog], { description: 'Its history, one entry per change, each written with the change.' })
  logs(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    return loaders.logsOfBooking.load(booking.id);
  }

  @FieldResolver(() => Deletability, { description: 'Whether deleting it is allowed now, and what blocks it.' })
  deletable(@Root() booking: Detached<Booking>, @Ctx() { loaders }: GraphQLContext) {
    return deletabilityOf(loaders, 'BOOKING', booking.id);
  }
}
