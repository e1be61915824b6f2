import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { createRoom, createRoomType, updateRoom, updateRoomType } from '../../services/room.service';
import type { GraphQLContext } from '../context';
import { CreateRoomInput, CreateRoomTypeInput, UpdateRoomInput, UpdateRoomTypeInput } from '../inputs/room.inputs';
import { succeed } from '../results/mutation-result';
import {
  CreateRoomResult,
  CreateRoomSuccess,
  CreateRoomTypeResult,
  CreateRoomTypeSuccess,
  UpdateRoomResult,
  UpdateRoomSuccess,
  UpdateRoomTypeResult,
  UpdateRoomTypeSuccess,
} from '../results/room.results';

@Resolver()
export class RoomOperationsResolver {
  @Authorized()
  @Mutation(() => CreateRoomTypeResult, { description: 'Adds a room type with its capacity, base rate and minimum stay.' })
  async createRoomType(
    @Arg('input', () => CreateRoomTypeInput, { description: 'The room type’s name, capacity and rates.' }) input: CreateRoomTypeInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(CreateRoomTypeSuccess, 'roomType', await createRoomType(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdateRoomTypeResult, {
    description:
      'Changes a room type; fields left out stay. A new base rate or minimum stay applies to bookings made from now on; a smaller capacity must still fit the parties booked.',
  })
  async updateRoomType(
    @Arg('input', () => UpdateRoomTypeInput, { description: 'The room type, and what changes.' }) input: UpdateRoomTypeInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(UpdateRoomTypeSuccess, 'roomType', await updateRoomType(ctx, input));
  }

  @Authorized()
  @Mutation(() => CreateRoomResult, { description: 'Adds a room to the hotel, of a room type; its number must be unique.' })
  async createRoom(
    @Arg('input', () => CreateRoomInput, { description: 'The room’s number, floor and type.' }) input: CreateRoomInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return succeed(CreateRoomSuccess, 'room', await createRoom(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdateRoomResult, {
    description:
      'Edits a room; fields left out stay. Taking it out of service or order while a guest is checked in is refused (move the guest first); a smaller room type must still fit its confirmed bookings’ parties.',
  })
  async updateRoom(@Arg('input', () => UpdateRoomInput, { description: 'The room, and what changes.' }) input: UpdateRoomInput, @Ctx() ctx: GraphQLContext) {
    return succeed(UpdateRoomSuccess, 'room', await updateRoom(ctx, input));
  }
}
