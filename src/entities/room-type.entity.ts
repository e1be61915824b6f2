import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MAX_ITEM_AMOUNT } from '../money';
import { MoneyScalar } from '../scalars';

@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'room_types' })
@Check({ name: 'room_types_capacity_check', expression: 'capacity > 0' })
@Check({ name: 'room_types_base_rate_check', expression: 'base_rate >= 0' })
@Check({ name: 'room_types_base_rate_bound_check', expression: `base_rate <= ${MAX_ITEM_AMOUNT}` })
@Check({ name: 'room_types_name_check', expression: 'length(btrim(name)) > 0' })
export class RoomType {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 100, unique: 'room_types_name_unique' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** Most guests one booking of this type may bring. */
  @Field(() => Int)
  @Property({ type: 'integer' })
  capacity!: number;

  /** Price of one night. */
  @Field(() => MoneyScalar)
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  baseRate!: string;
}
