import { Check, Entity, Enum, Index, OneToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars';
import { RoomType } from './room-type.entity';

/** How a fee is reckoned from the booking it falls on. */
export enum FeeKind {
  /** No fee. */
  NONE = 'NONE',
  /** The booking's nightly rate, once. */
  FIRST_NIGHT = 'FIRST_NIGHT',
  /** `value` percent of the booking's room total. */
  PERCENT = 'PERCENT',
  /** `value` in the hotel's currency, at most the room total. */
  FIXED = 'FIXED',
}

const FEE_VALUE = (kind: string, value: string) =>
  `((${kind} = 'NONE' or ${kind} = 'FIRST_NIGHT') and ${value} = 0) or (${kind} = 'PERCENT' and ${value} > 0 and ${value} <= 100) or (${kind} = 'FIXED' and ${value} > 0)`;

/**
 * What cancelling or not arriving costs: free until `freeUntilDays` days before arrival,
 * then the cancellation fee; a no-show pays the no-show fee. One row per room type, and
 * one without a room type: the hotel's default, for every type without its own.
 */
@ObjectType({ simpleResolvers: true, description: 'What cancelling or not arriving costs, for one room type or the whole hotel.' })
@Entity({ tableName: 'cancellation_policies' })
@Index({
  name: 'cancellation_policies_one_default',
  expression: 'create unique index "cancellation_policies_one_default" on "cancellation_policies" ((true)) where "room_type_id" is null',
})
@Check({ name: 'cancellation_policies_free_until_check', expression: 'free_until_days >= 0 and free_until_days <= 365' })
@Check({ name: 'cancellation_policies_cancellation_fee_check', expression: FEE_VALUE('cancellation_fee_kind', 'cancellation_fee_value') })
@Check({ name: 'cancellation_policies_no_show_fee_check', expression: FEE_VALUE('no_show_fee_kind', 'no_show_fee_value') })
export class CancellationPolicy {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** Null: the hotel's default. */
  @OneToOne(() => RoomType, { nullable: true, deleteRule: 'cascade', owner: true, unique: 'cancellation_policies_room_type_id_unique' })
  roomType?: Rel<RoomType> | null;

  @Field(() => Int, { description: 'Cancelling is free until this many days before the arrival date.' })
  @Property({ type: 'integer' })
  freeUntilDays!: number;

  @Field(() => FeeKind)
  @Enum({ items: () => FeeKind, type: 'string' })
  cancellationFeeKind!: FeeKind;

  @Field(() => MoneyScalar, { description: 'Percent for PERCENT, an amount for FIXED, 0 otherwise.' })
  @Property({ type: 'decimal', precision: 12, scale: 2, default: '0' })
  cancellationFeeValue: Opt<string> = '0.00';

  @Field(() => FeeKind)
  @Enum({ items: () => FeeKind, type: 'string' })
  noShowFeeKind!: FeeKind;

  @Field(() => MoneyScalar, { description: 'Percent for PERCENT, an amount for FIXED, 0 otherwise.' })
  @Property({ type: 'decimal', precision: 12, scale: 2, default: '0' })
  noShowFeeValue: Opt<string> = '0.00';

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt!: Opt<Date>;
}
