import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { MAX_ITEM_AMOUNT } from '../money';
import { MoneyScalar } from '../scalars';
import { Booking } from './booking.entity';
import { User } from './user.entity';

/** A charge on a booking's bill beside the room (minibar, spa); negative for a credit. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'folio_items' })
@Check({ name: 'folio_items_amount_check', expression: 'amount <> 0' })
@Check({ name: 'folio_items_amount_bound_check', expression: `abs(amount) <= ${MAX_ITEM_AMOUNT}` })
@Check({ name: 'folio_items_description_check', expression: 'length(btrim(description)) > 0' })
export class FolioItem {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Booking, { deleteRule: 'cascade' })
  booking!: Rel<Booking>;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  description!: string;

  @Field(() => MoneyScalar)
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  postedBy?: Rel<User> | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
