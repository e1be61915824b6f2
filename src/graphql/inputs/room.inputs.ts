import { Field, ID, InputType, Int } from 'type-graphql';
import { HousekeepingStatus, RoomStatus } from '../../entities/room.entity';
import { MoneyScalar } from '../../scalars';

@InputType()
export class CreateRoomTypeInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  capacity!: number;

  @Field(() => MoneyScalar, { description: 'Price of one night.' })
  baseRate!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'Fewest nights one booking may stay (default 1); rate seasons may ask otherwise.' })
  minStay?: number | null;
}

@InputType()
export class UpdateRoomTypeInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Int, { nullable: true })
  capacity?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Applies to bookings made from now on.' })
  baseRate?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'Fewest nights one booking may stay; applies to bookings made from now on.' })
  minStay?: number | null;
}

@InputType()
export class CreateRoomInput {
  @Field(() => String)
  number!: string;

  @Field(() => Int)
  floor!: number;

  @Field(() => ID)
  roomTypeId!: string;

  @Field(() => RoomStatus, { nullable: true })
  status?: RoomStatus | null;

  @Field(() => HousekeepingStatus, { nullable: true })
  housekeepingStatus?: HousekeepingStatus | null;
}

@InputType()
export class UpdateRoomInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  number?: string | null;

  @Field(() => Int, { nullable: true })
  floor?: number | null;

  @Field(() => ID, { nullable: true })
  roomTypeId?: string | null;

  @Field(() => RoomStatus, { nullable: true })
  status?: RoomStatus | null;

  @Field(() => HousekeepingStatus, { nullable: true })
  housekeepingStatus?: HousekeepingStatus | null;
}
