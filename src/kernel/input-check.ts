import { addDays, nightsBetween, today } from '../dates';
import { toId } from '../db/ids';
import { RequestError } from '../errors/request-error';
import { type FieldError, ValidationError } from '../errors/validation-error';
import { toCents } from '../money';

/** RFC 5321 length limits; the pattern is the pragmatic one browsers use for type=email. */
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

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

  text(field: string, value: string | null | undefined, { min = 1, max }: { min?: number; max: number }): string | undefined {
    if (value === null || value === undefined) return undefined;
    const trimmed = value.trim();
    if (CONTROL_CHARACTERS.test(trimmed)) return this.fail(field, 'Must not contain control characters.');
    if (trimmed.length < min) return this.fail(field, min === 1 ? 'Must not be blank.' : `Must be at least ${min} characters long.`);
    if (trimmed.length > max) return this.fail(field, `Must be at most ${max} characters long.`);
    return trimmed;
  }

  email(field: string, value: string | null | undefined): string | undefined {
    const text = this.text(field, value, { max: 320 });
    if (text === undefined) return undefined;
    return EMAIL.test(text) ? text.toLowerCase() : this.fail(field, 'Not a valid email address.');
  }

  /** A strictly positive amount. */
  positiveMoney(field: string, value: string | null | undefined): string | undefined {
    if (value === null || value === undefined) return undefined;
    return toCents(value) > 0n ? value : this.fail(field, 'Must be greater than zero.');
  }

  nonZeroMoney(field: string, value: string | null | undefined): string | undefined {
    if (value === null || value === undefined) return undefined;
    return toCents(value) !== 0n ? value : this.fail(field, 'Must not be zero.');
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
   * A stay [checkIn, checkOut): ordered, at most `maxNights`, and (for new stays) not
   * starting in the past. Problems are reported on the field to change.
   */
  stay(
    checkIn: string | undefined,
    checkOut: string | undefined,
    { maxNights, allowPast = false, fields = ['checkIn', 'checkOut'] }: { maxNights: number; allowPast?: boolean; fields?: [string, string] },
  ): boolean {
    if (!checkIn || !checkOut) return false;
    const before = this.problems.length;
    if (!allowPast && checkIn < today()) this.fail(fields[0], 'Check-in cannot be in the past.');
    if (checkOut <= checkIn) this.fail(fields[1], 'Check-out must be after check-in.');
    else if (nightsBetween(checkIn, checkOut) > maxNights)
      this.fail(fields[1], `A stay may cover at most ${maxNights} nights (until ${addDays(checkIn, maxNights)}).`);
    return this.problems.length === before;
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
