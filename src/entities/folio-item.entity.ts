import { Check, Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { MAX_ITEM_AMOUNT } from '../money';
import { MoneyScalar } from '../scalars';
import { Booking } from './booking.entity';
import { User } from './user.entity';

export enum FolioItemKind {
  CHARGE = 'CHARGE',
  CANCELLATION_FEE = 'CANCELLATION_FEE',
  NO_SHOW_FEE = 'NO_SHOW_FEE',
  EARLY_DEPARTURE = 'EARLY_DEPARTURE',
  LOYALTY_REDEMPTION = 'LOYALTY_REDEMPTION',
}
export const FOLIO_ITEM_KIND_MEANINGS: Readonly<Record<FolioItemKind, string>> = {
  CHARGE: 'Posted by staff (addFolioItem): minibar, spa, or a credit when negative.',
  CANCELLATION_FEE: 'The cancellation policy’s fee, posted by cancelBooking after the free period; once per booking.',
  NO_SHOW_FEE: 'The no-show fee, posted when the booking becomes NO_SHOW; once per booking.',
  EARLY_DEPARTURE: 'The nights not stayed, kept on the bill at an early check-out when EARLY_DEPARTURE_POLICY is charge_remaining; once per booking.',
  LOYALTY_REDEMPTION: 'A credit for loyalty points spent on the bill (redeemLoyaltyPoints); always negative.',
};

/** The kinds a booking carries at most once: a fee is posted once, whoever asks twice. */
export const ONCE_PER_BOOKING: readonly FolioItemKind[] = [FolioItemKind.CANCELLATION_FEE, FolioItemKind.NO_SHOW_FEE, FolioItemKind.EARLY_DEPARTURE];

@ObjectType({ simpleResolvers: true, description: 'A line on a booking’s bill beside the room: a charge (minibar, spa, a fee), or a credit when negative.' })
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
  @Field(() => ID, { description: 'Unique among folio items; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Booking, { deleteRule: 'cascade' })
  booking!: Rel<Booking>;

  @Field(() => String, { description: 'What it is for, as shown on the bill.' })
  @Property({ type: 'string', length: 200 })
  description!: string;

  @Field(() => MoneyScalar, { description: 'The amount charged; negative for a credit. Never 0.' })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  @Field(() => FolioItemKind, { description: 'Who posted it, and why.' })
  @Enum({ items: () => FolioItemKind, type: 'string', default: FolioItemKind.CHARGE })
  kind: Opt<FolioItemKind> = FolioItemKind.CHARGE;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  postedBy?: Rel<User> | null;

  @Field(() => Date, { description: 'When it was posted.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
