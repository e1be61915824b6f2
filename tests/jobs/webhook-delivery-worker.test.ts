import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config';
import type { Room } from '../../src/entities/room.entity';
import { fixtures } from '../support/fixtures';
import { mutate } from '../support/mutations';
import { startTestApi, type TestApi } from '../support/test-api';
import { type Received, WebhookReceiver } from '../support/webhook-receiver';

/** Fast retries, so an outage of a test lasts a fraction of a second. */
const QUICK: Partial<Config> = {
  webhookAllowHosts: ['127.0.0.1'],
  webhookPollMs: 50,
  webhookBackoffBaseMs: 20,
  webhookBackoffCapMs: 200,
  webhookTimeoutMs: 2000,
};

const DELIVERIES = `query ($endpointId: ID!) { webhookDeliveries(endpointId: $endpointId, first: 100) {
  nodes { id eventId kind entity entityId version status attempts nextAttemptAt lastStatusCode lastError lastResponseBody deliveredAt } } }`;
const ENDPOINTS = '{ webhookEndpoints { nodes { id enabled failingSince disabledAt disabledReason } } }';

/** One test API and the receiver its endpoints post to. */
function hotel(config: Partial<Config>) {
  const context = {} as { t: TestApi; receiver: WebhookReceiver; room: Room };
  beforeAll(async () => {
    context.receiver = await new WebhookReceiver().start();
    context.t = await startTestApi({ config: { ...QUICK, ...config } });
    const f = fixtures(context.t.em());
    context.room = await f.room(await f.roomType({ capacity: 2 }));
  });
  afterAll(async () => {
    await context.t.close();
    await context.receiver.stop();
  });
  return context;
}

async function register(t: TestApi, receiver: WebhookReceiver, path: string, events: string[], token = t.tokens.admin): Promise<string> {
  const answer = await mutate(t, 'createWebhookEndpoint', { url: receiver.url(path), events }, 'endpoint { id } secret', token);
  expect(answer.__typename).toBe('CreateWebhookEndpointSuccess');
  receiver.expect(path, answer.secret);
  return answer.endpoint.id;
}

/** A booking of `channel` (none: a direct one) and `amendments` changes of it, each one event. */
async function stay(t: TestApi, room: Room, offset: number, amendments: number, channel?: string) {
  const f = fixtures(t.em());
  const booking = await f.booking(room, await f.customer(channel ? { channel } : {}), offset, 1, channel ? { channel } : {});
  for (let i = 0; i < amendments; i++) await t.database.sql.query('update bookings set num_guests = 3 - num_guests where id = $1', [booking.id]);
  return booking;
}

const deliveriesOf = async (t: TestApi, endpointId: string, token = t.tokens.admin) =>
  (await t.graphql(DELIVERIES, { endpointId }, { token })).data!.webhookDeliveries.nodes as Record<string, any>[];

const lastEventId = async (t: TestApi) => (await t.database.rows<{ id: string }>('select coalesce(max(id), 0)::text as id from change_events'))[0].id;

/** The events after `mark` of these kinds (and of this channel), by id. */
const eventsSince = async (t: TestApi, mark: string, kinds: string[], channel?: string) =>
  (
    await t.database.rows<{ id: string }>(
      'select id::text from change_events where id > $1 and kind = any($2) and ($3::text is null or channel = $3) order by id',
      [mark, kinds, channel ?? null],
    )
  ).map((row) => row.id);

/** Versions as they arrived, by record: each record's must be 1, 2, 3, … */
function versionsByRecord(received: readonly Received[]): Record<string, number[]> {
  const byRecord: Record<string, number[]> = {};
  for (const event of received) {
    const record = `${event.entity}:${event.entityId}`;
    byRecord[record] = [...(byRecord[record] ?? []), event.version];
  }
  return byRecord;
}

describe('the webhook delivery worker', () => {
  const h = hotel({});
  const KINDS = ['BOOKING_CREATED', 'BOOKING_AMENDED', 'PAYMENT_RECORDED'];

  it('sends every event exactly once, signed and in order per booking, through a receiver killed midway and brought back', async () => {
    const { t, receiver, room } = h;
    const mark = await lastEventId(t);
    const endpointId = await register(t, receiver, '/hotel', KINDS);
    // The receiver goes away after its fifth event, while the rest are on their way.
    receiver.onReceive = () => {
      if (receiver.at('/hotel').length === 5) void receiver.stop();
    };
    const first = [await stay(t, room, 10, 2), await stay(t, room, 12, 2), await stay(t, room, 14, 2)];
    await expect.poll(() => receiver.at('/hotel').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);

    // While it is down, more changes come; their attempts are refused and retried with backoff.
    const second = [await stay(t, room, 16, 3), await stay(t, room, 18, 1)];
    await fixtures(t.em()).payment(second[0], '20.00');
    await expect
      .poll(
        async () => (await deliveriesOf(t, endpointId)).filter((d) => d.status === 'PENDING' && d.attempts >= 2 && /ECONNREFUSED/.test(d.lastError)).length,
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThan(0);
    const waiting = (await deliveriesOf(t, endpointId)).filter((d) => d.status === 'PENDING');
    const newest = waiting.find((d) => d.entityId === String(second[0].id) && d.version === 4)!;
    // A later change of a booking is not tried while an earlier one of it is undelivered.
    expect(newest).toMatchObject({ status: 'PENDING', attempts: 0, lastError: null });
    const failing = waiting.find((d) => d.attempts >= 2)!;
    expect(failing.nextAttemptAt).not.toBeNull();

    await receiver.start();
    const redelivered = await mutate(t, 'redeliverWebhook', { deliveryId: failing.id }, 'delivery { id status attempts }');
    expect(redelivered).toMatchObject({ __typename: 'RedeliverWebhookSuccess', delivery: { id: failing.id, status: 'PENDING' } });

    const expected = await eventsSince(t, mark, KINDS);
    expect(expected).toHaveLength(3 * 3 + 4 + 2 + 1);
    await expect.poll(() => receiver.at('/hotel').length, { timeout: 15_000 }).toBeGreaterThanOrEqual(expected.length);
    const received = receiver.at('/hotel');
    expect(received.map((event) => event.eventId).sort()).toEqual([...expected].sort());
    expect(new Set(received.map((event) => event.eventId)).size).toBe(received.length);
    expect(received.every((event) => event.signatureValid && event.eventIdHeader && event.endpointId === endpointId)).toBe(true);
    const versions = versionsByRecord(received);
    for (const booking of [...first, ...second]) {
      const changes = versions[`BOOKING:${booking.id}`];
      expect(changes).toEqual(changes.map((_, i) => i + 1));
    }
    expect(versions[`BOOKING:${second[0].id}`]).toEqual([1, 2, 3, 4]);

    const log = await deliveriesOf(t, endpointId);
    expect(log.map((d) => d.eventId).sort()).toEqual([...expected].sort());
    expect(log.every((d) => d.status === 'DELIVERED' && d.lastStatusCode === 200 && d.lastError === null && d.nextAttemptAt === null && d.deliveredAt)).toBe(
      true,
    );
    expect(log.find((d) => d.id === failing.id)!.attempts).toBeGreaterThanOrEqual(3);
    // Newest first.
    expect(log.map((d) => Number(d.id))).toEqual(log.map((d) => Number(d.id)).sort((a, b) => b - a));
    const endpoint = (await t.graphql(ENDPOINTS)).data!.webhookEndpoints.nodes.find((e: { id: string }) => e.id === endpointId);
    expect(endpoint).toMatchObject({ enabled: true, failingSince: null });
  });

  it('sends a partner’s endpoint its own channel’s bookings and payments only, and the hotel’s every one', async () => {
    const { t, receiver, room } = h;
    const mark = await lastEventId(t);
    const kinds = ['BOOKING_CREATED', 'PAYMENT_RECORDED'];
    const partners = await register(t, receiver, '/partner-a', kinds, t.tokens.partner);
    const hotels = await register(t, receiver, '/all', kinds);
    const own = await stay(t, room, 20, 0, 'partner-a');
    await fixtures(t.em()).payment(own, '10.00');
    const theirs = await stay(t, room, 22, 0, 'partner-b');
    const direct = await stay(t, room, 24, 0);
    await expect.poll(() => receiver.at('/all').length, { timeout: 10_000 }).toBe(4);
    await expect.poll(() => receiver.at('/partner-a').length, { timeout: 10_000 }).toBe(2);
    expect(receiver.at('/partner-a').map((event) => event.eventId)).toEqual(await eventsSince(t, mark, kinds, 'partner-a'));
    expect(receiver.at('/partner-a').map((event) => `${event.kind}:${event.entity}`)).toEqual(['BOOKING_CREATED:BOOKING', 'PAYMENT_RECORDED:PAYMENT']);
    expect(receiver.at('/all').map((event) => event.entityId)).toEqual(expect.arrayContaining([String(own.id), String(theirs.id), String(direct.id)]));
    expect([...receiver.at('/partner-a'), ...receiver.at('/all')].every((event) => event.signatureValid)).toBe(true);
    // Nothing else was even queued for the partner.
    expect(await deliveriesOf(t, partners, t.tokens.partner)).toHaveLength(2);
    expect(await deliveriesOf(t, hotels)).toHaveLength(4);
  });

  it('records a target the SSRF guard refuses as a failed attempt saying why, and never connects', async () => {
    const { t, room } = h;
    // Registration refuses these; rows written straight are what a name re-pointed since would be.
    const { rows } = await t.database.sql.query(
      `insert into webhook_endpoints (url, events, secret) values ('https://169.254.169.254/latest/meta-data', '{BOOKING_CREATED}', 's'),
         ('https://localhost:9/hook', '{BOOKING_CREATED}', 's'), ('http://hooks.example.test/', '{BOOKING_CREATED}', 's') returning id::text`,
    );
    await stay(t, room, 26, 0);
    const errors = async () => Promise.all(rows.map(async ({ id }) => (await deliveriesOf(t, id))[0]?.lastError ?? null));
    await expect.poll(async () => (await errors()).every(Boolean), { timeout: 10_000 }).toBe(true);
    expect(await errors()).toEqual([
      'Refused: 169.254.169.254 is a link-local address; only hosts in WEBHOOK_ALLOW_HOSTS may be.',
      'Refused: localhost is a loopback address; only hosts in WEBHOOK_ALLOW_HOSTS may be.',
      'Must be https: plain http only to a host in WEBHOOK_ALLOW_HOSTS.',
    ]);
    for (const { id } of rows) expect((await deliveriesOf(t, id))[0]).toMatchObject({ status: 'PENDING', lastStatusCode: null });
  });

  it('sends a delivered event again on redeliverWebhook: the same delivery and event id, one more attempt', async () => {
    const { t, receiver, room } = h;
    const endpointId = await register(t, receiver, '/again', ['BOOKING_CREATED']);
    await stay(t, room, 28, 0);
    await expect.poll(() => receiver.at('/again').length, { timeout: 10_000 }).toBe(1);
    const [delivered] = await deliveriesOf(t, endpointId);
    expect(delivered).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    const again = await mutate(t, 'redeliverWebhook', { deliveryId: delivered.id }, 'delivery { id status }');
    expect(again.delivery).toEqual({ id: delivered.id, status: 'PENDING' });
    await expect.poll(() => receiver.at('/again').length, { timeout: 10_000 }).toBe(2);
    const [once, twice] = receiver.at('/again');
    expect(twice).toEqual(once);
    await expect.poll(async () => (await deliveriesOf(t, endpointId))[0], { timeout: 10_000 }).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  });
});

describe('an endpoint that keeps failing', () => {
  // A day of failures, scaled down.
  const h = hotel({ webhookDisableAfterMs: 300 });

  it('is disabled past the window: its deliveries given up, the ADMIN desk told, the change audited; enabling it lets it be sent to again', async () => {
    const { t, receiver, room } = h;
    receiver.answerWith.set('/down', 500);
    const endpointId = await register(t, receiver, '/down', ['BOOKING_CREATED', 'BOOKING_AMENDED'], t.tokens.partner);
    const booking = await stay(t, room, 10, 1, 'partner-a');
    const endpointOf = async () =>
      (await t.graphql(ENDPOINTS, {}, { token: t.tokens.partner })).data!.webhookEndpoints.nodes.find((e: { id: string }) => e.id === endpointId);
    await expect.poll(async () => (await endpointOf()).enabled, { timeout: 10_000 }).toBe(false);

    const endpoint = await endpointOf();
    expect(endpoint.failingSince).not.toBeNull();
    expect(endpoint.disabledReason).toMatch(/^Every attempt failed for 0.3 seconds; the last: HTTP 500$/);
    const log = await deliveriesOf(t, endpointId, t.tokens.partner);
    expect(log.map((d) => [d.kind, d.status])).toEqual([
      ['BOOKING_AMENDED', 'FAILED'],
      ['BOOKING_CREATED', 'FAILED'],
    ]);
    expect(log[1]).toMatchObject({ lastStatusCode: 500, lastResponseBody: 'not now', lastError: 'HTTP 500', nextAttemptAt: null });
    // The later change was never tried: its booking's first was not delivered.
    expect(log[0].attempts).toBe(0);

    const notices = (await t.graphql('{ notifications(first: 100) { nodes { kind message entity entityId } } }')).data!.notifications.nodes;
    expect(notices.filter((n: { kind: string }) => n.kind === 'WEBHOOK_ENDPOINT_DISABLED')).toEqual([
      {
        kind: 'WEBHOOK_ENDPOINT_DISABLED',
        message: expect.stringMatching(
          new RegExp(`^Webhook endpoint ${endpointId} of partner partner-a was disabled: .* 2 pending deliveries were given up\\.`),
        ),
        entity: 'WEBHOOK_ENDPOINT',
        entityId: endpointId,
      },
    ]);
    const audited = await t.database.rows(`select actor, changes, details from audit_entries where action = 'DISABLE_WEBHOOK_ENDPOINT' and entity_id = $1`, [
      endpointId,
    ]);
    expect(audited).toEqual([
      {
        actor: 'anonymous',
        changes: { enabled: { before: true, after: false } },
        details: { givenUp: 2, failingSince: expect.any(String), by: 'webhook delivery worker' },
      },
    ]);

    // Disabled, it is sent nothing: no delivery is even queued.
    await t.database.sql.query('update bookings set num_guests = 3 - num_guests where id = $1', [booking.id]);
    expect(await deliveriesOf(t, endpointId, t.tokens.partner)).toHaveLength(2);
    const refused = await mutate(t, 'redeliverWebhook', { deliveryId: log[1].id }, 'delivery { id }', t.tokens.partner);
    expect(refused).toMatchObject({ __typename: 'BusinessRuleError', rule: 'webhook_endpoint_enabled' });

    receiver.answerWith.delete('/down');
    const enabled = await mutate(t, 'enableWebhookEndpoint', { endpointId }, 'endpoint { enabled failingSince disabledAt disabledReason }', t.tokens.partner);
    expect(enabled.endpoint).toEqual({ enabled: true, failingSince: null, disabledAt: null, disabledReason: null });
    expect(await mutate(t, 'redeliverWebhook', { deliveryId: log[1].id }, 'delivery { status }', t.tokens.partner)).toMatchObject({
      delivery: { status: 'PENDING' },
    });
    await expect.poll(() => receiver.at('/down').map((event) => event.kind), { timeout: 10_000 }).toEqual(['BOOKING_CREATED']);
    expect(receiver.at('/down')[0].signatureValid).toBe(true);
  });
});
