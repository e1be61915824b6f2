import { describe, expect, it } from 'vitest';
import { leaksIn } from './leak-scan';

describe('the leak scan every test response goes through', () => {
  it('catches stack frames, SQL, driver names and constraint names', () => {
    expect(leaksIn('{"message":"x","stack":"at Object.<anonymous> (/work/src/a.ts:10:5)"}')).toContain('a stack frame');
    expect(leaksIn('{"message":"insert into \\"bookings\\" (\\"room_id\\") values ($1)"}')).toContain('SQL');
    expect(leaksIn('{"message":"DriverException: boom"}')).toContain('a SQLSTATE or driver detail');
    expect(leaksIn('{"message":"violates check constraint \\"bookings_dates_check\\""}')).toEqual(['a constraint name', 'a PostgreSQL message']);
  });

  it('passes ordinary answers, including table names the delete preview shows on purpose', () => {
    expect(leaksIn('{"data":{"deleteImpact":{"deletes":[{"table":"bookings","count":3}]},"booking":{"status":"CHECKED_OUT"}}}')).toEqual([]);
    expect(leaksIn('{"errors":[{"message":"Check-out must be after check-in.","extensions":{"code":"VALIDATION_FAILED"}}]}')).toEqual([]);
  });
});
