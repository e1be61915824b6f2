import { describe, expect, it } from 'vitest';
import { addDays, nightsBetween, today } from '../src/dates';

describe('stay dates', () => {
  it('step across month ends, leap days and daylight-saving changes as whole days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(nightsBetween('2027-03-27', '2027-04-03')).toBe(7);
  });

  it('takes today as the UTC calendar date', () => {
    expect(today(new Date('2027-06-30T23:59:59Z'))).toBe('2027-06-30');
  });
});
