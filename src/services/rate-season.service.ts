import { LockMode } from '@mikro-orm/core';
import { RateSeason } from '../entities/rate-season.entity';
import { MAX_MIN_STAY, RoomType } from '../entities/room-type.entity';
import { ConflictError } from '../errors/conflict-error';
import { NotFoundError } from '../errors/not-found-error';
import { audit } from '../kernel/audit';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';

export interface RateSeasonFields {
  name?: string | null;
  firstNight?: string | null;
  lastNight?: string | null;
  /** Null: the room type's base rate. */
  nightlyRate?: string | null;
  /** Null: the room type's minimum stay. */
  minStay?: number | null;
  closedToArrival?: boolean | null;
}

/** What the audit trail keeps of a season. */
const audited = (season: RateSeason) => ({
  roomTypeId: season.roomType.id,
  name: season.name,
  firstNight: season.firstNight,
  lastNight: season.lastNight,
  nightlyRate: season.nightlyRate ?? null,
  minStay: season.minStay ?? null,
  closedToArrival: season.closedToArrival,
});

function checkFields(check: InputCheck, fields: RateSeasonFields, maxAmount: number) {
  return {
    name: check.text('name', fields.name, { max: 100 }),
    nightlyRate: check.money('nightlyRate', fields.nightlyRate, { sign: 'nonNegative', max: maxAmount }),
    minStay: check.integer('minStay', fields.minStay, { min: 1, max: MAX_MIN_STAY }),
  };
}

/** The nights must run forward; overlapping another season of the type is for rate_seasons_no_overlap to refuse (a ConflictError). */
function checkNights(check: InputCheck, firstNight: string, lastNight: string): void {
  if (lastNight < firstNight) check.fail('lastNight', 'The last night of a season cannot come before its first.');
}

/**
 * A season of a room type's rate plan: its nights sell at their own rate and minimum stay,
 * or are closed to arrivals. Bookings already made keep their price; quotes, availability
 * and bookings from now on see the season (and the change feed tells RATE_CHANGED).
 */
export const createRateSeason = operation(
  [NotFoundError, ConflictError],
  async (ctx, input: RateSeasonFields & { roomTypeId: string; name: string; firstNight: string; lastNight: string }) => {
    const check = new InputCheck();
    const roomTypeId = check.id('roomTypeId', input.roomTypeId);
    const fields = checkFields(check, input, ctx.config.maxAmount);
    checkNights(check, input.firstNight, input.lastNight);
    check.done();
    const roomType = await ctx.em.findOne(RoomType, { id: roomTypeId! });
    if (!roomType) throw new NotFoundError('RoomType', roomTypeId!);
    const season = ctx.em.create(RateSeason, {
      roomType,
      name: fields.name!,
      firstNight: input.firstNight,
      lastNight: input.lastNight,
      nightlyRate: fields.nightlyRate ?? null,
      minStay: fields.minStay ?? null,
      closedToArrival: input.closedToArrival ?? false,
    });
    await ctx.em.flush();
    audit(ctx, { action: 'CREATE_RATE_SEASON', entity: 'RATE_SEASON', entityId: season.id, before: null, after: audited(season) });
    return season;
  },
);

/** Changes a season; a field left out keeps its value, and nightlyRate or minStay set to null fall back to the room type's. */
export const updateRateSeason = operation([NotFoundError, ConflictError], async (ctx, input: RateSeasonFields & { rateSeasonId: string }) => {
  const check = new InputCheck();
  const id = check.id('rateSeasonId', input.rateSeasonId);
  const fields = checkFields(check, input, ctx.config.maxAmount);
  check.done();
  const season = await ctx.em.findOne(RateSeason, { id: id! }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!season) throw new NotFoundError('RateSeason', id!);
  const nights = new InputCheck();
  checkNights(nights, input.firstNight ?? season.firstNight, input.lastNight ?? season.lastNight);
  nights.done();
  const before = audited(season);
  if (fields.name !== undefined) season.name = fields.name;
  if (input.firstNight) season.firstNight = input.firstNight;
  if (input.lastNight) season.lastNight = input.lastNight;
  if (input.nightlyRate !== undefined) season.nightlyRate = fields.nightlyRate ?? null;
  if (input.minStay !== undefined) season.minStay = fields.minStay ?? null;
  if (input.closedToArrival !== undefined && input.closedToArrival !== null) season.closedToArrival = input.closedToArrival;
  audit(ctx, { action: 'UPDATE_RATE_SEASON', entity: 'RATE_SEASON', entityId: season.id, before, after: audited(season) });
  return season;
});
