import { Check, Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The hotel's business date: the day the front desk is working, which is not the
 * machine's date. It moves only when that day is closed (the night audit), so "today"
 * in every rule is the same for every API process. One row, created at start-up with the
 * local date of HOTEL_TIMEZONE.
 */
/** SQL for the business date inside a statement: the rules, the inventory's triggers and its recount read the same row. */
export const BUSINESS_DATE_SQL = '(select business_date from hotel_calendar where id = 1)';

@Entity({ tableName: 'hotel_calendar' })
@Check({ name: 'hotel_calendar_single_row_check', expression: 'id = 1' })
export class HotelCalendar {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ type: 'date' })
  businessDate!: string;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt!: Opt<Date>;
}
