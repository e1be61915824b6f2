import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayParameter } from '../sql';

export interface Folio {
  /** The room: rate × nights, fixed at booking. */
  totalCents: bigint;
  chargesCents: bigint;
  /** Payments less their refunds. */
  paidCents: bigint;
  /** What the guest still owes: total + charges − paid. */
  balanceCents: bigint;
}

/** What booking `b` still owes, in cents: total + charges − (payments − refunds). SQL over a row `b` of bookings. */
export const BALANCE_CENTS_OF_BOOKING = `((b.total_amount * 100)::bigint
  + coalesce((select sum(f.amount) * 100 from folio_items f where f.booking_id = b.id), 0)::bigint
  - coalesce((select sum(p.amount - p.refunded_amount) * 100 from payments p where p.booking_id = b.id), 0)::bigint)`;

/** The bills of many bookings, summed by PostgreSQL in one statement (exact numeric arithmetic); missing bookings are absent. */
export async function foliosOf(em: EntityManager, bookingIds: readonly number[]): Promise<Map<number, Folio>> {
  const rows = await em.execute<{ id: number; total: string; charges: string; paid: string }[]>(
    `select b.id, (b.total_amount * 100)::bigint::text as total,
            coalesce((select sum(f.amount) * 100 from folio_items f where f.booking_id = b.id), 0)::bigint::text as charges,
            coalesce((select sum(p.amount - p.refunded_amount) * 100 from payments p where p.booking_id = b.id), 0)::bigint::text as paid
     from bookings b where b.id = any(?::int[])`,
    [arrayParameter(bookingIds)],
  );
  return new Map(
    rows.map((row) => {
      const totalCents = BigInt(row.total);
      const chargesCents = BigInt(row.charges);
      const paidCents = BigInt(row.paid);
      return [row.id, { totalCents, chargesCents, paidCents, balanceCents: totalCents + chargesCents - paidCents }];
    }),
  );
}

/** One booking's bill. */
export async function folioOf(em: EntityManager, bookingId: number): Promise<Folio> {
  const folio = (await foliosOf(em, [bookingId])).get(bookingId);
  if (!folio) throw new Error(`no booking ${bookingId} to sum the folio of`);
  return folio;
}
