import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, nightsBetween } from '../../src/dates';
import { fixtures } from '../support/fixtures';
import { answer, mutate } from '../support/mutations';
import { startTestApi, type TestApi } from '../support/test-api';

// Fourteen hours ahead of UTC and eleven behind: their dates differ by one or two days at every instant.
const AHEAD = 'Pacific/Kiritimati';
const BEHIND = 'Pacific/Pago_Pago';

let ahead: TestApi;
let behind: TestApi;

beforeAll(async () => {
  [ahead, behind] = await Promise.all([startTestApi({ config: { hotelTimeZone: AHEAD } }), startTestApi({ config: { hotelTimeZone: BEHIND } })]);
});
afterAll(async () => {
  await Promise.all([ahead?.close(), behind?.close()]);
});

const businessDateOf = async (t: TestApi) => (await t.graphql<{ businessDate: string }>('{ businessDate }')).data!.businessDate;

describe('the business date', () => {
  it('starts as the local date where the hotel is', async () => {
    const [a, b] = [await businessDateOf(ahead), await businessDateOf(behind)];
    expect([localDate(new Date(), AHEAD), addDays(localDate(new Date(), AHEAD), -1)]).toContain(a);
    expect([localDate(new Date(), BEHIND), addDays(localDate(new Date(), BEHIND), 1)]).toContain(b);
    expect(nightsBetween(b, a)).toBeGreaterThanOrEqual(1);
  });

  it('decides “today” for check-in: the same arrival checks in where that day has come and not where it is still yesterday', async () => {
    const arrival = await businessDateOf(ahead);
    const checkInOn = async (t: TestApi) => {
      const f = fixtures(t.em());
      const room = await f.room(await f.roomType());
      const booking = await t
        .em()
        .execute(
          `insert into bookings (room_id, customer_id, check_in, check_out, num_guests, total_amount) values (?, ?, ?::date, ?::date + 2, 1, 200) returning id`,
          [room.id, (await f.customer()).id, arrival, arrival],
        );
      return mutate(t, 'checkInBooking', { bookingId: String(booking[0].id) }, 'booking { status }');
    };
    expect(await checkInOn(ahead)).toMatchObject({ __typename: 'CheckInBookingSuccess', booking: { status: 'CHECKED_IN' } });
    expect(await checkInOn(behind)).toEqual(answer.businessRule('check_in_date', `Check-in opens on ${arrival}.`));
  });

  it('decides where a new stay may start: the behind hotel’s today is in the past for the one ahead', async () => {
    const yesterdayAhead = await businessDateOf(behind);
    const f = fixtures(ahead.em());
    const room = await f.room(await f.roomType());
    const customer = await f.customer();
    const refused = await mutate(
      ahead,
      'createBooking',
      { roomId: String(room.id), customerId: String(customer.id), checkIn: yesterdayAhead, checkOut: addDays(yesterdayAhead, 3), numGuests: 1 },
      'booking { id }',
    );
    expect(refused).toEqual(answer.validation([{ path: ['input', 'checkIn'], message: 'Check-in cannot be in the past.' }]));
  });
});
