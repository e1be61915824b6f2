import { Check, Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { MAX_ITEM_AMOUNT } from '../money';
import { MoneyScalar } from '../scalars';
import { Booking } from './booking.entity';
import { User } from './user.entity';

/** What a folio item is: a charge staff posted, one a rule of the hotel posted, or points a guest spent. */
export enum FolioItemKind {
  /** Posted by staff (addFolioItem): minibar, spa, a credit. */
  CHARGE = 'CHARGE',
  CANCELLATION_FEE = 'CANCELLATION_FEE',
  NO_SHOW_FEE = 'NO_SHOW_FEE',
  /** The nights not stayed, kept on the bill by EARLY_DEPARTURE_POLICY=charge_remaining. */
  EARLY_DEPARTURE = 'EARLY_DEPARTURE',
  /** A credit for loyalty points spent on the bill (redeemLoyaltyPoints), always negative. */
  LOYALTY_REDEMPTION = 'LOYALTY_REDEMPTION',
}

/** The kinds a booking carries at most once: a fee is posted once, whoever asks twice. */
export const ONCE_PER_BOOKING: readonly FolioItemKind[] = [FolioItemKind.CANCELLATION_FEE, FolioItemKind.NO_SHOW_FEE, FolioItemKind.EARLY_DEPARTURE];

/** A charge on a booking's bill beside the room (minibar, spa, a fee); negative for a credit. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'folio_items' })
@Index({
  name: 'folio_items_fee_once',
  expression: `create unique index "folio_items_fee_once" on "folio_items" ("booking_id", "kind") where "kind" in (${ONCE_PER_BOOKING.map((kind) => `'${kind}'`).join(', ')})`,
})
@Check({ name: 'folio_items_amount_check', expression: 'amount <> 0' })
@Check({ name: 'folio_items_amount_bound_check', expression: `abs(amount) <= ${MAX_ITEM_AMOUNT}` })
@Check({ name: 'folio_items_description_check', expression: 'length(btrim(description)) > 0' })
@Check({ name: 'folio_items_loyalty_credit_check', expression: `kind <> '${FolioItemKind.LOYALTY_REDEMPTION}' or amount < 0` })
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

  @Field(() => FolioItemKind)
  @Enum({ items: () => FolioItemKind, type: 'string', default: FolioItemKind.CHARGE })
  kind: Opt<FolioItemKind> = FolioItemKind.CHARGE;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  postedBy?: Rel<User> | null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
