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
  @Mutation(() => CreateRoomTypeResult)
  async createRoomType(@Arg('input', () => CreateRoomTypeInput) input: CreateRoomTypeInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CreateRoomTypeSuccess, 'roomType', await createRoomType(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdateRoomTypeResult)
  async updateRoomType(@Arg('input', () => UpdateRoomTypeInput) input: UpdateRoomTypeInput, @Ctx() ctx: GraphQLContext) {
    return succeed(UpdateRoomTypeSuccess, 'roomType', await updateRoomType(ctx, input));
  }

  @Authorized()
  @Mutation(() => CreateRoomResult)
  async createRoom(@Arg('input', () => CreateRoomInput) input: CreateRoomInput, @Ctx() ctx: GraphQLContext) {
    return succeed(CreateRoomSuccess, 'room', await createRoom(ctx, input));
  }

  @Authorized()
  @Mutation(() => UpdateRoomResult)
  async updateRoom(@Arg('input', () => UpdateRoomInput) input: UpdateRoomInput, @Ctx() ctx: GraphQLContext) {
    return succeed(UpdateRoomSuccess, 'room', await updateRoom(ctx, input));
  }
}
