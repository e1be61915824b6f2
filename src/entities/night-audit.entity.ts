import { Check, Entity, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../scalars';
import { User } from './user.entity';

/**
 * A business day closed: one row per date, so a day is closed once however often or from
 * however many processes the close is asked for (its unique date refuses a second).
 */
@ObjectType({ simpleResolvers: true, description: 'A business day closed by the night audit.' })
@Entity({ tableName: 'night_audits' })
@Check({ name: 'night_audits_counts_check', expression: 'no_shows >= 0 and fees_posted >= 0' })
export class NightAudit {
  @Field(() => ID, { description: 'Unique among night audits; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => DateScalar, { description: 'The business date that was closed.' })
  @Property({ type: 'date', unique: 'night_audits_business_date_unique' })
  businessDate!: string;

  @Field(() => Date, { description: 'When the day was closed.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  closedAt!: Opt<Date>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  closedBy?: Rel<User> | null;

  @Field(() => Boolean, { description: 'Closed by the schedule (NIGHT_AUDIT_AT), not by a person.' })
  @Property({ type: 'boolean', default: false })
  scheduled: Opt<boolean> = false;

  @Field(() => Int, { description: 'Bookings marked NO_SHOW.' })
  @Property({ type: 'integer', default: 0 })
  noShows: Opt<number> = 0;

  @Field(() => MoneyScalar, { description: 'The no-show fees posted, summed.' })
  @Property({ type: 'decimal', precision: 12, scale: 2, default: '0' })
  feesPosted: Opt<string> = '0.00';
}
