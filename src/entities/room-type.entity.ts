import { Check, Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MAX_ITEM_AMOUNT } from '../money';
import { MoneyScalar } from '../scalars';

/** The longest minimum stay a rate plan may ask: a year. */
export const MAX_MIN_STAY = 365;

@ObjectType({ simpleResolvers: true, description: 'A kind of room the hotel sells, with its capacity and rate plan; partners sell and book room types.' })
@Entity({ tableName: 'room_types' })
@Check({ name: 'room_types_capacity_check', expression: 'capacity > 0' })
@Check({ name: 'room_types_base_rate_check', expression: 'base_rate >= 0' })
@Check({ name: 'room_types_base_rate_bound_check', expression: `base_rate <= ${MAX_ITEM_AMOUNT}` })
@Check({ name: 'room_types_name_check', expression: 'length(btrim(name)) > 0' })
@Check({ name: 'room_types_min_stay_check', expression: `min_stay >= 1 and min_stay <= ${MAX_MIN_STAY}` })
export class RoomType {
  @Field(() => ID, { description: 'Unique among room types; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'What the hotel calls it, unique ("Double", "Suite").' })
  @Property({ type: 'string', length: 100, unique: 'room_types_name_unique' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Free text for guests; null when none was given.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => Int, { description: 'Most guests one booking of this type may bring.' })
  @Property({ type: 'integer' })
  capacity!: number;

  @Field(() => MoneyScalar, { description: 'The price of one night wherever no rate season sets another.' })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  baseRate!: string;

  @Field(() => Int, { description: 'Fewest nights one booking may stay, unless a rate season says otherwise for its arrival night.' })
  @Property({ type: 'integer', default: 1 })
  minStay: Opt<number> = 1;
}
