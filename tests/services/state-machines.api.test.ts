import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates';
import { BookingStatus } from '../../src/entities/booking.entity';
import { HousekeepingTaskStatus } from '../../src/entities/housekeeping-task.entity';
import { MaintenanceStatus } from '../../src/entities/maintenance-request.entity';
import { WebhookDeliveryStatus } from '../../src/entities/outbox-delivery';
import { PaymentStatus } from '../../src/entities/payment.entity';
import { HousekeepingStatus, RoomStatus } from '../../src/entities/room.entity';
import { WaitlistStatus } from '../../src/entities/waitlist-entry.entity';
import { answer, mutate } from '../support/mutations';
import { useTestApi } from '../support/test-api';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * No dead ends: every value of every status of the model is reached through the API's
 * mutations alone, starting from nothing, and left only as its state machine says. The
 * statuses are read from the ORM's metadata (every enum property named status or
 * …Status), so a status added later without a way to reach it fails here by name.
 */

let today: string;
/** The status values each machine ("Entity.property") was seen in, from the API's answers. */
const reached = new Map<string, Set<string>>();
let machines: Map<string, readonly string[]>;
/**
 * Machines no client drives: an alert delivery is raised by the service's own watch, not by a
 * mutation, and has no field in the schema. Its PENDING, DELIVERED and FAILED are walked in
 * alert-delivery.test.ts and alerts.test.ts.
 */
const SERVICE_MACHINES = new Set(['AlertDelivery.status']);

// The webhook walk posts to a receiver of its own on 127.0.0.1; deliveries are looked for every 50 ms.
const t = useTestApi({ config: { webhookAllowHosts: ['127.0.0.1'], webhookPollMs: 50, webhookBackoffBaseMs: 60_000 } });
beforeAll(async () => {
  today = (await t.graphql<{ businessDate: string }>('{ businessDate }')).data!.businessDate;
  machines = new Map(
    Object.values(t.orm.getMetadata().getAll()).flatMap((meta) =>
      Object.values(meta.properties)
        .filter((prop) => prop.enum && /^status$|Status$/.test(prop.name))
        .map((prop) => [`${meta.className}.${prop.name}`, (prop.items ?? []).map(String)] as const)
        .filter(([machine]) => !SERVICE_MACHINES.has(machine)),
    ),
  );
});

/** Records the status `value` of `machine` an answer showed, and hands the answer on. */
function saw<T>(machine: string, value: string, result: T): T {
  if (!reached.has(machine)) reached.set(machine, new Set());
  reached.get(machine)!.add(value);
  return result;
}

/** The values of `machine` no answer showed yet, named for the failure message. */
const unreached = (machine: string) => (machines.get(machine) ?? []).filter((value) => !reached.get(machine)?.has(value)).map((value) => `${machine} ${value}`);

let sequence = 0;
const unique = (prefix: string) => `${prefix}${++sequence}`;

const ROOM = 'room { id status housekeepingStatus }';

async function roomType(capacity = 2) {
  const { roomType } = await mutate(t, 'createRoomType', { name: unique('Walk type '), capacity, baseRate: '100.00' }, 'roomType { id }');
  return roomType.id as string;
}

async function room(roomTypeId: string) {
  const { room } = await mutate(t, 'createRoom', { number: unique('W'), floor: 1, roomTypeId }, ROOM);
  saw('Room.status', room.status, room);
  return saw('Room.housekeepingStatus', room.housekeepingStatus, room) as { id: string };
}

async function customer() {
  const n = unique('');
  const { customer } = await mutate(t, 'createCustomer', { firstName: 'Walk', lastName: `Guest${n}`, email: `walk${n}@guest.test` }, 'customer { id }');
  return customer.id as string;
}

const BOOKING = 'booking { id status totalAmount room { id status housekeepingStatus } }';

async function book(roomId: string, customerId: string, from: number, nights: number, extra: Record<string, unknown> = {}) {
  const stay = { roomId, customerId, checkIn: addDays(today, from), checkOut: addDays(today, from + nights), numGuests: 2, ...extra };
  const result = await mutate(t, 'createBooking', stay, BOOKING);
  expect(result.__typename).toBe('CreateBookingSuccess');
  return saw('Booking.status', result.booking.status, result.booking);
}

async function waitlistStatus(entryId: string): Promise<string> {
  const { data } = await t.graphql('{ waitlist(first: 100) { nodes { id status } } }');
  return data!.waitlist.nodes.find((entry: { id: string }) => entry.id === entryId).status;
}

describe('the state machine walk', () => {
  it('finds the statuses of the model: booking, waitlist entry, maintenance request, housekeeping task, payment, room and its housekeeping, webhook delivery', () => {
    expect(Object.fromEntries(machines)).toEqual({
      'Booking.status': Object.values(BookingStatus),
      'HousekeepingTask.status': Object.values(HousekeepingTaskStatus),
      'MaintenanceRequest.status': Object.values(MaintenanceStatus),
      'Payment.status': Object.values(PaymentStatus),
      'Room.housekeepingStatus': Object.values(HousekeepingStatus),
      'Room.status': Object.values(RoomStatus),
      'WaitlistEntry.status': Object.values(WaitlistStatus),
      'WebhookDelivery.status': Object.values(WebhookDeliveryStatus),
    });
  });

  it('waitlist entry: WAITING, NOTIFIED by a release, FULFILLED by the booking made from the offer, WITHDRAWN; nothing after either end', async () => {
    const type = await roomType();
    const { id: roomId } = await room(type);
    const guest = await customer();
    const other = await customer();
    const held = await book(roomId, other, 10, 3);
    const wish = { customerId: guest, roomTypeId: type, checkIn: addDays(today, 10), checkOut: addDays(today, 13), numGuests: 2 };
    const { entry } = await mutate(t, 'joinWaitlist', wish, 'entry { id status }');
    saw('WaitlistEntry.status', entry.status, entry);
    const { entry: second } = await mutate(t, 'joinWaitlist', wish, 'entry { id status }');
    saw('WaitlistEntry.status', second.status, second);

    await mutate(t, 'cancelBooking', { bookingId: held.id, reason: 'Plans changed' }, 'booking { id }');
    saw('WaitlistEntry.status', await waitlistStatus(entry.id), null);
    expect(await waitlistStatus(entry.id)).toBe('NOTIFIED');

    const fromOffer = await book(roomId, guest, 10, 3, { waitlistEntryId: entry.id });
    saw('WaitlistEntry.status', await waitlistStatus(entry.id), fromOffer);
    const { entry: withdrawn } = await mutate(t, 'withdrawWaitlistEntry', { entryId: second.id }, 'entry { id status }');
    saw('WaitlistEntry.status', withdrawn.status, withdrawn);

    expect(await mutate(t, 'withdrawWaitlistEntry', { entryId: entry.id }, 'entry { id }')).toEqual(
      answer.invalidTransition('waitlist entry', 'FULFILLED', 'WITHDRAWN'),
    );
    const stay = { roomId, customerId: guest, checkIn: wish.checkIn, checkOut: wish.checkOut, numGuests: 2, waitlistEntryId: second.id };
    expect(await mutate(t, 'createBooking', stay, 'booking { id }')).toEqual(answer.invalidTransition('waitlist entry', 'WITHDRAWN', 'FULFILLED'));
    expect(unreached('WaitlistEntry.status')).toEqual([]);
  });

  it('maintenance request: OPEN, IN_PROGRESS, RESOLVED (also straight from OPEN); a resolved one neither starts nor resolves again', async () => {
    const { id: roomId } = await room(await roomType());
    const REQUEST = 'request { id status room { id status } }';
    const open = (description: string) => mutate(t, 'openMaintenanceRequest', { roomId, description, severity: 'LOW' }, REQUEST);
    const { request } = await open('Dripping tap');
    saw('MaintenanceRequest.status', request.status, request);
    const started = (await mutate(t, 'startMaintenanceRequest', { requestId: request.id }, REQUEST)).request;
    saw('MaintenanceRequest.status', started.status, started);
    const resolved = (await mutate(t, 'resolveMaintenanceRequest', { requestId: request.id }, REQUEST)).request;
    saw('MaintenanceRequest.status', resolved.status, resolved);
    const quick = (await open('Loose handle')).request;
    expect((await mutate(t, 'resolveMaintenanceRequest', { requestId: quick.id }, REQUEST)).request.status).toBe('RESOLVED');

    expect(await mutate(t, 'startMaintenanceRequest', { requestId: request.id }, REQUEST)).toEqual(
      answer.invalidTransition('maintenance request', 'RESOLVED', 'IN_PROGRESS'),
    );
    expect(await mutate(t, 'resolveMaintenanceRequest', { requestId: request.id }, REQUEST)).toEqual(
      answer.invalidTransition('maintenance request', 'RESOLVED', 'RESOLVED'),
    );
    expect(await mutate(t, 'startMaintenanceRequest', { requestId: started.id }, REQUEST)).toEqual(
      answer.invalidTransition('maintenance request', 'RESOLVED', 'IN_PROGRESS'),
    );
    expect(unreached('MaintenanceRequest.status')).toEqual([]);
  });

  it('housekeeping task: OPEN, DONE; a done task is not done again', async () => {
    const { id: roomId } = await room(await roomType());
    const TASK = 'task { id status room { id housekeepingStatus } }';
    const { task } = await mutate(t, 'createHousekeepingTask', { roomId, kind: 'INSPECTION' }, TASK);
    saw('HousekeepingTask.status', task.status, task);
    const done = (await mutate(t, 'completeHousekeepingTask', { taskId: task.id }, TASK)).task;
    saw('HousekeepingTask.status', done.status, done);
    saw('Room.housekeepingStatus', done.room.housekeepingStatus, done);
    expect(await mutate(t, 'completeHousekeepingTask', { taskId: task.id }, TASK)).toEqual(answer.invalidTransition('housekeeping task', 'DONE', 'DONE'));
    expect(unreached('HousekeepingTask.status')).toEqual([]);
  });

  it('room: IN_SERVICE, OUT_OF_SERVICE by a change, OUT_OF_ORDER by a fault, back IN_SERVICE when the fault is resolved', async () => {
    const { id: roomId } = await room(await roomType());
    const changed = (await mutate(t, 'updateRoom', { id: roomId, status: 'OUT_OF_SERVICE' }, ROOM)).room;
    saw('Room.status', changed.status, changed);
    await mutate(t, 'updateRoom', { id: roomId, status: 'IN_SERVICE' }, ROOM);
    const REQUEST = 'request { id room { id status } }';
    const { request } = await mutate(t, 'openMaintenanceRequest', { roomId, description: 'Flooded', severity: 'CRITICAL', takeOutOfOrder: true }, REQUEST);
    saw('Room.status', request.room.status, request);
    const resolved = (await mutate(t, 'resolveMaintenanceRequest', { requestId: request.id }, REQUEST)).request;
    expect(resolved.room.status).toBe('IN_SERVICE');
    expect(unreached('Room.status')).toEqual([]);
  });

  it('booking, payment and room housekeeping: CONFIRMED, CHECKED_IN, CHECKED_OUT (the room DIRTY), CANCELLED, NO_SHOW at the night audit; refunds part and whole', async () => {
    const type = await roomType();
    const { id: roomId } = await room(type);
    const { id: secondRoom } = await room(type);
    const guest = await customer();

    const stay = await book(roomId, guest, 0, 1);
    const PAYMENT = 'payment { id amount status }';
    const paid = (await mutate(t, 'recordPayment', { bookingId: stay.id, amount: stay.totalAmount, method: 'CARD' }, PAYMENT)).payment;
    saw('Payment.status', paid.status, paid);
    const inHouse = (await mutate(t, 'checkInBooking', { bookingId: stay.id }, BOOKING)).booking;
    saw('Booking.status', inHouse.status, inHouse);
    const left = (await mutate(t, 'checkOutBooking', { bookingId: stay.id }, BOOKING)).booking;
    saw('Booking.status', left.status, left);
    saw('Room.housekeepingStatus', left.room.housekeepingStatus, left);
    expect(await mutate(t, 'checkInBooking', { bookingId: stay.id }, BOOKING)).toEqual(answer.invalidTransition('booking', 'CHECKED_OUT', 'CHECKED_IN'));

    const later = await book(roomId, guest, 5, 2);
    const deposit = (await mutate(t, 'recordPayment', { bookingId: later.id, amount: '100.00', method: 'CARD' }, PAYMENT)).payment;
    const part = (await mutate(t, 'refundPayment', { paymentId: deposit.id, amount: '40.00' }, PAYMENT)).payment;
    saw('Payment.status', part.status, part);
    const whole = (await mutate(t, 'refundPayment', { paymentId: deposit.id, amount: '60.00' }, PAYMENT)).payment;
    saw('Payment.status', whole.status, whole);
    const cancelled = (await mutate(t, 'cancelBooking', { bookingId: later.id, reason: 'Changed plans' }, BOOKING)).booking;
    saw('Booking.status', cancelled.status, cancelled);
    expect(await mutate(t, 'checkInBooking', { bookingId: later.id }, BOOKING)).toEqual(answer.invalidTransition('booking', 'CANCELLED', 'CHECKED_IN'));

    const missed = await book(secondRoom, guest, 0, 1);
    const closed = await mutate(t, 'closeBusinessDay', { businessDate: today }, 'businessDate noShows { id status }');
    for (const booking of closed.noShows) saw('Booking.status', booking.status, booking);
    expect(closed.noShows).toEqual([{ id: missed.id, status: 'NO_SHOW' }]);
    expect(await mutate(t, 'cancelBooking', { bookingId: missed.id, reason: 'Too late' }, BOOKING)).toEqual(
      answer.invalidTransition('booking', 'NO_SHOW', 'CANCELLED'),
    );
    for (const machine of ['Booking.status', 'Payment.status', 'Room.housekeepingStatus']) expect(unreached(machine)).toEqual([]);
  });

  it('webhook delivery: PENDING until sent, DELIVERED on a 2xx, retried PENDING on a failure, FAILED when its endpoint is disabled', async () => {
    const receiver = await new WebhookReceiver().start();
    receiver.answerWith.set('/refusing', 503);
    try {
      const endpoint = async (path: string) => {
        const made = await mutate(t, 'createWebhookEndpoint', { url: receiver.url(path), events: ['BOOKING_CREATED'] }, 'endpoint { id } secret');
        receiver.expect(path, made.secret);
        return made.endpoint.id as string;
      };
      const taking = await endpoint('/taking');
      const refusing = await endpoint('/refusing');
      await book((await room(await roomType())).id, await customer(), 3, 1);
      const statusAt = async (endpointId: string) => {
        const { data } = await t.graphql<{ webhookDeliveries: { nodes: { status: string; attempts: number }[] } }>(
          `query ($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { status attempts } } }`,
          { id: endpointId },
          { token: t.tokens.admin },
        );
        const [delivery] = data!.webhookDeliveries.nodes;
        return saw('WebhookDelivery.status', delivery.status, delivery);
      };
      await expect.poll(() => statusAt(taking), { timeout: 5000 }).toMatchObject({ status: 'DELIVERED', attempts: 1 });
      // Refused once, it waits a minute for its next attempt.
      await expect.poll(() => statusAt(refusing), { timeout: 5000 }).toMatchObject({ status: 'PENDING', attempts: 1 });
      await mutate(t, 'disableWebhookEndpoint', { endpointId: refusing }, 'endpoint { id }');
      expect(await statusAt(refusing)).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(unreached('WebhookDelivery.status')).toEqual([]);
    } finally {
      await receiver.stop();
    }
  });

  it('leaves no status of any machine unreached', () => {
    expect([...machines.keys()].flatMap(unreached)).toEqual([]);
  });
});
