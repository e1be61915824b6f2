import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../support/fixtures';
import { mutationDocument } from '../support/mutations';
import { type ListeningApi, startApiProcesses, stopApiProcesses } from '../support/spawn-api';
import { useTestDatabase } from '../support/test-database';
import { WebhookReceiver } from '../support/webhook-receiver';

const TOKEN = 'webhook-two-processes-admin-token-0123456789';
const CREATE = mutationDocument('createWebhookEndpoint', {
  members: '... on CreateWebhookEndpointSuccess { endpoint { id } secret } ... on ClassifiedError { code }',
});
const KINDS = ['BOOKING_CREATED', 'BOOKING_AMENDED'];

let apis: ListeningApi[];
let receiver: WebhookReceiver;

const db = useTestDatabase();
beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
  // Slow answers and small batches: both processes are claiming while the other's attempts are under way.
  receiver.answerAfterMs = 30;
  apis = await startApiProcesses(
    2,
    {
      DATABASE_URL: db.url,
      HOTEL_BOOTSTRAP_ADMIN_TOKEN: TOKEN,
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_BATCH_SIZE: '4',
      WEBHOOK_BACKOFF_BASE_MS: '20',
      WEBHOOK_BACKOFF_CAP_MS: '200',
    },
    TOKEN,
  );
});
afterAll(async () => {
  await stopApiProcesses(apis);
  await receiver.stop();
});

describe('two API processes delivering webhooks', () => {
  it('send each event once between them, in order per booking, every one signed', async () => {
    const created = await apis[0].client.send(CREATE, { input: { url: receiver.url('/both'), events: KINDS } });
    const { endpoint, secret } = created.body.data.createWebhookEndpoint;
    receiver.expect('/both', secret);

    const f = fixtures(db.em());
    const room = await f.room(await f.roomType({ capacity: 2 }));
    const bookings = [];
    for (let i = 0; i < 10; i++) {
      const booking = await f.booking(room, await f.customer(), 10 + 2 * i, 1);
      for (let change = 0; change < 3; change++) await db.sql.query('update bookings set num_guests = 3 - num_guests where id = $1', [booking.id]);
      bookings.push(booking);
    }
    const expected = (
      await db.rows<{ id: string }>(
        `select e.id::text from change_events e where e.kind = any($1) and e.entity = 'BOOKING' and e.entity_id = any($2) order by e.id`,
        [KINDS, bookings.map((booking) => String(booking.id))],
      )
    ).map((row) => row.id);
    expect(expected).toHaveLength(40);

    await expect.poll(() => receiver.at('/both').length, { timeout: 30_000 }).toBeGreaterThanOrEqual(expected.length);
    const received = receiver.at('/both');
    expect(received.map((event) => event.eventId).sort()).toEqual([...expected].sort());
    expect(received.every((event) => event.signatureValid && event.endpointId === endpoint.id)).toBe(true);
    for (const booking of bookings) {
      expect(received.filter((event) => event.entityId === String(booking.id)).map((event) => event.version)).toEqual([1, 2, 3, 4]);
    }
    // Claimed once each: no attempt was made twice, by either process.
    expect(await db.rows('select status, attempts, count(*)::int as n from webhook_deliveries group by 1, 2')).toEqual([
      { status: 'DELIVERED', attempts: 1, n: 40 },
    ]);
  });
});
