import { describe, expect, it } from 'vitest';
import { DECLARED_TRIGGERS } from '../../src/integrity/declared-triggers';
import { byName, failing, reportOf, withHotel } from '../support/integrity-fixtures';

describe('trigger: checks', () => {
  it('find every declared trigger present and enabled, and fail for one dropped or disabled, saying which', async () => {
    await withHotel(async (h) => {
      const triggers = await reportOf(h, { checks: ['trigger:'] });
      expect(triggers.checks.map((check) => check.name).sort()).toEqual(DECLARED_TRIGGERS.map((t) => `trigger:${t.table}.${t.name}`).sort());
      expect(failing(triggers)).toEqual([]);

      await h.sql.query('alter table audit_entries disable trigger audit_entries_append_only');
      await h.sql.query('drop trigger booking_nightly_rate_default on bookings');
      const broken = await reportOf(h, { checks: ['trigger:'] });
      expect(failing(broken)).toEqual(['trigger:audit_entries.audit_entries_append_only', 'trigger:bookings.booking_nightly_rate_default']);
      expect(byName(broken, 'trigger:audit_entries.audit_entries_append_only')).toMatchObject({
        kind: 'TRIGGER',
        severity: 'HIGH',
        violationCount: 1,
        sampleIds: [],
        suggestedFix: expect.stringContaining('alter table "audit_entries" enable trigger audit_entries_append_only'),
      });
      // Disabled, it no longer refuses: the very change it exists to stop.
      await expect(h.sql.query(`update audit_entries set reason = 'rewritten'`)).resolves.toBeDefined();
    });
  });
});
