import { BOOKING_OVERLAP_CONSTRAINT, BookingStatus, firstNightInRoom, holdsItsRoom, RELEASED_BOOKING_STATUSES } from '../entities/booking.entity';
import { ERASED_NAME, holdsOnlyThePlaceholder } from '../entities/customer.entity';
import { RoomStatus } from '../entities/room.entity';
import { FIRST_NIGHT_KEPT, INVENTORY_DRIFT, OVERSOLD_CONSTRAINT, OVERSOLD_NIGHTS, RECOUNTED_INVENTORY } from '../entities/room-type-night.entity';
import { ErrorSeverity } from '../errors/error-code';
import { MAX_BILL_AMOUNT } from '../money';
import { literal } from '../sql';
import { type ChangeScope, carriedIds } from './changes';

/**
 * A rule of the hotel no single constraint states, checked over all rows at once. The
 * query selects the primary keys (`id`) of the rows that break it: those of the table the
 * description names.
 */
export interface BusinessRule {
  name: string;
  severity: ErrorSeverity;
  description: string;
  suggestedFix: string;
  violations: string;
  /**
   * The same query over the rows the changes since a base touch and the ids the base found
   * (`carried`, SQL of a set of text ids), reading only what the changes in `tables` lead
   * to: what an incremental run sends. Absent for a rule that runs in full every time.
   */
  scoped?: { tables: readonly string[]; violations(scope: ChangeScope, carried: string): string };
  /** A rule over a table the database derives (the inventory) is mended by deriving it again: repairIntegrity runs these statements. */
  rebuild?: { table: string; statements: readonly string[]; description: string };
}

/** `and <column> in (<among>)` when the rule is read among some keys only; nothing for all of them. */
const amongOnly = (column: string, among?: string) => (among ? ` and ${column} in (${among})` : '');

/** Net payments (amount less refunds) per booking, and folio charges per booking: of the bookings `among`, or of all. */
const PAID = (among?: string) =>
  `select booking_id, sum(amount - refunded_amount) as paid from payments where true${amongOnly('booking_id', among)} group by booking_id`;
const CHARGES = (among?: string) =>
  `select booking_id, sum(amount) as charges from folio_items where true${amongOnly('booking_id', among)} group by booking_id`;

/**
 * A rule read in full (`rule()`), or among the keys `among` selects from the changes since a
 * base and the ids that base found (`rule(among)`), when every table in `tables` has its
 * changes recorded: what an incremental run sends.
 */
function readAmong(
  tables: readonly string[],
  rule: (among?: string) => string,
  among: (scope: ChangeScope, carried: string) => string,
): Pick<BusinessRule, 'violations' | 'scoped'> {
  return { violations: rule(), scoped: { tables, violations: (scope, carried) => rule(among(scope, carried)) } };
}

/**
 * A rule of bookings, read among the bookings the changes touch: those written or deleted,
 * those whose rows in `of` (payments, folio items, receivables, by booking_id) were, and the
 * ones the base found. A booking's rule reads only the booking and those rows of it.
 */
const ofBookings = (of: readonly string[], rule: (among?: string) => string) =>
  readAmong(['bookings', ...of], rule, (scope, carried) =>
    [scope.touched('bookings', 'id'), ...of.map((table) => scope.touched(table, 'booking_id')), carriedIds(carried)].join(' union '),
  );

/** What booking `b` still owes, joined as `p` (PAID) and `f` (CHARGES): room total plus charges less net payments. */
const OWED = `b.total_amount + coalesce(f.charges, 0) - coalesce(p.paid, 0)`;

/**
 * The business rules of the integrity report, with the severity of breaking each:
 * a double booking puts two parties in one room (CRITICAL); money owed or owed back and a
 * guest in a room that may be unsafe are HIGH; a loyalty balance that disagrees with its
 * ledger is MEDIUM; a missing cancellation time loses only history, and a receivable still
 * open is work to do rather than a fault (LOW).
 */
export const BUSINESS_RULES: readonly BusinessRule[] = [
  {
    name: 'room_double_booked',
    severity: ErrorSeverity.CRITICAL,
    description: `Active bookings (not ${RELEASED_BOOKING_STATUSES.join(' or ')}) of one room whose nights overlap another's. The exclusion constraint ${BOOKING_OVERLAP_CONSTRAINT} makes them impossible, so they exist only where it was missing or bypassed. Ids are bookings, every one involved.`,
    suggestedFix: `Move or cancel one booking of each overlapping pair (amendBooking, cancelBooking), then make sure the exclusion constraint ${BOOKING_OVERLAP_CONSTRAINT} exists.`,
    // In each room's stays ordered by check-in, a stay overlaps another exactly when it
    // starts before an earlier one ends or the next one starts before it ends: one sort,
    // where a self-join would probe the index once per booking. Reversed date pairs are
    // the business of bookings_dates_check and are left out here. A guest who moved in
    // holds the room from the move on (as the constraint counts it), not from the check-in.
    // An overlap is between the stays of one room: read among the rooms whose bookings changed (before and after a move) or the base found.
    ...readAmong(
      ['bookings'],
      (rooms) => `select s.id from (
        select b.id, b.first_night, b.check_out,
               max(b.check_out) over (partition by b.room_id order by b.first_night, b.id rows between unbounded preceding and 1 preceding) as earlier_end,
               lead(b.first_night) over (partition by b.room_id order by b.first_night, b.id) as next_start
        from (select b.*, ${firstNightInRoom('b')} as first_night from bookings b where true${amongOnly('b.room_id', rooms)}) b
        where ${holdsItsRoom('b.status')} and b.first_night < b.check_out
      ) s
      where s.first_night < s.earlier_end or s.next_start < s.check_out`,
      (scope, carried) => `${scope.touched('bookings', 'room_id')} union select room_id from bookings where id in (${carriedIds(carried)})`,
    ),
  },
  {
    name: 'room_type_inventory',
    severity: ErrorSeverity.CRITICAL,
    description: `Nights from the business date on whose room-type inventory (room_type_nights) disagrees with a recount from bookings and rooms: units sold or units to sell counted wrong, or a night sold without its row. Its triggers keep it in the transaction of every change, and its CHECK ${OVERSOLD_CONSTRAINT} refuses a night sold beyond its rooms only as long as the counts are true, so a drift means a trigger was disabled or bypassed. Ids are room_type_id@night.`,
    suggestedFix: `Restore the triggers (the trigger: checks), then rebuild the inventory: repairIntegrity(check: "rule:room_type_inventory"), a dry run first. `,
    violations: INVENTORY_DRIFT,
    rebuild: {
      table: 'room_type_nights',
      statements: [
        `delete from room_type_nights where night >= ${FIRST_NIGHT_KEPT}`,
        `insert into room_type_nights (room_type_id, night, available, sold) select room_type_id, night, available, sold from (${RECOUNTED_INVENTORY}) r order by room_type_id, night`,
      ],
      description: 'Rebuild the room-type inventory from the business date on, from bookings and rooms',
    },
  },
  {
    name: 'room_type_oversold',
    severity: ErrorSeverity.HIGH,
    description:
      'Nights from the business date on whose bookings of a room type outnumber the rooms of the type that can hold them: rooms went out of service or out of order under bookings already made (the inventory records it and sells nothing more those nights). Somebody arrives to no room. Ids are room_type_id@night.',
    suggestedFix:
      'Move bookings of those nights to another room type (moveRoom), put the room back in service or end its out-of-order window, or cancel with the guest (cancelBooking).',
    violations: OVERSOLD_NIGHTS,
  },
  {
    name: 'booking_overpaid',
    severity: ErrorSeverity.HIGH,
    description: 'Bookings whose net payments (amounts less refunds) exceed their bill, the room total plus folio charges. Ids are bookings.',
    suggestedFix: 'Refund the excess (refundPayment), or post the charge that is missing from the folio (addFolioItem).',
    ...ofBookings(
      ['payments', 'folio_items'],
      (among) => `select b.id from bookings b
      join (${PAID(among)}) p on p.booking_id = b.id
      left join (${CHARGES(among)}) f on f.booking_id = b.id
      where p.paid > b.total_amount + coalesce(f.charges, 0)${amongOnly('b.id', among)}`,
    ),
  },
  {
    name: 'booking_bill_bound',
    severity: ErrorSeverity.HIGH,
    description: `Bookings whose bill (room total plus folio charges) lies beyond ${MAX_BILL_AMOUNT} either way: their balance cannot be read, and every page holding them fails. The trigger booking_bill_within_bound refuses them, so they exist only where it was missing or bypassed. Ids are bookings.`,
    suggestedFix: 'Find the charge posted in error and post its credit (addFolioItem with a negative amount), or amend the stay whose total is wrong.',
    ...ofBookings(
      ['folio_items'],
      (among) => `select b.id from bookings b
      left join (${CHARGES(among)}) f on f.booking_id = b.id
      where abs(b.total_amount + coalesce(f.charges, 0)) > ${MAX_BILL_AMOUNT}${amongOnly('b.id', among)}`,
    ),
  },
  {
    name: 'checked_out_unsettled',
    severity: ErrorSeverity.HIGH,
    description: `${BookingStatus.CHECKED_OUT} bookings whose bill (room total plus folio charges) exceeds their net payments, beyond what a receivable an administrator wrote at check-out covers: the guest left owing money nobody decided to collect later. Ids are bookings.`,
    suggestedFix: 'Record the missing payment (recordPayment), or post a credit for what will not be charged (addFolioItem with a negative amount).',
    ...ofBookings(
      ['payments', 'folio_items', 'receivables'],
      (among) => `select b.id from bookings b
      left join (${PAID(among)}) p on p.booking_id = b.id
      left join (${CHARGES(among)}) f on f.booking_id = b.id
      left join receivables r on r.booking_id = b.id
      where b.status = ${literal(BookingStatus.CHECKED_OUT)} and ${OWED} > coalesce(r.amount, 0)${amongOnly('b.id', among)}`,
    ),
  },
  {
    // An open item, not a fault: the balance was left owing on purpose, and is chased as a receivable.
    name: 'open_receivable',
    severity: ErrorSeverity.LOW,
    description: `${BookingStatus.CHECKED_OUT} bookings left owing with a receivable (an administrator's decision at check-out) whose balance is still unpaid: open items to collect. Ids are bookings.`,
    suggestedFix:
      'Collect the balance (recordPayment on the booking; the receivables query lists what is open), or post a credit for what will not be collected (addFolioItem with a negative amount).',
    ...ofBookings(
      ['payments', 'folio_items', 'receivables'],
      (among) => `select b.id from bookings b
      join receivables r on r.booking_id = b.id
      left join (${PAID(among)}) p on p.booking_id = b.id
      left join (${CHARGES(among)}) f on f.booking_id = b.id
      where b.status = ${literal(BookingStatus.CHECKED_OUT)} and ${OWED} > 0${amongOnly('b.id', among)}`,
    ),
  },
  {
    name: 'receivable_not_checked_out',
    severity: ErrorSeverity.HIGH,
    description: `Receivables whose booking is not ${BookingStatus.CHECKED_OUT}: a receivable is written only by a check-out that leaves a balance owing, so the booking's state and its open item disagree. Ids are receivables.`,
    suggestedFix:
      'Find in the booking log how the booking left CHECKED_OUT; check it out again, or, if the debt was never real, delete the receivable by hand and say so in the audit log.',
    ...readAmong(
      ['receivables', 'bookings'],
      (among) =>
        `select r.id from receivables r join bookings b on b.id = r.booking_id where b.status <> ${literal(BookingStatus.CHECKED_OUT)}${amongOnly('r.id', among)}`,
      (scope, carried) =>
        `${scope.touched('receivables', 'id')} union select id from receivables where booking_id in (${scope.touched('bookings', 'id')}) union ${carriedIds(carried)}`,
    ),
  },
  {
    name: 'cancelled_without_time',
    severity: ErrorSeverity.LOW,
    description: `${BookingStatus.CANCELLED} bookings without a cancellation time (cancelled_at). Ids are bookings.`,
    suggestedFix: 'Set cancelled_at from the CANCELLED line of the booking log, or failing that from the booking’s last update.',
    ...ofBookings(
      [],
      (among) => `select b.id from bookings b where b.status = ${literal(BookingStatus.CANCELLED)} and b.cancelled_at is null${amongOnly('b.id', among)}`,
    ),
  },
  {
    name: 'out_of_order_occupied',
    severity: ErrorSeverity.HIGH,
    description: `Rooms ${RoomStatus.OUT_OF_ORDER} while a booking in them is ${BookingStatus.CHECKED_IN}. Ids are rooms.`,
    suggestedFix: 'Move the guest to another room (moveRoom), or resolve the maintenance request that took the room out of order.',
    ...readAmong(
      ['rooms', 'bookings'],
      (among) => `select r.id from rooms r
      where r.status = ${literal(RoomStatus.OUT_OF_ORDER)}
        and exists (select 1 from bookings b where b.room_id = r.id and b.status = ${literal(BookingStatus.CHECKED_IN)})${amongOnly('r.id', among)}`,
      (scope, carried) => `${scope.touched('rooms', 'id')} union ${scope.touched('bookings', 'room_id')} union ${carriedIds(carried)}`,
    ),
  },
  {
    name: 'released_room_billed',
    severity: ErrorSeverity.MEDIUM,
    description: `${RELEASED_BOOKING_STATUSES.join(' and ')} bookings whose room total is not zero: the room is billed for nights it was released. cancelBooking and the no-show mark set it to zero and post the policy's fee as a folio item instead. Ids are bookings.`,
    suggestedFix:
      'Refund what was paid beyond the policy’s fee (refundPayment); then set the room total to zero and post the fee as a CANCELLATION_FEE or NO_SHOW_FEE folio item.',
    ...ofBookings(
      [],
      (among) =>
        `select b.id from bookings b where b.status in (${RELEASED_BOOKING_STATUSES.map(literal).join(', ')}) and b.total_amount <> 0${amongOnly('b.id', among)}`,
    ),
  },
  {
    name: 'loyalty_balance',
    severity: ErrorSeverity.MEDIUM,
    description: 'Customers whose loyalty balance is below zero or differs from the sum of their loyalty transactions. Ids are customers.',
    suggestedFix:
      'Find the transaction that is missing or wrong in the customer’s loyalty ledger and post a correcting one; the balance must equal the sum of the ledger.',
    ...readAmong(
      ['customers', 'loyalty_transactions'],
      (among) => `select c.id from customers c
      left join (select customer_id, sum(points) as points from loyalty_transactions where true${amongOnly('customer_id', among)} group by customer_id) t on t.customer_id = c.id
      where (c.loyalty_points < 0 or c.loyalty_points <> coalesce(t.points, 0))${amongOnly('c.id', among)}`,
      (scope, carried) => `${scope.touched('customers', 'id')} union ${scope.touched('loyalty_transactions', 'customer_id')} union ${carriedIds(carried)}`,
    ),
  },
  {
    // A guest's right to be forgotten, broken: as serious as money owed (HIGH).
    name: 'erased_customer_personal_data',
    severity: ErrorSeverity.HIGH,
    description: `Erased customers (erased_at set) that still hold personal data: a name other than '${ERASED_NAME}', an email other than erased-<id>@erased.invalid, a phone, or a linked staff account. The CHECK customers_erased_check refuses them, so they exist only where it was missing or bypassed. Ids are customers.`,
    suggestedFix:
      "Overwrite the customer's fields with the placeholder (names 'Erased', email erased-<id>@erased.invalid, phone and user_id null), then make sure customers_erased_check exists.",
    ...readAmong(
      ['customers'],
      (among) => `select c.id from customers c where c.erased_at is not null and not (${holdsOnlyThePlaceholder('c.')})${amongOnly('c.id', among)}`,
      (scope, carried) => `${scope.touched('customers', 'id')} union ${carriedIds(carried)}`,
    ),
  },
];
