import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { BookingStatus } from '../../src/entities/booking.entity';
import { FeeKind } from '../../src/entities/cancellation-policy.entity';
import type { Room } from '../../src/entities/room.entity';
import { dueThrough } from '../../src/services/night-audit';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, sendMutation } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let room: Room;

const close = (businessDate: string, token?: string) =>
  mutate(
    t,
    'closeBusinessDay',
    { businessDate },
    'businessDate nightAudit { businessDate noShows feesPosted scheduled closedBy { email } } noShows { id status }',
    token,
  );
const businessDate = async () => (await t.graphql<{ businessDate: string }>('{ businessDate }')).data!.businessDate;
const setBusinessDate = (date: string) => t.database.sql.query('update hotel_calendar set business_date = $1', [date]);
const feesOf = async (bookingId: number) =>
  (await t.database.sql.query('select kind, amount::text from folio_items where booking_id = $1 order by id', [bookingId])).rows;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  await t.database.sql.query(`update bookings set status = 'CANCELLED', total_amount = 0 where status = 'CONFIRMED'`);
  await setBusinessDate(today());
  await t.database.sql.query('delete from night_audits');
  room = await f.room(await f.roomType({ baseRate: '150.00' }));
});

describe('closeBusinessDay', () => {
  it('marks each CONFIRMED booking due on the business date (or before) as NO_SHOW with its fee, and moves the date on by one', async () => {
    const customer = await f.customer();
    const dueToday = await f.booking(room, customer, 0, 2);
    const dueBefore = await f.booking(room, customer, -5, 1);
    const arrived = await f.booking(room, customer, -2, 1, { status: BookingStatus.CHECKED_IN });
    const tomorrow = await f.booking(room, customer, 3, 2);

    const closed = await close(today());
    expect(closed).toMatchObject({
      __typename: 'CloseBusinessDaySuccess',
      businessDate: addDays(today(), 1),
      nightAudit: { businessDate: today(), noShows: 2, feesPosted: '300.00', scheduled: false, closedBy: null },
    });
    expect(closed.noShows.map((booking: { id: string }) => Number(booking.id)).sort()).toEqual([dueToday.id, dueBefore.id].sort());
    expect(await businessDate()).toBe(addDays(today(), 1));

    const statuses = await t.database.sql.query('select id, status, total_amount::text from bookings where id = any($1) order by id', [
      [dueToday.id, dueBefore.id, arrived.id, tomorrow.id],
    ]);
    expect(Object.fromEntries(statuses.rows.map((row) => [row.id, [row.status, row.total_amount]]))).toEqual({
      [dueToday.id]: ['NO_SHOW', '0.00'],
      [dueBefore.id]: ['NO_SHOW', '0.00'],
      [arrived.id]: ['CHECKED_IN', '150.00'],
      [tomorrow.id]: ['CONFIRMED', '300.00'],
    });
    // The hotel default: a no-show pays the first night.
    expect(await feesOf(dueToday.id)).toEqual([{ kind: 'NO_SHOW_FEE', amount: '150.00' }]);
    const audit = await t.database.sql.query(
      `select actor, entity, entity_id, changes, details from audit_entries where action = 'CLOSE_BUSINESS_DAY' order by id desc limit 1`,
    );
    expect(audit.rows[0]).toMatchObject({
      actor: expect.stringMatching(/^token:/),
      entity: 'BUSINESS_DAY',
      entity_id: today(),
      changes: { businessDate: { before: today(), after: addDays(today(), 1) } },
      details: { feesPosted: '300.00' },
    });
  });

  it('acts once when asked twice, and when asked many times at once', async () => {
    const customer = await f.customer();
    const due = await Promise.all([f.booking(room, customer, 0, 1), f.booking(await f.room(room.roomType), customer, 0, 1)]);
    const answers = await Promise.all(Array.from({ length: 8 }, () => close(today())));
    expect(answers.filter((a) => a.__typename === 'CloseBusinessDaySuccess')).toHaveLength(1);
    for (const refused of answers.filter((a) => a.__typename !== 'CloseBusinessDaySuccess')) {
      expect(refused).toEqual(
        answer.businessRule('business_date_current', `Only the current business date, ${addDays(today(), 1)}, can be closed; ${today()} is closed already.`),
      );
    }
    expect(await close(today())).toMatchObject({ __typename: 'BusinessRuleError', rule: 'business_date_current' });
    for (const booking of due) expect(await feesOf(booking.id)).toEqual([{ kind: 'NO_SHOW_FEE', amount: '150.00' }]);
    const days = await t.database.sql.query('select count(*)::int as n from night_audits where business_date = $1', [today()]);
    expect(days.rows[0].n).toBe(1);
    expect(await businessDate()).toBe(addDays(today(), 1));
  });

  it('refuses a day closed already, even when the calendar was set back to it', async () => {
    expect((await close(today())).__typename).toBe('CloseBusinessDaySuccess');
    await setBusinessDate(today());
    expect(await close(today())).toEqual(answer.businessRule('business_date_current', 'This business date is closed already.'));
    expect(await businessDate()).toBe(today());
  });

  it('refuses a date other than the current one, and a day that has not begun where the hotel is', async () => {
    expect(await close(addDays(today(), 2))).toEqual(
      answer.businessRule('business_date_current', `Only the current business date, ${today()}, can be closed; ${addDays(today(), 2)} has not come yet.`),
    );
    await setBusinessDate(addDays(today(), 1));
    const refused = await close(addDays(today(), 1));
    expect(refused).toMatchObject({ __typename: 'BusinessRuleError', rule: 'business_day_begun' });
    expect(refused.message).toContain(`${addDays(today(), 1)} has not begun yet in UTC`);
    expect(await businessDate()).toBe(addDays(today(), 1));
  });

  it('posts the no-show fee the room type’s own policy asks, and none under a NONE policy', async () => {
    const percent = await f.room(await f.roomType({ baseRate: '80.00' }));
    const free = await f.room(await f.roomType({ baseRate: '80.00' }));
    for (const [target, kind, value] of [
      [percent, FeeKind.PERCENT, '25'],
      [free, FeeKind.NONE, null],
    ] as const) {
      const set = await mutate(
        t,
        'setCancellationPolicy',
        { roomTypeId: String(target.roomType.id), freeUntilDays: 2, cancellationFeeKind: FeeKind.FIRST_NIGHT, noShowFeeKind: kind, noShowFeeValue: value },
        'policy { id noShowFeeKind noShowFeeValue roomType { id } }',
      );
      expect(set.policy).toMatchObject({ noShowFeeKind: kind, roomType: { id: String(target.roomType.id) } });
    }
    const customer = await f.customer();
    const a = await f.booking(percent, customer, 0, 3);
    const b = await f.booking(free, customer, 0, 3);
    expect((await close(today())).nightAudit.feesPosted).toBe('60.00');
    expect(await feesOf(a.id)).toEqual([{ kind: 'NO_SHOW_FEE', amount: '60.00' }]);
    expect(await feesOf(b.id)).toEqual([]);
  });

  it('is for the hotel’s staff: a partner may not close the day', async () => {
    const response = await sendMutation(t, 'closeBusinessDay', { businessDate: '2030-01-01' }, { members: '' }, { token: t.tokens.partner });
    expect(response.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await businessDate()).toBe(today());
  });
});

describe('the schedule’s due date (NIGHT_AUDIT_AT)', () => {
  it('closes the day before at a time before noon, the same day from noon, in the hotel’s zone', () => {
    const at = (iso: string) => new Date(iso);
    // 03:00 in Rome (UTC+1 in winter): from 02:00 UTC on 10 January, 9 January is over.
    expect(dueThrough(at('2027-01-10T01:59:00Z'), 'Europe/Rome', '03:00')).toBe('2027-01-08');
    expect(dueThrough(at('2027-01-10T02:00:00Z'), 'Europe/Rome', '03:00')).toBe('2027-01-09');
    // 23:30 in Rome: 10 January closes at 22:30 UTC that day.
    expect(dueThrough(at('2027-01-10T22:29:00Z'), 'Europe/Rome', '23:30')).toBe('2027-01-09');
    expect(dueThrough(at('2027-01-10T22:30:00Z'), 'Europe/Rome', '23:30')).toBe('2027-01-10');
  });
});
