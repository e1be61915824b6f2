import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { ValidationError } from '../../src/errors/validation-error';
import { InputCheck } from '../../src/kernel/input-check';

/** The field errors `check` collected, or [] when it passes. */
function problemsOf(run: (check: InputCheck) => void): { path: string[]; message: string }[] {
  const check = new InputCheck();
  run(check);
  try {
    check.done();
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.fieldErrors.map((problem) => ({ path: [...problem.path], message: problem.message }));
  }
}

describe('InputCheck.text', () => {
  it('stores one spelling: NFC, trimmed', () => {
    const check = new InputCheck();
    // "José" typed with a combining accent (as macOS may send it) and with the precomposed é.
    expect(check.text('name', ' Jose\u0301 ', { max: 10 })).toBe('Jos\u00e9');
    expect(check.text('name', 'Jos\u00e9', { max: 10 })).toBe('Jos\u00e9');
  });

  it('counts the length after normalising', () => {
    expect(problemsOf((check) => check.text('name', 'e\u0301'.repeat(4), { max: 4 }))).toEqual([]);
  });

  it('refuses a lone surrogate, which no encoding can store', () => {
    expect(problemsOf((check) => check.text('name', 'Eve\ud800', { max: 10 }))).toEqual([
      { path: ['input', 'name'], message: 'Must be valid Unicode text (it holds a lone surrogate).' },
    ]);
    // A pair is one character, and welcome.
    expect(problemsOf((check) => check.text('name', 'Eve 😀', { max: 10 }))).toEqual([]);
  });

  it.each([
    ['zero-width spaces', '\u200b\u200b'],
    ['a word joiner and a BOM', '\u2060\ufeff'],
    ['a Hangul filler', '\u3164'],
    ['the braille blank', '\u2800'],
    ['a lone combining accent', '\u0301'],
    ['bidi marks', '\u200e\u200f'],
    ['ideographic spaces', '\u3000\u3000'],
  ])('refuses a name made only of %s as blank', (_what, name) => {
    expect(problemsOf((check) => check.text('lastName', name, { max: 100 }))).toEqual([{ path: ['input', 'lastName'], message: 'Must not be blank.' }]);
  });

  it('keeps invisible characters inside visible text (a joiner in an emoji, a mark on a letter)', () => {
    expect(problemsOf((check) => check.text('name', '👩\u200d💻 Ana', { max: 20 }))).toEqual([]);
  });

  it('lets optional text be empty', () => {
    expect(new InputCheck().text('notes', '  ', { min: 0, max: 10 })).toBe('');
  });
});

describe('InputCheck.secret', () => {
  it('keeps a password exactly as typed, but refuses a lone surrogate', () => {
    expect(new InputCheck().secret('password', ' Jose\u0301 password ', { min: 12, max: 200 })).toBe(' Jose\u0301 password ');
    expect(problemsOf((check) => check.secret('password', 'a-long-password\udc00', { min: 12, max: 200 }))).toEqual([
      { path: ['input', 'password'], message: 'Must be valid Unicode text (it holds a lone surrogate).' },
    ]);
  });
});

describe('InputCheck.money', () => {
  it('bounds a single amount either way by the configured maximum', () => {
    expect(problemsOf((check) => check.money('amount', '1000.00', { sign: 'positive', max: 1000 }))).toEqual([]);
    expect(problemsOf((check) => check.money('amount', '1000.01', { sign: 'positive', max: 1000 }))).toEqual([
      { path: ['input', 'amount'], message: 'Must be at most 1000.00.' },
    ]);
    expect(problemsOf((check) => check.money('amount', '-1000.01', { sign: 'nonZero', max: 1000 }))).toEqual([
      { path: ['input', 'amount'], message: 'Must be at most 1000.00 either way.' },
    ]);
  });

  it('checks the sign first', () => {
    expect(problemsOf((check) => check.money('amount', '0.00', { sign: 'positive', max: 10 }))[0].message).toBe('Must be greater than zero.');
    expect(problemsOf((check) => check.money('amount', '0.00', { sign: 'nonZero', max: 10 }))[0].message).toBe('Must not be zero.');
    expect(problemsOf((check) => check.money('baseRate', '-0.01', { sign: 'nonNegative', max: 10 }))[0].message).toBe('Must not be negative.');
    expect(problemsOf((check) => check.money('baseRate', '0.00', { sign: 'nonNegative', max: 10 }))).toEqual([]);
  });

  it('bounds a booking’s bill, naming the field that would take it past', () => {
    expect(problemsOf((check) => check.bill('amount', 100_000n, 1000))).toEqual([]);
    expect(problemsOf((check) => check.bill('amount', 100_001n, 1000))).toEqual([
      { path: ['input', 'amount'], message: "This would bring the booking's bill to 1000.01, above the 1000.00 one booking may hold." },
    ]);
  });
});

describe('InputCheck.stay', () => {
  const window = { maxStayNights: 30, bookingHorizonDays: 365, stayPastWindowDays: 60 };
  const now = today();

  it('takes a new stay from today to the horizon', () => {
    expect(problemsOf((check) => check.stay(now, addDays(now, 2), window, { today: now }))).toEqual([]);
    expect(problemsOf((check) => check.stay(addDays(now, 363), addDays(now, 365), window, { today: now }))).toEqual([]);
    expect(problemsOf((check) => check.stay(addDays(now, 364), addDays(now, 366), window, { today: now }))).toEqual([
      { path: ['input', 'checkOut'], message: `Stays can be booked up to ${addDays(now, 365)} (365 days ahead).` },
    ]);
    expect(problemsOf((check) => check.stay(addDays(now, -1), addDays(now, 2), window, { today: now }))).toEqual([
      { path: ['input', 'checkIn'], message: 'Check-in cannot be in the past.' },
    ]);
  });

  it('looks back at most the past window where the past is allowed', () => {
    expect(problemsOf((check) => check.stay(addDays(now, -60), addDays(now, -58), window, { today: now, allowPast: true }))).toEqual([]);
    expect(problemsOf((check) => check.stay(addDays(now, -61), addDays(now, -58), window, { today: now, allowPast: true }))).toEqual([
      { path: ['input', 'checkIn'], message: `Must be on or after ${addDays(now, -60)}.` },
    ]);
  });

  it('keeps its order and length rules', () => {
    expect(problemsOf((check) => check.stay(addDays(now, 5), addDays(now, 5), window, { today: now }))[0].message).toBe('Check-out must be after check-in.');
    expect(problemsOf((check) => check.stay(now, addDays(now, 31), window, { today: now }))[0].message).toBe(
      `A stay may cover at most 30 nights (until ${addDays(now, 30)}).`,
    );
  });
});
