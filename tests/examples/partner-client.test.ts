import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates';
import { fixtures } from '../support/fixtures';
import { useTestApi } from '../support/test-api';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

let roomTypeId: string;
let checkIn: string;
let checkOut: string;

const t = useTestApi();
beforeAll(async () => {
  const f = fixtures(t.em());
  // One room: the second booking of the same nights finds the type sold out.
  const type = await f.roomType({ name: 'Garden Double', capacity: 2, baseRate: '90.00' });
  await f.room(type);
  roomTypeId = String(type.id);
  const { businessDate } = (await t.graphql<{ businessDate: string }>('{ businessDate }', {}, { token: t.tokens.partner })).data!;
  checkIn = addDays(businessDate, 30);
  checkOut = addDays(businessDate, 32);
});

/** The example as a partner runs it, from the repository root; its exit status and its JSON lines. */
async function partnerScript(env: Record<string, string> = {}) {
  const environment = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', HOTEL_API_URL: t.url, HOTEL_PARTNER_TOKEN: t.tokens.partner, ...env };
  let code = 0;
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, ['-r', './scripts/register-ts.cjs', 'examples/client/src/partner.ts'], { cwd: ROOT, env: environment }));
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    if (typeof failed.code !== 'number') throw error;
    ({ code, stdout } = failed);
  }
  return {
    code,
    lines: stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, any>),
  };
}

describe('the typed partner client in examples/client', () => {
  it('books once with an Idempotency-Key; sent again with the key, the answer is the same booking, replayed', async () => {
    const { code, lines } = await partnerScript({ IDEMPOTENCY_KEY: 'example-booking-1', CHANNEL_REFERENCE: 'EX-0001' });
    expect(code).toBe(0);
    expect(lines.map((line) => line.step)).toEqual(['availability', 'quote', 'guest', 'createBooking', 'createBooking', 'replay']);
    const [availability, quote, guest, first, second, replay] = lines;
    expect(availability).toEqual({
      step: 'availability',
      checkIn,
      checkOut,
      roomTypes: [{ id: roomTypeId, name: 'Garden Double', freeEveryNight: true }],
      chosen: roomTypeId,
    });
    expect(quote).toEqual({ step: 'quote', roomTypeId, total: '180.00', bookable: true, refusals: [] });
    expect(guest).toEqual({ step: 'guest', outcome: 'registered', customerId: expect.stringMatching(/^\d+$/) });
    expect(first).toEqual({
      step: 'createBooking',
      attempt: 1,
      outcome: 'booked',
      replayed: false,
      replayedHeader: false,
      bookingId: expect.stringMatching(/^\d+$/),
      channelReference: 'EX-0001',
      status: 'CONFIRMED',
      checkIn,
      checkOut,
      totalAmount: '180.00',
    });
    expect(second).toEqual({ ...first, attempt: 2, replayed: true, replayedHeader: true });
    expect(replay).toEqual({ step: 'replay', sameBooking: true, bookingId: first.bookingId });

    const { rows } = await t.database.sql.query(`select id::text, channel, customer_id::text from bookings where channel_reference = 'EX-0001'`);
    expect(rows).toEqual([{ id: first.bookingId, channel: 'partner-a', customer_id: guest.customerId }]);
  });

  it('handles a refusal by its __typename and code: the room type sold out, a key reused for another booking', async () => {
    const soldOut = await partnerScript({ ROOM_TYPE_ID: roomTypeId, CHANNEL_REFERENCE: 'EX-0002' });
    expect(soldOut.code).toBe(1);
    expect(soldOut.lines.map((line) => line.step)).toEqual(['availability', 'quote', 'guest', 'createBooking']);
    expect(soldOut.lines[0].roomTypes).toEqual([{ id: roomTypeId, name: 'Garden Double', freeEveryNight: false }]);
    expect(soldOut.lines[1]).toMatchObject({ bookable: false });
    // The guest registered by the first run is found, not registered twice.
    expect(soldOut.lines[2]).toMatchObject({ step: 'guest', outcome: 'found' });
    expect(soldOut.lines[3]).toEqual({
      step: 'createBooking',
      attempt: 1,
      outcome: 'refused',
      __typename: 'ConflictError',
      code: 'ROOM_TYPE_SOLD_OUT',
      category: 'BUSINESS_LOGIC',
      retryable: false,
      message: expect.any(String),
      conflictingIds: expect.any(Array),
      next: 'sold out for some of these nights: offer other dates or another room type',
    });

    const reused = await partnerScript({ ROOM_TYPE_ID: roomTypeId, IDEMPOTENCY_KEY: 'example-booking-1', CHANNEL_REFERENCE: 'EX-0003' });
    expect(reused.code).toBe(1);
    expect(reused.lines.at(-1)).toMatchObject({
      step: 'createBooking',
      outcome: 'refused',
      __typename: 'ValidationError',
      code: 'IDEMPOTENCY_KEY_REUSED',
      next: 'this key already booked something else: a new booking needs a new key',
    });
    const { rows } = await t.database.sql.query(`select count(*)::int as n from bookings where channel = 'partner-a'`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('says in one line when the request itself fails: a token the API does not know', async () => {
    const { code, lines } = await partnerScript({ HOTEL_PARTNER_TOKEN: 'not-a-token' });
    expect(code).toBe(2);
    expect(lines).toEqual([{ step: 'request', outcome: 'error', status: 401, code: 'UNAUTHENTICATED', message: expect.any(String) }]);
  });
});
