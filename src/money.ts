/**
 * Money is kept as a decimal string with two places ("120.00"), the same text PostgreSQL
 * returns for numeric(12,2). Arithmetic happens in integer cents so no binary float ever
 * touches an amount.
 */
const MONEY_PATTERN = /^-?(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

/** numeric(12,2) holds at most 10 digits before the point. */
export const MAX_MONEY_CENTS = 999_999_999_999n;

/**
 * The database's bounds, behind the configurable, tighter ones of the services: one
 * amount (a rate, a charge, a payment) at most MAX_ITEM_AMOUNT either way, one booking's
 * bill (room total plus charges) at most MAX_BILL_AMOUNT either way, so a balance always
 * fits numeric(12,2) and the Money scalar.
 */
export const MAX_ITEM_AMOUNT = '99999999.99';
export const MAX_BILL_AMOUNT = '9999999999.99';

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
