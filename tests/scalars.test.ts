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

  it.each(['NaN', '1e309', '1.234', 'abc', '99999999999.00', '', ' 12.00', '12.00 ', '+1.00', '0x10', '1_000.00', '01.00', '1.'])('rejects %j', (value) => {
    expect(() => MoneyScalar.parseValue(value)).toThrow(TypeError);
  });

  it('takes only strings: a JSON number, even a round one, is refused, in a variable or in the document', () => {
    expect(() => MoneyScalar.parseValue(12.5)).toThrow(/decimal string/);
    expect(() => MoneyScalar.parseValue(12)).toThrow(/decimal string/);
    expect(() => MoneyScalar.parseLiteral({ kind: Kind.FLOAT, value: '12.5' })).toThrow(/decimal string/);
    expect(() => MoneyScalar.parseLiteral({ kind: Kind.INT, value: '12' })).toThrow(/decimal string/);
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

  it('takes dates from 1900-01-01 to 2199-12-31 only, in a variable or in the document', () => {
    expect(DateScalar.parseValue('1900-01-01')).toBe('1900-01-01');
    expect(DateScalar.parseValue('2199-12-31')).toBe('2199-12-31');
    for (const outside of ['0000-01-01', '1899-12-31', '2200-01-01', '9999-12-31']) {
      expect(() => DateScalar.parseValue(outside)).toThrow(/between 1900-01-01 and 2199-12-31/);
      expect(() => DateScalar.parseLiteral({ kind: Kind.STRING, value: outside }, {})).toThrow(/between 1900-01-01 and 2199-12-31/);
    }
  });
});
