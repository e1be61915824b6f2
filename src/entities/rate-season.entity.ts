import { Check, Entity, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { EARLIEST_DATE, LATEST_DATE } from '../dates';
import { MAX_ITEM_AMOUNT } from '../money';
import { DateScalar, MoneyScalar } from '../scalars';
import { MAX_MIN_STAY, RoomType } from './room-type.entity';

export const RATE_SEASON_OVERLAP_CONSTRAINT = 'rate_seasons_no_overlap';

/**
 * A run of nights over which a room type sells at its own rate, minimum stay or with its
 * arrivals closed: the room type's base rate and minimum stay hold on every night no
 * season covers. Seasons of one type never overlap (an exclusion constraint), so each
 * night has one price.
 */
@ObjectType({ simpleResolvers: true, description: "A run of nights over which a room type's rate plan differs from its base rate and minimum stay." })
@Entity({ tableName: 'rate_seasons' })
@Check({ name: 'rate_seasons_nights_check', expression: 'first_night <= last_night' })
@Check({ name: 'rate_seasons_calendar_check', expression: `first_night >= '${EARLIEST_DATE}'::date and last_night <= '${LATEST_DATE}'::date` })
@Check({ name: 'rate_seasons_nightly_rate_check', expression: `nightly_rate >= 0 and nightly_rate <= ${MAX_ITEM_AMOUNT}` })
@Check({ name: 'rate_seasons_min_stay_check', expression: `min_stay >= 1 and min_stay <= ${MAX_MIN_STAY}` })
@Check({ name: 'rate_seasons_name_check', expression: 'length(btrim(name)) > 0' })
@Index({
  name: RATE_SEASON_OVERLAP_CONSTRAINT,
  expression: `alter table "rate_seasons" add constraint "${RATE_SEASON_OVERLAP_CONSTRAINT}" exclude using gist ("room_type_id" with =, daterange("first_night", "last_night", '[]') with &&)`,
})
export class RateSeason {
  @Field(() => ID, { description: 'Unique among rate seasons; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => RoomType, { deleteRule: 'cascade' })
  roomType!: Rel<RoomType>;

  @Field(() => String, { description: 'What the season is called ("Christmas").' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => DateScalar, { description: 'The first night the season prices.' })
  @Property({ type: 'date' })
  firstNight!: string;

  @Field(() => DateScalar, { description: 'The last night the season prices (inclusive).' })
  @Property({ type: 'date' })
  lastNight!: string;

  @Field(() => MoneyScalar, { nullable: true, description: "The price of each night of the season; null keeps the room type's base rate." })
  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  nightlyRate?: string | null;

  @Field(() => Int, { nullable: true, description: "Fewest nights of a stay arriving in the season; null keeps the room type's." })
  @Property({ type: 'integer', nullable: true })
  minStay?: number | null;

  @Field(() => Boolean, { description: 'No stay may arrive on a night of the season (stays arriving earlier may run through it).' })
  @Property({ type: 'boolean', default: false })
  closedToArrival: Opt<boolean> = false;

  @Field(() => Date, { description: 'When it was made.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
