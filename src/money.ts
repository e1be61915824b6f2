/**
 * Money is kept as a decimal string with two places ("120.00"), the same text PostgreSQL
 * returns for numeric(12,2). Arithmetic happens in integer cents so no binary float ever
 * touches an amount.
 */
const MONEY_PATTERN = /^-?(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

/** numeric(12,2) holds at most 10 digits before the point. */
export const MAX_MONEY_CENTS = 999_999_999_999n;

export function isMoneyString(value: string): boolean {
  return MONEY_PATTERN.test(value);
}

export function toCents(value: string): bigint {
  if (!isMoneyString(value)) throw new RangeError(`not a money amount: ${value}`);
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Normalises any accepted spelling ("7", "7.5") to the canonical two-place form. */
export function normalizeMoney(value: string): string {
  return fromCents(toCents(value));
}
