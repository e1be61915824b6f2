import type { Config } from '../config';
import { addDays, nightsBetween } from '../dates';
import { toId } from '../db/ids';
import { RequestError } from '../errors/request-error';
import { type FieldError, ValidationError } from '../errors/validation-error';
import { fromCents, toCents } from '../money';

/** RFC 5321 length limits; the pattern is the pragmatic one browsers use for type=email. */
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Text that shows nothing: format characters (zero-width space and joiners, bidi marks, the
 * BOM), separators, combining marks with nothing to combine with, and the fillers that
 * render as blanks (Hangul fillers, the braille blank). A name made only of these is blank.
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: lone combining marks are what it matches
const INVISIBLE = /^[\p{Cf}\p{Z}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800\u034f\u180e]*$/u;

/** In a `u` pattern a paired surrogate is one code point; only a lone half is Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

export type StayWindow = Pick<Config, 'maxStayNights' | 'bookingHorizonDays' | 'stayPastWindowDays'>;

/** The largest party one booking, wish or room takes. */
export const MAX_GUESTS = 50;

/**
 * Collects every problem with one input before anything touches the database, then
 * throws them together as one ValidationFailed. Each check returns the cleaned value
 * (trimmed text, numeric id, ...) or undefined when it failed.
 */
export class InputCheck {
  private readonly problems: FieldError[] = [];

  /** `root`: the argument the fields belong to; null for fields that are arguments themselves. */
  constructor(private readonly root: string | null = 'input') {}

  fail(field: string, message: string): undefined {
    this.problems.push({ path: [...(this.root === null ? [] : [this.root]), ...field.split('.')], message });
    return undefined;
  }

  id(field: string, value: string | number | null | undefined): number | undefined {
    if (value === null || value === undefined) return undefined;
    return toId(value) ?? this.fail(field, 'Not a valid id.');
  }

  /**
   * Text as stored: valid Unicode (no lone surrogate, which no encoding can keep), NFC
   * (one spelling of "é", so search and uniqueness see one name), trimmed, no control
   * characters, not blank to the eye, within `min`..`max` characters.
   */
  text(field: string, value: string | null | undefined, { min = 1, max }: { min?: number; max: number }): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (LONE_SURROGATE.test(value)) return this.fail(field, 'Must be valid Unicode text (it holds a lone surrogate).');
    const trimmed = value.normalize('NFC').trim();
    if (CONTROL_CHARACTERS.test(trimmed)) return this.fail(field, 'Must not contain control characters.');
    if (trimmed.length < min || (min > 0 && INVISIBLE.test(trimmed)))
      return this.fail(field, min === 1 ? 'Must not be blank.' : `Must be at least ${min} characters long.`);
    if (trimmed.length > max) return this.fail(field, `Must be at most ${max} characters long.`);
    return trimmed;
  }

  /** A secret as typed: never trimmed or normalised (its hash must match what was set), but valid Unicode of `min`..`max` characters. */
  secret(field: string, value: string, { min, max }: { min: number; max: number }): string | undefined {
    if (LONE_SURROGATE.test(value)) return this.fail(field, 'Must be valid Unicode text (it holds a lone surrogate).');
    if (value.length < min || value.length > max) return this.fail(field, `Must be ${min} to ${max} characters long.`);
    return value;
  }

  email(field: string, value: string | null | undefined): string | undefined {
    const text = this.text(field, value, { max: 320 });
    if (text === undefined) return undefined;
    return EMAIL.test(text) ? text.toLowerCase() : this.fail(field, 'Not a valid email address.');
  }

  /**
   * An amount of the given sign, at most `max` whole currency units either way (a single
   * rate, charge or payment: Config.maxAmount), so every sum of them fits numeric(12,2).
   */
  money(field: string, value: string | null | undefined, { sign, max }: { sign: 'positive' | 'nonNegative' | 'nonZero'; max: number }): string | undefined {
    if (value === null || value === undefined) return undefined;
    const cents = toCents(value);
    if (sign === 'positive' && cents <= 0n) return this.fail(field, 'Must be greater than zero.');
    if (sign === 'nonNegative' && cents < 0n) return this.fail(field, 'Must not be negative.');
    if (sign === 'nonZero' && cents === 0n) return this.fail(field, 'Must not be zero.');
    const limit = BigInt(max) * 100n;
    if (cents > limit || cents < -limit) return this.fail(field, `Must be at most ${fromCents(limit)}${sign === 'nonZero' ? ' either way' : ''}.`);
    return value;
  }

  /**
   * A booking's bill (its room total plus its charges, in cents) within Config.maxBookingAmount,
   * so its balance and every sum over it fit their types. The problem goes on `field`, the
   * input that would take it past.
   */
  bill(field: string, cents: bigint, maxBookingAmount: number): boolean {
    const limit = BigInt(maxBookingAmount) * 100n;
    if (cents <= limit) return true;
    this.fail(field, `This would bring the booking's bill to ${fromCents(cents)}, above the ${fromCents(limit)} one booking may hold.`);
    return false;
  }

  /** How many guests: a party, or a room's capacity. */
  guests(field: string, value: number | null | undefined): number | undefined {
    return this.integer(field, value, { min: 1, max: MAX_GUESTS });
  }

  integer(field: string, value: number | null | undefined, { min, max }: { min: number; max: number }): number | undefined {
    if (value === null || value === undefined) return undefined;
    return Number.isInteger(value) && value >= min && value <= max ? value : this.fail(field, `Must be between ${min} and ${max}.`);
  }

  /**
   * A stay [checkIn, checkOut): ordered, at most `maxNights`, ending within the booking
   * horizon, and starting no earlier than the business date `today` (new stays) or than
   * the past window (stays looked at or amended). Problems are reported on the field to
   * change. Without `today` (not read yet) only the order and the length are checked.
   */
  stay(
    checkIn: string | undefined,
    checkOut: string | undefined,
    window: StayWindow,
    { today, allowPast = false, fields = ['checkIn', 'checkOut'] }: { today: string | undefined; allowPast?: boolean; fields?: [string, string] },
  ): boolean {
    if (!checkIn || !checkOut) return false;
    const before = this.problems.length;
    const earliest = today === undefined ? undefined : allowPast ? addDays(today, -window.stayPastWindowDays) : today;
    const latest = today === undefined ? undefined : addDays(today, window.bookingHorizonDays);
    if (earliest !== undefined && checkIn < earliest) this.fail(fields[0], allowPast ? `Must be on or after ${earliest}.` : 'Check-in cannot be in the past.');
    if (checkOut <= checkIn) this.fail(fields[1], 'Check-out must be after check-in.');
    else if (nightsBetween(checkIn, checkOut) > window.maxStayNights)
      this.fail(fields[1], `A stay may cover at most ${window.maxStayNights} nights (until ${addDays(checkIn, window.maxStayNights)}).`);
    else if (latest !== undefined && checkOut > latest) this.fail(fields[1], `Stays can be booked up to ${latest} (${window.bookingHorizonDays} days ahead).`);
    return this.problems.length === before;
  }

  /** A run of nights [from, to) a report covers: forward, and at most `max` nights; told on `to`. */
  nightRange(from: string, to: string, max: number): boolean {
    if (to <= from) this.fail('to', 'to must be after from.');
    else if (nightsBetween(from, to) > max) this.fail('to', `This covers at most ${max} nights (to ${addDays(from, max)} at the latest).`);
    else return true;
    return false;
  }

  get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  /** Throws every problem found so far, if any. */
  done(): void {
    if (this.problems.length) throw new ValidationError(this.problems);
  }

  /** The same for a query's arguments: a query has no result union to carry a ValidationError, so the problems are one RequestError. */
  doneForQuery(): void {
    if (this.problems.length) throw new RequestError(this.problems.map((problem) => problem.message).join(' '));
  }
}
