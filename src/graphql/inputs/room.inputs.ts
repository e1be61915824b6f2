import { Field, ID, InputType, Int } from 'type-graphql';
import { HousekeepingStatus, RoomStatus } from '../../entities/room.entity';
import { MoneyScalar } from '../../scalars';

@InputType({ description: 'A room type to add.' })
export class CreateRoomTypeInput {
  @Field(() => String, { description: 'What the hotel calls it, unique (at most 100 characters).' })
  name!: string;

  @Field(() => Int, { description: 'Most guests one booking may bring, at least 1.' })
  capacity!: number;

  @Field(() => MoneyScalar, { description: 'Price of one night.' })
  baseRate!: string;

  @Field(() => String, { nullable: true, description: 'Free text for guests.' })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'Fewest nights one booking may stay (default 1); rate seasons may ask otherwise.' })
  minStay?: number | null;
}

@InputType({ description: 'A room type to change; a field left out keeps its value.' })
export class UpdateRoomTypeInput {
  @Field(() => ID, { description: 'The room type.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'What the hotel calls it, unique.' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'Most guests one booking may bring; must still fit the parties booked.' })
  capacity?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Applies to bookings made from now on.' })
  baseRate?: string | null;

  @Field(() => String, { nullable: true, description: 'Free text for guests.' })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'Fewest nights one booking may stay; applies to bookings made from now on.' })
  minStay?: number | null;
}

@InputType({ description: 'A room to add.' })
export class CreateRoomInput {
  @Field(() => String, { description: 'The number on the door, unique (at most 20 characters).' })
  number!: string;

  @Field(() => Int, { description: 'The floor, -5 to 200.' })
  floor!: number;

  @Field(() => ID, { description: 'Its room type.' })
  roomTypeId!: string;

  @Field(() => RoomStatus, { nullable: true, description: 'Whether it can be sold; IN_SERVICE when left out.' })
  status?: RoomStatus | null;

  @Field(() => HousekeepingStatus, { nullable: true, description: 'Whether it is ready for a guest; CLEAN when left out.' })
  housekeepingStatus?: HousekeepingStatus | null;
}

@InputType({ description: 'A room to change; a field left out keeps its value.' })
export class UpdateRoomInput {
  @Field(() => ID, { description: 'The room.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The number on the door, unique.' })
  number?: string | null;

  @Field(() => Int, { nullable: true, description: 'The floor, -5 to 200.' })
  floor?: number | null;

  @Field(() => ID, { nullable: true, description: 'Another room type, big enough for the confirmed bookings’ parties.' })
  roomTypeId?: string | null;

  @Field(() => RoomStatus, { nullable: true, description: 'Whether it can be sold; not out of service or order while a guest is checked in.' })
  status?: RoomStatus | null;

  @Field(() => HousekeepingStatus, { nullable: true, description: 'Whether it is ready for a guest.' })
  housekeepingStatus?: HousekeepingStatus | null;
}
