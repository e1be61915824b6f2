import { describe, expect, it } from 'vitest';
import { addDays, localDate, localDateTime, nightsBetween, today } from '../src/dates';

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

describe('the hotel’s local date', () => {
  it('turns at local midnight, not at UTC midnight', () => {
    // 23:30 UTC on 30 June: already 1 July in Rome (UTC+2 in summer), still 30 June in New York.
    const lateUtc = new Date('2027-06-30T23:30:00Z');
    expect(localDate(lateUtc, 'UTC')).toBe('2027-06-30');
    expect(localDate(lateUtc, 'Europe/Rome')).toBe('2027-07-01');
    expect(localDate(lateUtc, 'America/New_York')).toBe('2027-06-30');
    // One minute either side of Rome's midnight.
    expect(localDateTime(new Date('2027-06-30T21:59:00Z'), 'Europe/Rome')).toEqual({ date: '2027-06-30', time: '23:59' });
    expect(localDateTime(new Date('2027-06-30T22:00:00Z'), 'Europe/Rome')).toEqual({ date: '2027-07-01', time: '00:00' });
    // Across a daylight-saving change and the date line.
    expect(localDateTime(new Date('2027-03-28T00:59:00Z'), 'Europe/Rome')).toEqual({ date: '2027-03-28', time: '01:59' });
    expect(localDateTime(new Date('2027-03-28T01:00:00Z'), 'Europe/Rome')).toEqual({ date: '2027-03-28', time: '03:00' });
    expect(localDate(new Date('2027-01-01T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2027-01-02');
    expect(localDate(new Date('2027-01-01T10:00:00Z'), 'Pacific/Pago_Pago')).toBe('2026-12-31');
  });
});
