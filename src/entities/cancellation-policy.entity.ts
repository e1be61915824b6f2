import { Check, Entity, Enum, Index, OneToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../scalars';
import { RoomType } from './room-type.entity';

/** How a fee is reckoned from the booking it falls on. */
export enum FeeKind {
  NONE = 'NONE',
  FIRST_NIGHT = 'FIRST_NIGHT',
  PERCENT = 'PERCENT',
  FIXED = 'FIXED',
}
export const FEE_KIND_MEANINGS: Readonly<Record<FeeKind, string>> = {
  NONE: 'No fee.',
  FIRST_NIGHT: 'The booking’s nightly rate, once.',
  PERCENT: 'The value (above 0, at most 100) percent of the booking’s room total.',
  FIXED: 'The value, an amount in the hotel’s currency, at most the room total.',
};

const FEE_VALUE = (kind: string, value: string) =>
  `((${kind} = 'NONE' or ${kind} = 'FIRST_NIGHT') and ${value} = 0) or (${kind} = 'PERCENT' and ${value} > 0 and ${value} <= 100) or (${kind} = 'FIXED' and ${value} > 0)`;

@ObjectType({
  simpleResolvers: true,
  description:
    'What cancelling or not arriving costs: free until freeUntilDays days before arrival, then the cancellation fee; a no-show pays the no-show fee. One per room type, and the hotel’s default (roomType null) for every type without its own.',
})
@Entity({ tableName: 'cancellation_policies' })
@Index({
  name: 'cancellation_policies_one_default',
  expression: 'create unique index "cancellation_policies_one_default" on "cancellation_policies" ((true)) where "room_type_id" is null',
})
@Check({ name: 'cancellation_policies_free_until_check', expression: 'free_until_days >= 0 and free_until_days <= 365' })
@Check({ name: 'cancellation_policies_cancellation_fee_check', expression: FEE_VALUE('cancellation_fee_kind', 'cancellation_fee_value') })
@Check({ name: 'cancellation_policies_no_show_fee_check', expression: FEE_VALUE('no_show_fee_kind', 'no_show_fee_value') })
export class CancellationPolicy {
  @Field(() => ID, { description: 'Unique among cancellation policies; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** Null: the hotel's default. */
  @OneToOne(() => RoomType, { nullable: true, deleteRule: 'cascade', owner: true, unique: 'cancellation_policies_room_type_id_unique' })
  roomType?: Rel<RoomType> | null;

  @Field(() => Int, { description: 'Cancelling is free until this many days before the arrival date.' })
  @Property({ type: 'integer' })
  freeUntilDays!: number;

  @Field(() => FeeKind, { description: 'How the fee of a cancellation after the free period is reckoned.' })
  @Enum({ items: () => FeeKind, type: 'string' })
  cancellationFeeKind!: FeeKind;

  @Field(() => MoneyScalar, { description: 'Percent for PERCENT, an amount for FIXED, 0 otherwise.' })
  @Property({ type: 'decimal', precision: 12, scale: 2, default: '0' })
  cancellationFeeValue: Opt<string> = '0.00';

  @Field(() => FeeKind, { description: 'How the fee of a no-show is reckoned.' })
  @Enum({ items: () => FeeKind, type: 'string' })
  noShowFeeKind!: FeeKind;

  @Field(() => MoneyScalar, { description: 'Percent for PERCENT, an amount for FIXED, 0 otherwise.' })
  @Property({ type: 'decimal', precision: 12, scale: 2, default: '0' })
  noShowFeeValue: Opt<string> = '0.00';

  @Field(() => Date, { description: 'When the policy was last set.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt!: Opt<Date>;
}
