import { describe, expect, it } from 'vitest';
import { fromCents, isMoneyString, normalizeMoney, toCents } from '../src/money';

describe('money', () => {
  it('converts decimal strings to integer cents and back without float error', () => {
    expect(toCents('120.00')).toBe(12000n);
    expect(toCents('0.1') + toCents('0.2')).toBe(30n);
    expect(fromCents(toCents('0.1') + toCents('0.2'))).toBe('0.30');
    expect(fromCents(-5n)).toBe('-0.05');
    expect(normalizeMoney('7')).toBe('7.00');
  });

  it('accepts at most 10 digits before and 2 after the point', () => {
    expect(isMoneyString('9999999999.99')).toBe(true);
    for (const bad of ['12345678901', '1.234', '1e3', 'NaN', 'Infinity', '', ' 1', '01.00', '1.']) expect(isMoneyString(bad)).toBe(false);
  });
});
