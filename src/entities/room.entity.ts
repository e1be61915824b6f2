import { Check, Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RoomType } from './room-type.entity';

export enum RoomStatus {
  IN_SERVICE = 'IN_SERVICE',
  OUT_OF_ORDER = 'OUT_OF_ORDER',
  OUT_OF_SERVICE = 'OUT_OF_SERVICE',
}
export const ROOM_STATUS_MEANINGS: Readonly<Record<RoomStatus, string>> = {
  IN_SERVICE: 'For sale, except on nights an unresolved maintenance request takes it out of order.',
  OUT_OF_ORDER: 'Not for sale because of a fault; resolving its last open maintenance request returns it to service.',
  OUT_OF_SERVICE: 'Not for sale for another reason (renovation, the hotel’s own use) until set IN_SERVICE again.',
};

export enum HousekeepingStatus {
  CLEAN = 'CLEAN',
  DIRTY = 'DIRTY',
  INSPECTED = 'INSPECTED',
}
export const HOUSEKEEPING_STATUS_MEANINGS: Readonly<Record<HousekeepingStatus, string>> = {
  CLEAN: 'Cleaned (a CLEANING task done): ready for a guest.',
  DIRTY: 'To be cleaned: a guest checked out (which makes a cleaning task), or staff said so. Check-in to it is refused.',
  INSPECTED: 'Cleaned and checked (an INSPECTION task done): ready for a guest.',
};
@ObjectType({
  simpleResolvers: true,
  description: 'A room of the hotel: its number, floor and room type, whether it can be sold, and whether it is ready for a guest.',
})
@Entity({ tableName: 'rooms' })
@Check({ name: 'rooms_number_check', expression: 'length(btrim(number)) > 0' })
@Check({ name: 'rooms_floor_check', expression: 'floor >= -5 and floor <= 200' })
export class Room {
  @Field(() => ID, { description: 'Unique among rooms; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'The number guests see on the door, unique in the hotel ("101").' })
  @Property({ type: 'string', length: 20, unique: 'rooms_number_unique' })
  number!: string;

  @Field(() => Int, { description: 'The floor it is on, -5 to 200.' })
  @Property({ type: 'integer' })
  floor!: number;

  @ManyToOne(() => RoomType, { deleteRule: 'restrict' })
  roomType!: Rel<RoomType>;

  @Field(() => RoomStatus, { description: 'Whether it can be sold at all.' })
  @Enum({ items: () => RoomStatus, type: 'string', default: RoomStatus.IN_SERVICE })
  status: Opt<RoomStatus> = RoomStatus.IN_SERVICE;

  @Field(() => HousekeepingStatus, { description: 'Whether it is ready for the next guest.' })
  @Enum({ items: () => HousekeepingStatus, type: 'string', default: HousekeepingStatus.CLEAN })
  housekeepingStatus: Opt<HousekeepingStatus> = HousekeepingStatus.CLEAN;
}
