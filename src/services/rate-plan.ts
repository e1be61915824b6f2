import type { EntityManager } from '@mikro-orm/postgresql';
import { unitsFree } from '../entities/room-type-night.entity';
import { NotFoundError } from '../errors/not-found-error';
import { InputCheck } from '../kernel/input-check';
import type { OperationContext } from '../kernel/operation-context';
import { fromCents, toCents } from '../money';
import { BUSINESS_DATE_SQL } from './business-date';

/**
 * A room type's rate plan: its base rate and minimum stay, overridden over runs of nights
 * by rate seasons (rate_seasons), which may also close their nights to arrivals; its
 * cancellation policy is the room type's (cancellation_policies). These SQL words price and
 * judge a stay wherever one is sold, so the quote, the availability and createBooking
 * cannot disagree.
 */

/** SQL: what the season of room type `type` covering `night` says in `column`, else `otherwise`. */
const seasonOr = (type: string, night: string, column: string, otherwise: string): string =>
  `coalesce((select s.${column} from rate_seasons s where s.room_type_id = ${type}.id and ${night} between s.first_night and s.last_night), ${otherwise})`;

/** SQL: the price of the night `night` for the room type aliased `type`: its season's rate, else the base rate. */
export const nightPrice = (type: string, night: string): string => seasonOr(type, night, 'nightly_rate', `${type}.base_rate`);

/** SQL: the fewest nights a stay of the room type `type` arriving on `night` may have. */
export const minStayOn = (type: string, night: string): string => seasonOr(type, night, 'min_stay', `${type}.min_stay`);

/** SQL: whether the room type `type` takes no arrival on `night`. */
export const closedToArrivalOn = (type: string, night: string): string => seasonOr(type, night, 'closed_to_arrival', 'false');

/** SQL: the nights of a stay from parameters (checkIn, checkOut), as rows `night` of `alias`. */
export const stayNights = (alias: string): string => `(select d::date as night from generate_series(?::date, ?::date - 1, interval '1 day') d) ${alias}`;

/** What the room type's rate plan charges for the nights [checkIn, checkOut), night by night. */
export async function priceOfStay(em: EntityManager, roomTypeId: number, checkIn: string, checkOut: string): Promise<string> {
  const [{ total }] = await em.execute<{ total: string }[]>(
    `select coalesce(sum(${nightPrice('t', 'n.night')}), 0)::text as total from room_types t cross join ${stayNights('n')} where t.id = ?`,
    [checkIn, checkOut, roomTypeId],
  );
  return total;
}

/** What a rate plan says of one stay, read by the statement that sells or quotes it. */
export interface StayTerms {
  roomTypeName: string;
  capacity: number;
  minStay: number;
  closedToArrival: boolean;
  numGuests: number;
  nights: number;
  checkIn: string;
  /** Nights with no unit left. */
  soldOut: string[];
}

/** Why the rate plan will not sell a stay, in the order they are told; none when it will. */
export function refusals(terms: StayTerms): { rule: string; message: string }[] {
  const reasons: { rule: string; message: string }[] = [];
  if (terms.numGuests > terms.capacity) reasons.push({ rule: 'capacity', message: `A ${terms.roomTypeName} room takes at most ${terms.capacity} guests.` });
  if (terms.closedToArrival) reasons.push({ rule: 'closed_to_arrival', message: `${terms.roomTypeName} rooms take no arrival on ${terms.checkIn}.` });
  if (terms.nights < terms.minStay)
    reasons.push({
      rule: 'min_stay',
      message: `A stay in a ${terms.roomTypeName} room arriving on ${terms.checkIn} is at least ${terms.minStay} nights; this one is ${terms.nights}.`,
    });
  if (terms.soldOut.length)
    reasons.push({
      rule: 'sold_out',
      message: `No ${terms.roomTypeName} room is left for the night${terms.soldOut.length === 1 ? '' : 's'} of ${terms.soldOut.join(', ')}.`,
    });
  return reasons;
}

export interface QuoteQuery {
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  numGuests: number;
}

export interface QuotedNight {
  date: string;
  price: string;
  free: number;
}

export interface Quote {
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
  numGuests: number;
  nights: QuotedNight[];
  total: string;
  /** Why createBooking would refuse the stay now; empty when it would book it at `total`. */
  refusals: string[];
}

interface QuoteRow {
  date: string;
  price: string;
  free: number;
  name: string;
  capacity: number;
  min_stay: number;
  closed_to_arrival: boolean;
  business_date: string;
}

/**
 * What createBooking would charge for a stay of a room type, night by night, and whether
 * it would sell it now: one statement over the nights of the stay. Pass `total` to
 * createBooking as quotedTotal and it books only at that price.
 */
export async function quoteStay(ctx: OperationContext, query: QuoteQuery): Promise<Quote> {
  const validate = (today: string | undefined) => {
    const check = new InputCheck();
    const roomTypeId = check.id('roomTypeId', query.roomTypeId);
    check.guests('numGuests', query.numGuests);
    check.stay(query.checkIn, query.checkOut, ctx.config, { today });
    return { check, roomTypeId };
  };
  const first = validate(undefined);
  first.check.doneForQuery();
  const rows = await ctx.em.execute<QuoteRow[]>(
    `select n.night::text as date, ${nightPrice('t', 'n.night')}::text as price, greatest(${unitsFree('t', 'n.night')}, 0)::int as free,
            t.name, t.capacity, ${minStayOn('t', '?::date')} as min_stay, ${closedToArrivalOn('t', '?::date')} as closed_to_arrival,
            ${BUSINESS_DATE_SQL}::text as business_date
     from room_types t cross join ${stayNights('n')} where t.id = ? order by n.night`,
    [query.checkIn, query.checkIn, query.checkIn, query.checkOut, first.roomTypeId],
  );
  if (!rows.length) throw new NotFoundError('RoomType', first.roomTypeId!);
  validate(rows[0].business_date).check.doneForQuery();
  const terms: StayTerms = {
    roomTypeName: rows[0].name,
    capacity: rows[0].capacity,
    minStay: rows[0].min_stay,
    closedToArrival: rows[0].closed_to_arrival,
    numGuests: query.numGuests,
    nights: rows.length,
    checkIn: query.checkIn,
    soldOut: rows.filter((row) => row.free <= 0).map((row) => row.date),
  };
  return {
    roomTypeId: first.roomTypeId!,
    checkIn: query.checkIn,
    checkOut: query.checkOut,
    numGuests: query.numGuests,
    nights: rows.map(({ date, price, free }) => ({ date, price, free })),
    total: fromCents(rows.reduce((sum, row) => sum + toCents(row.price), 0n)),
    refusals: refusals(terms).map((reason) => reason.message),
  };
}
