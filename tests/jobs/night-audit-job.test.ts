import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { mutationDocument } from '../support/mutations';
import { type ListeningApi, startApiProcesses, stopApiProcesses } from '../support/spawn-api';
import { useTestDatabase } from '../support/test-database';

const TOKEN = 'night-audit-admin-token-0123456789abcdef';
const CLOSE = mutationDocument('closeBusinessDay', {
  members: '... on CloseBusinessDaySuccess { businessDate } ... on BusinessRuleError { rule }',
});

let apis: ListeningApi[] = [];
/** The three days behind the schedule, each with two guests who never came. */
const behind = [addDays(today(), -3), addDays(today(), -2), addDays(today(), -1)];
let due: number[];

const db = useTestDatabase();
beforeAll(async () => {
  const q = (text: string, values: unknown[] = []) => db.sql.query(text, values);
  await q('insert into hotel_calendar (id, business_date) values (1, $1) on conflict (id) do update set business_date = excluded.business_date', [behind[0]]);
  const [{ id: typeId }] = (await q(`insert into room_types (name, capacity, base_rate) values ('Night audit', 2, 90) returning id`)).rows;
  const [{ id: customerId }] = (await q(`insert into customers (first_name, last_name, email) values ('Never', 'Came', 'never@guest.test') returning id`)).rows;
  due = [];
  for (const [n, day] of behind.entries()) {
    for (const k of [0, 1]) {
      const [{ id: roomId }] = (await q('insert into rooms (number, floor, room_type_id) values ($1, 1, $2) returning id', [`NA${n}${k}`, typeId])).rows;
      const [{ id }] = (
        await q(
          'insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values ($1, $2, $3, $3::date + 2, 1, 180) returning id',
          [roomId, customerId, day],
        )
      ).rows;
      due.push(id);
    }
  }
  // 00:00 closes the day before: every day behind today is due as the processes start.
  apis = await startApiProcesses(2, { DATABASE_URL: db.url, HOTEL_BOOTSTRAP_ADMIN_TOKEN: TOKEN, NIGHT_AUDIT_AT: '00:00' }, TOKEN);
}, 60_000);
afterAll(async () => {
  await stopApiProcesses(apis);
});

describe('the night audit with two API processes', () => {
  it('closes each day behind the schedule once: each no-show marked once, each fee posted once', async () => {
    await expect
      .poll(async () => (await db.sql.query('select business_date::text as d from hotel_calendar')).rows[0].d, { timeout: 45_000, interval: 500 })
      .toBe(today());
    const days = await db.sql.query('select business_date::text as d, no_shows, fees_posted::text as fees, scheduled from night_audits order by 1');
    expect(days.rows).toEqual(behind.map((d) => ({ d, no_shows: 2, fees: '180.00', scheduled: true })));
    const bookings = await db.sql.query(
      `select b.status, count(f.id)::int as fees, sum(f.amount)::text as fee from bookings b left join folio_items f on f.booking_id = b.id where b.id = any($1) group by b.id, b.status`,
      [due],
    );
    expect(bookings.rows).toEqual(due.map(() => ({ status: 'NO_SHOW', fees: 1, fee: '90.00' })));
    const audits = await db.sql.query(`select count(*)::int as n from audit_entries where action = 'CLOSE_BUSINESS_DAY'`);
    expect(audits.rows[0].n).toBe(3);
  }, 60_000);

  it('lets one of many closes sent to both processes at once act; the others learn the date moved on', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => apis[i % 2].client.send(CLOSE, { input: { businessDate: today() } }).then((a) => a.body.data.closeBusinessDay)),
    );
    expect(answers.filter((a) => a.__typename === 'CloseBusinessDaySuccess')).toEqual([
      { __typename: 'CloseBusinessDaySuccess', businessDate: addDays(today(), 1) },
    ]);
    expect(answers.filter((a) => a.__typename === 'BusinessRuleError').map((a) => a.rule)).toEqual(Array(9).fill('business_date_current'));
    const days = await db.sql.query('select count(*)::int as n from night_audits where business_date = $1', [today()]);
    expect(days.rows[0].n).toBe(1);
  });
});
