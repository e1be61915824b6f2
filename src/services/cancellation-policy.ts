import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isVisibleTo } from '../auth/visibility';
import { addDays } from '../dates';
import { Booking, BookingStatus } from '../entities/booking.entity';
import { CancellationPolicy, FeeKind } from '../entities/cancellation-policy.entity';
import { RoomType } from '../entities/room-type.entity';
import { NotFoundError } from '../errors/not-found-error';
import { audit } from '../kernel/audit';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { fromCents, toCents } from '../money';
import { businessDateOf } from './business-date';

/** The policy of a room type: its own, else the hotel's default; none means no fee. */
export async function policyFor(em: EntityManager, roomTypeId: number): Promise<CancellationPolicy | null> {
  const [row] = await em.execute(
    `select * from cancellation_policies where room_type_id = ? or room_type_id is null order by room_type_id nulls last limit 1`,
    [roomTypeId],
  );
  return row ? em.map(CancellationPolicy, row) : null;
}

/** A fee of kind `kind` and value `value` on a booking's room total and nightly rate, in cents; never more than the room total. */
export function feeCents(kind: FeeKind, value: string, booking: Pick<Booking, 'totalAmount' | 'nightlyRate'>): bigint {
  const total = toCents(booking.totalAmount);
  const capped = (cents: bigint) => (cents < total ? cents : total);
  switch (kind) {
    case FeeKind.NONE:
      return 0n;
    case FeeKind.FIRST_NIGHT:
      return capped(toCents(booking.nightlyRate));
    case FeeKind.PERCENT:
      // value is a percentage with two decimals: total × (value·100) / 10 000, rounded half up.
      return capped((total * toCents(value) + 5_000n) / 10_000n);
    case FeeKind.FIXED:
      return capped(toCents(value));
  }
}

export interface CancellationTerms {
  /** The last business date on which cancelling is free; null without a policy (always free). */
  freeUntil: string | null;
  /** What cancelling on `on` costs. */
  feeCents: bigint;
  policy: CancellationPolicy | null;
}

/** What cancelling `booking` on business date `on` costs under `policy`. */
export function cancellationTerms(
  policy: CancellationPolicy | null,
  booking: Pick<Booking, 'checkIn' | 'totalAmount' | 'nightlyRate'>,
  on: string,
): CancellationTerms {
  if (!policy) return { freeUntil: null, feeCents: 0n, policy };
  const freeUntil = addDays(booking.checkIn, -policy.freeUntilDays);
  return { freeUntil, feeCents: on <= freeUntil ? 0n : feeCents(policy.cancellationFeeKind, policy.cancellationFeeValue, booking), policy };
}

/** What not arriving costs under `policy`. */
export function noShowFeeCents(policy: CancellationPolicy | null, booking: Pick<Booking, 'totalAmount' | 'nightlyRate'>): bigint {
  return policy ? feeCents(policy.noShowFeeKind, policy.noShowFeeValue, booking) : 0n;
}

export interface SetCancellationPolicyCommand {
  /** Absent: the hotel's default. */
  roomTypeId?: string | null;
  freeUntilDays: number;
  cancellationFeeKind: FeeKind;
  cancellationFeeValue?: string | null;
  noShowFeeKind: FeeKind;
  noShowFeeValue?: string | null;
}

/** A fee's value as its kind wants it: a percentage above 0 and at most 100, an amount above 0, or nothing. */
function feeValue(check: InputCheck, field: string, kind: FeeKind, value: string | null | undefined, maxAmount: number): string {
  const given = value ?? '0';
  if (kind === FeeKind.NONE || kind === FeeKind.FIRST_NIGHT) {
    if (toCents(given) !== 0n) check.fail(field, `A ${kind} fee takes no value.`);
    return '0.00';
  }
  if (kind === FeeKind.PERCENT && (toCents(given) <= 0n || toCents(given) > 10_000n)) check.fail(field, 'A PERCENT fee is above 0 and at most 100.');
  if (kind === FeeKind.FIXED) check.money(field, given, { sign: 'positive', max: maxAmount });
  return fromCents(toCents(given));
}

const POLICY_FIELDS = ['freeUntilDays', 'cancellationFeeKind', 'cancellationFeeValue', 'noShowFeeKind', 'noShowFeeValue'] as const;

/** Sets the cancellation and no-show policy of a room type, or the hotel's default; audited with the fields before and after. */
export const setCancellationPolicy = operation([NotFoundError], async (ctx, command: SetCancellationPolicyCommand) => {
  const check = new InputCheck();
  const roomTypeId = check.id('roomTypeId', command.roomTypeId);
  const freeUntilDays = check.integer('freeUntilDays', command.freeUntilDays, { min: 0, max: 365 });
  const cancellationFeeValue = feeValue(check, 'cancellationFeeValue', command.cancellationFeeKind, command.cancellationFeeValue, ctx.config.maxAmount);
  const noShowFeeValue = feeValue(check, 'noShowFeeValue', command.noShowFeeKind, command.noShowFeeValue, ctx.config.maxAmount);
  check.done();

  const roomType = roomTypeId ? await ctx.em.findOne(RoomType, { id: roomTypeId }) : null;
  if (roomTypeId && !roomType) throw new NotFoundError('RoomType', roomTypeId);
  // Locked so two administrators setting one policy at once take turns (a new one is guarded by its unique key).
  const existing = await ctx.em.findOne(CancellationPolicy, { roomType: roomType ?? null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const values = {
    freeUntilDays: freeUntilDays!,
    cancellationFeeKind: command.cancellationFeeKind,
    cancellationFeeValue,
    noShowFeeKind: command.noShowFeeKind,
    noShowFeeValue,
  };
  const before = existing ? Object.fromEntries(POLICY_FIELDS.map((field) => [field, existing[field]])) : null;
  const policy = existing ? Object.assign(existing, values) : ctx.em.create(CancellationPolicy, { roomType, ...values });
  await ctx.em.flush();
  audit(ctx, {
    action: 'SET_CANCELLATION_POLICY',
    entity: 'CANCELLATION_POLICY',
    entityId: policy.id,
    before,
    after: values,
    details: { roomTypeId: roomType?.id ?? null },
  });
  return policy;
});

export interface CancellationQuote {
  booking: Booking;
  /** Whether the booking can be cancelled at all (only CONFIRMED ones can). */
  cancellable: boolean;
  freeUntil: string | null;
  fee: string;
  businessDate: string;
  policy: CancellationPolicy | null;
}

/** What cancelling a booking would cost today, without cancelling it; null for a booking the caller cannot see. */
export async function quoteCancellation(ctx: OperationContext, bookingId: number): Promise<CancellationQuote | null> {
  const booking = await ctx.em.findOne(Booking, { id: bookingId });
  if (!booking || !isVisibleTo(ctx.caller, booking.channel)) return null;
  const businessDate = await businessDateOf(ctx.em);
  const cancellable = booking.status === BookingStatus.CONFIRMED;
  const terms = cancellationTerms(await policyFor(ctx.em, booking.roomType.id), booking, businessDate);
  return { booking, cancellable, freeUntil: terms.freeUntil, fee: fromCents(cancellable ? terms.feeCents : 0n), businessDate, policy: terms.policy };
}
