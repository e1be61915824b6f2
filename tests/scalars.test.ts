import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar, MoneyScalar } from '../src/scalars';

describe('Money scalar', () => {
  it('normalises decimal strings to two places', () => {
    expect(MoneyScalar.parseValue('120')).toBe('120.00');
    expect(MoneyScalar.parseValue('0.5')).toBe('0.50');
    expect(MoneyScalar.serialize('99.90')).toBe('99.90');
    expect(MoneyScalar.parseLiteral({ kind: Kind.STRING, value: '12.34' })).toBe('12.34');
  });

  it.each(['NaN', '1e309', '1.234', 'abc', '99999999999.00', ''])('rejects %j', (value) => {
    expect(() => MoneyScalar.parseValue(value)).toThrow(TypeError);
  });

  it('rejects non-finite and over-precise numbers and non-string values', () => {
    expect(() => MoneyScalar.parseValue(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => MoneyScalar.parseValue(0.1 + 0.2)).toThrow(TypeError);
    expect(() => MoneyScalar.parseValue({})).toThrow(TypeError);
    expect(() => MoneyScalar.parseLiteral({ kind: Kind.BOOLEAN, value: true })).toThrow(TypeError);
  });
});

describe('Date scalar', () => {
  it('keeps calendar dates as strings and refuses impossible ones', () => {
    expect(DateScalar.name).toBe('Date');
    expect(DateScalar.parseValue('2028-02-29')).toBe('2028-02-29');
    expect(() => DateScalar.parseValue('2027-02-29')).toThrow();
    expect(() => DateScalar.parseValue('2027-13-01')).toThrow();
    expect(() => DateScalar.parseValue('01/02/2027')).toThrow();
  });
});
