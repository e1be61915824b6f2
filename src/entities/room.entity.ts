import { Check, Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RoomType } from './room-type.entity';

export enum RoomStatus {
  IN_SERVICE = 'IN_SERVICE',
  OUT_OF_ORDER = 'OUT_OF_ORDER',
  OUT_OF_SERVICE = 'OUT_OF_SERVICE',
}
export enum HousekeepingStatus {
  CLEAN = 'CLEAN',
  DIRTY = 'DIRTY',
  INSPECTED = 'INSPECTED',
}
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'rooms' })
@Check({ name: 'rooms_number_check', expression: 'length(btrim(number)) > 0' })
@Check({ name: 'rooms_floor_check', expression: 'floor >= -5 and floor <= 200' })
export class Room {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 20, unique: 'rooms_number_unique' })
  number!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  floor!: number;

  @ManyToOne(() => RoomType, { deleteRule: 'restrict' })
  roomType!: Rel<RoomType>;

  @Field(() => RoomStatus)
  @Enum({ items: () => RoomStatus, type: 'string', default: RoomStatus.IN_SERVICE })
  status: Opt<RoomStatus> = RoomStatus.IN_SERVICE;

  @Field(() => HousekeepingStatus)
  @Enum({ items: () => HousekeepingStatus, type: 'string', default: HousekeepingStatus.CLEAN })
  housekeepingStatus: Opt<HousekeepingStatus> = HousekeepingStatus.CLEAN;
}
