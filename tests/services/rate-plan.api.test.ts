import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import type { RoomType } from '../../src/entities/room-type.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, sendMutation } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let type: RoomType;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  type = await f.roomType({ baseRate: '100.00', capacity: 2 });
  await f.room(type);
  await f.room(type);
});

const day = (offset: number) => addDays(today(), offset);
const QUOTE = `query ($input: QuoteInput!) { quote(input: $input) { roomType { id } checkIn checkOut numGuests nights { date price free } total bookable refusals } }`;

async function quote(checkIn: number, checkOut: number, numGuests = 1, token = t.tokens.partner) {
  const response = await t.graphql<{ quote: Record<string, any> }>(
    QUOTE,
    { input: { roomTypeId: String(type.id), checkIn: day(checkIn), checkOut: day(checkOut), numGuests } },
    { token },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.quote;
}

async function season(fields: Record<string, unknown>) {
  const made = await mutate(t, 'createRateSeason', { roomTypeId: String(type.id), name: 'Season', ...fields }, 'rateSeason { id }');
  expect(made.__typename).toBe('CreateRateSeasonSuccess');
  return made.rateSeason.id as string;
}

async function book(checkIn: number, checkOut: number, extra: Record<string, unknown> = {}) {
  const customer = await f.customer({ channel: 'partner-a' });
  return mutate(
    t,
    'createBooking',
    { roomTypeId: String(type.id), customerId: String(customer.id), checkIn: day(checkIn), checkOut: day(checkOut), numGuests: 1, ...extra },
    'booking { id totalAmount nightlyRate }',
    t.tokens.partner,
  );
}

describe('a rate plan', () => {
  it('prices each night by its season, else the base rate: the quote, the availability and the booking agree', async () => {
    await season({ firstNight: day(11), lastNight: day(12), nightlyRate: '150.00' });
    const quoted = await quote(10, 14);
    expect(quoted).toEqual({
      roomType: { id: String(type.id) },
      checkIn: day(10),
      checkOut: day(14),
      numGuests: 1,
      nights: [
        { date: day(10), price: '100.00', free: 2 },
        { date: day(11), price: '150.00', free: 2 },
        { date: day(12), price: '150.00', free: 2 },
        { date: day(13), price: '100.00', free: 2 },
      ],
      total: '500.00',
      bookable: true,
      refusals: [],
    });
    const { data } = await t.graphql<{ availability: { date: string; price: string; free: number }[] }>(
      `query ($from: Date!, $to: Date!, $type: ID) { availability(from: $from, to: $to, roomTypeId: $type) { date price free } }`,
      { from: day(10), to: day(14), type: String(type.id) },
      { token: t.tokens.partner },
    );
    expect(data?.availability).toEqual(quoted.nights);
    const booked = await book(10, 14, { quotedTotal: quoted.total });
    expect(booked).toEqual({ __typename: 'CreateBookingSuccess', booking: { id: expect.any(String), totalAmount: '500.00', nightlyRate: '125.00' } });
    expect((await quote(10, 14)).nights.map((night: { free: number }) => night.free)).toEqual([1, 1, 1, 1]);
  });

  it('refuses with PriceChangedError, booking nothing, when the price moved since the quote', async () => {
    const id = await season({ firstNight: day(20), lastNight: day(20), nightlyRate: '120.00' });
    const quoted = await quote(20, 22);
    expect(quoted.total).toBe('220.00');
    expect((await mutate(t, 'updateRateSeason', { rateSeasonId: id, nightlyRate: '180.00' }, 'rateSeason { nightlyRate }')).rateSeason).toEqual({
      nightlyRate: '180.00',
    });
    const refused = await mutate(
      t,
      'createBooking',
      {
        roomTypeId: String(type.id),
        customerId: String((await f.customer({ channel: 'partner-a' })).id),
        checkIn: day(20),
        checkOut: day(22),
        numGuests: 1,
        quotedTotal: quoted.total,
      },
      { members: '... on PriceChangedError { code quotedTotal total message } ... on CreateBookingSuccess { booking { id } }' },
      t.tokens.partner,
    );
    expect(refused).toEqual({
      __typename: 'PriceChangedError',
      code: 'PRICE_CHANGED',
      quotedTotal: '220.00',
      total: '280.00',
      message: 'The stay now costs 280.00, not the 220.00 quoted; quote again and book at the new price.',
    });
    const { rows } = await t.database.sql.query('select count(*)::int as n from bookings where room_type_id = $1', [type.id]);
    expect(rows[0].n).toBe(0);
  });

  it('keeps its minimum stay and its nights closed to arrival, in the quote and in createBooking', async () => {
    await season({ firstNight: day(30), lastNight: day(33), minStay: 3 });
    await season({ firstNight: day(40), lastNight: day(40), closedToArrival: true });
    const short = await quote(31, 33);
    expect(short).toMatchObject({ bookable: false, refusals: [`A stay in a ${type.name} room arriving on ${day(31)} is at least 3 nights; this one is 2.`] });
    expect(await book(31, 33)).toEqual(answer.businessRule('min_stay', short.refusals[0]));
    expect((await book(31, 34)).__typename).toBe('CreateBookingSuccess');
    // Arriving on the night before runs through the closed night; arriving on it does not.
    expect((await book(39, 41)).__typename).toBe('CreateBookingSuccess');
    expect(await book(40, 41)).toEqual(answer.businessRule('closed_to_arrival', `${type.name} rooms take no arrival on ${day(40)}.`));
    expect((await quote(40, 41)).refusals).toEqual([`${type.name} rooms take no arrival on ${day(40)}.`]);
    expect((await quote(10, 11, 3)).refusals).toEqual([`A ${type.name} room takes at most 2 guests.`]);
  });

  it('never lets two seasons of a type cover one night, and asks availability for at most 366 nights', async () => {
    await season({ firstNight: day(50), lastNight: day(55), nightlyRate: '90.00' });
    const overlap = await mutate(
      t,
      'createRateSeason',
      { roomTypeId: String(type.id), name: 'Overlap', firstNight: day(55), lastNight: day(60) },
      'rateSeason { id }',
    );
    expect(overlap).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', message: 'Another season of this room type covers some of these nights.' });
    const backwards = await mutate(
      t,
      'createRateSeason',
      { roomTypeId: String(type.id), name: 'Back', firstNight: day(70), lastNight: day(69) },
      'rateSeason { id }',
    );
    expect(backwards).toEqual(answer.validation([{ path: ['input', 'lastNight'], message: 'The last night of a season cannot come before its first.' }]));
    const tooLong = await t.graphql(`{ availability(from: "${day(0)}", to: "${day(367)}") { date } }`, {}, { token: t.tokens.partner });
    expect(tooLong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const byPartner = await sendMutation(
      t,
      'createRateSeason',
      { roomTypeId: String(type.id), name: 'Mine', firstNight: day(80), lastNight: day(81) },
      { members: '' },
      { token: t.tokens.partner },
    );
    expect(byPartner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('tells a rate change in the feed, and audits it', async () => {
    const id = await season({ firstNight: day(90), lastNight: day(91), nightlyRate: '110.00' });
    const { rows: events } = await t.database.sql.query(`select kind from change_events where entity = 'ROOM_TYPE' and entity_id = $1 order by id`, [
      String(type.id),
    ]);
    expect(events.map((event) => event.kind)).toEqual(['RATE_CHANGED', 'RATE_CHANGED']);
    const { rows: audits } = await t.database.sql.query(`select action, entity_id from audit_entries where entity = 'RATE_SEASON' and entity_id = $1`, [id]);
    expect(audits).toEqual([{ action: 'CREATE_RATE_SEASON', entity_id: id }]);
  });
});
