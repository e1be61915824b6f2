import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import type { RoomType } from '../../src/entities/room-type.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate } from '../support/mutations';
import { useTestApi } from '../support/test-api';

let type: RoomType;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  type = await f.roomType({ baseRate: '80.00' });
  await f.room(type);
  await f.room(type);
});

const day = (offset: number) => addDays(today(), offset);
const BY_REFERENCE = `query ($reference: String!, $channel: String) { bookingByReference(reference: $reference, channel: $channel) { id channel channelReference checkOut status } }`;

async function bookAs(token: string, channel: string, reference: string, checkIn = 10) {
  const customer = await f.customer({ channel });
  return mutate(
    t,
    'createBooking',
    {
      roomTypeId: String(type.id),
      customerId: String(customer.id),
      checkIn: day(checkIn),
      checkOut: day(checkIn + 2),
      numGuests: 1,
      channelReference: reference,
    },
    'booking { id channel channelReference }',
    token,
  );
}

const lookUp = async (reference: string, token: string, channel?: string) =>
  (await t.graphql<{ bookingByReference: Record<string, any> | null }>(BY_REFERENCE, { reference, channel }, { token })).data?.bookingByReference;

describe("a partner's own reference", () => {
  it('is stored with the booking, unique within its channel only', async () => {
    const first = await bookAs(t.tokens.partner, 'partner-a', 'RES-1');
    expect(first).toMatchObject({ __typename: 'CreateBookingSuccess', booking: { channel: 'partner-a', channelReference: 'RES-1' } });
    expect(await bookAs(t.tokens.partner, 'partner-a', 'RES-1', 20)).toEqual(
      answer.validation([{ path: ['input', 'channelReference'], message: 'This channel already has a booking with this reference.' }]),
    );
    expect((await bookAs(t.tokens.otherPartner, 'partner-b', 'RES-1')).__typename).toBe('CreateBookingSuccess');
  });

  it('finds the booking: a partner its own channel only, the hotel by channel or when only one channel has it', async () => {
    const mine = await bookAs(t.tokens.partner, 'partner-a', 'FIND-1');
    const theirs = await bookAs(t.tokens.otherPartner, 'partner-b', 'FIND-1');
    expect(await lookUp('FIND-1', t.tokens.partner)).toMatchObject({ id: mine.booking.id, channel: 'partner-a' });
    expect(await lookUp('FIND-1', t.tokens.otherPartner)).toMatchObject({ id: theirs.booking.id, channel: 'partner-b' });
    // A partner naming another channel still sees only its own.
    expect(await lookUp('FIND-1', t.tokens.partner, 'partner-b')).toMatchObject({ id: mine.booking.id });
    expect(await lookUp('FIND-1', t.tokens.staff)).toBeNull();
    expect(await lookUp('FIND-1', t.tokens.staff, 'partner-b')).toMatchObject({ id: theirs.booking.id });
    expect(await lookUp('NOBODY', t.tokens.partner)).toBeNull();
  });

  it('lets a partner amend and cancel its booking by reference, and not another channel’s', async () => {
    const mine = await bookAs(t.tokens.partner, 'partner-a', 'CHG-1');
    await bookAs(t.tokens.otherPartner, 'partner-b', 'CHG-2');
    const amended = await mutate(t, 'amendBooking', { channelReference: 'CHG-1', checkOut: day(13) }, 'booking { id checkOut totalAmount }', t.tokens.partner);
    expect(amended).toEqual({ __typename: 'AmendBookingSuccess', booking: { id: mine.booking.id, checkOut: day(13), totalAmount: '240.00' } });
    expect(await mutate(t, 'cancelBooking', { channelReference: 'CHG-2', reason: 'Guest cancelled' }, 'booking { id }', t.tokens.partner)).toEqual(
      answer.notFound('Booking', 'CHG-2', 'No booking has the reference CHG-2.'),
    );
    const cancelled = await mutate(t, 'cancelBooking', { channelReference: 'CHG-1', reason: 'Guest cancelled' }, 'booking { id status }', t.tokens.partner);
    expect(cancelled).toEqual({ __typename: 'CancelBookingSuccess', booking: { id: mine.booking.id, status: 'CANCELLED' } });
    expect(
      await mutate(t, 'cancelBooking', { bookingId: mine.booking.id, channelReference: 'CHG-1', reason: 'x' }, 'booking { id }', t.tokens.partner),
    ).toEqual(answer.validation([{ path: ['input', 'bookingId'], message: 'Name the booking by its bookingId or by its channelReference, one of the two.' }]));
  });
});
