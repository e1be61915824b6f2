import type { EntityManager } from '@mikro-orm/postgresql';

export interface Folio {
  /** The room: rate × nights, fixed at booking. */
  totalCents: bigint;
  chargesCents: bigint;
  /** Payments less their refunds. */
  paidCents: bigint;
  /** What the guest still owes: total + charges − paid. */
  balanceCents: bigint;
}

/** A booking's bill, summed by PostgreSQL in one statement (exact numeric arithmetic). */
export async function folioOf(em: EntityManager, bookingId: number): Promise<Folio> {
  const [row] = await em.execute<{ total: string; charges: string; paid: string }[]>(
    `select (b.total_amount * 100)::bigint::text as total,
            coalesce((select sum(f.amount) * 100 from folio_items f where f.booking_id = b.id), 0)::bigint::text as charges,
            coalesce((select sum(p.amount - p.refunded_amount) * 100 from payments p where p.booking_id = b.id), 0)::bigint::text as paid
     from bookings b where b.id = ?`,
    [bookingId],
  );
  const totalCents = BigInt(row.total);
  const chargesCents = BigInt(row.charges);
  const paidCents = BigInt(row.paid);
  return { totalCents, chargesCents, paidCents, balanceCents: totalCents + chargesCents - paidCents };
}
