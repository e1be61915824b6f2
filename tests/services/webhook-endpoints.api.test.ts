import { describe, expect, it } from 'vitest';
import { MAX_ENDPOINTS_PER_OWNER } from '../../src/services/webhook-endpoints';
import { answer, mutate, sendMutation } from '../support/mutations';
import { useTestApi } from '../support/test-api';

// Registration and ownership only: the worker does not poll within the file (see the jobs' tests), and 127.0.0.1 is allowed as in tests.
const t = useTestApi({ config: { webhookAllowHosts: ['127.0.0.1'], webhookPollMs: 60_000 } });

const ENDPOINT = 'endpoint { id url events channel enabled failingSince disabledAt disabledReason createdAt }';
const create = (input: Record<string, unknown>, token = t.tokens.admin) => mutate(t, 'createWebhookEndpoint', input, `${ENDPOINT} secret`, token);
const urlProblem = (message: string) => answer.validation([{ path: ['input', 'url'], message }]);
const ENDPOINTS = '{ webhookEndpoints(first: 100) { totalCount nodes { id url channel } } }';
const DELIVERIES = 'query ($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount nodes { id } } }';

describe('createWebhookEndpoint', () => {
  it('registers an endpoint for the caller and shows its secret once: never listed, logged or audited', async () => {
    const created = await create(
      { url: 'https://hooks.partner.test/hotel?x=1', events: ['BOOKING_CREATED', 'BOOKING_CANCELLED', 'BOOKING_CREATED'] },
      t.tokens.partner,
    );
    expect(created).toMatchObject({
      __typename: 'CreateWebhookEndpointSuccess',
      endpoint: {
        url: 'https://hooks.partner.test/hotel?x=1',
        events: ['BOOKING_CREATED', 'BOOKING_CANCELLED'],
        channel: 'partner-a',
        enabled: true,
        failingSince: null,
        disabledAt: null,
      },
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await t.graphql(ENDPOINTS, {}, { token: t.tokens.partner });
    expect(listed.data!.webhookEndpoints.nodes).toEqual([{ id: created.endpoint.id, url: 'https://hooks.partner.test/hotel?x=1', channel: 'partner-a' }]);
    const [entry] = await t.database.rows(`select action, actor, changes from audit_entries where entity = 'WEBHOOK_ENDPOINT' and entity_id = $1`, [
      created.endpoint.id,
    ]);
    expect(entry).toMatchObject({ action: 'CREATE_WEBHOOK_ENDPOINT', actor: expect.stringContaining('test partner') });
    expect(Object.keys(entry.changes).sort()).toEqual(['channel', 'enabled', 'events', 'url']);
    const everywhere = JSON.stringify([entry, t.logLines, listed.body]);
    expect(everywhere).not.toContain(created.secret);
    // A secret shown once cannot be stored for a replay.
    const keyed = await sendMutation(
      t,
      'createWebhookEndpoint',
      { url: 'https://hooks.partner.test/2', events: ['BOOKING_CREATED'] },
      { members: '... on ValidationError { fieldErrors { path } }' },
      { token: t.tokens.partner, headers: { 'idempotency-key': 'webhook-once' } },
    );
    expect(keyed.data!.createWebhookEndpoint).toEqual({ __typename: 'ValidationError', fieldErrors: [{ path: ['headers', 'Idempotency-Key'] }] });
  });

  it.each([
    ['a private address', 'https://10.0.0.1/hook', 'Refused: 10.0.0.1 is a private address; only hosts in WEBHOOK_ALLOW_HOSTS may be.'],
    [
      'the metadata service',
      'https://169.254.169.254/latest/meta-data',
      'Refused: 169.254.169.254 is a link-local address; only hosts in WEBHOOK_ALLOW_HOSTS may be.',
    ],
    ['localhost', 'https://localhost/hook', 'Refused: localhost is a loopback address; only hosts in WEBHOOK_ALLOW_HOSTS may be.'],
    ['an IPv6 loopback', 'https://[::1]:8443/', 'Refused: ::1 is a loopback address; only hosts in WEBHOOK_ALLOW_HOSTS may be.'],
    ['an IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/', 'Refused: ::ffff:7f00:1 is an IPv4-mapped address; only hosts in WEBHOOK_ALLOW_HOSTS may be.'],
    ['a unique-local IPv6', 'https://[fd12::1]/', 'Refused: fd12::1 is a private address; only hosts in WEBHOOK_ALLOW_HOSTS may be.'],
    ['the unspecified address', 'https://0.0.0.0/', 'Refused: 0.0.0.0 is an unspecified address; only hosts in WEBHOOK_ALLOW_HOSTS may be.'],
    ['a multicast address', 'https://224.0.0.1/', 'Refused: 224.0.0.1 is a multicast address; only hosts in WEBHOOK_ALLOW_HOSTS may be.'],
    ['plain http', 'http://hooks.partner.test/', 'Must be https: plain http only to a host in WEBHOOK_ALLOW_HOSTS.'],
    ['credentials', 'https://user:pass@hooks.partner.test/', 'Must not hold a user name or password.'],
    ['another scheme', 'ftp://hooks.partner.test/', 'Must be an http or https URL.'],
    ['no URL', 'hooks.partner.test/hook', 'Not a valid URL.'],
  ])('refuses %s as a ValidationError on url', async (_what, url, message) => {
    expect(await create({ url, events: ['BOOKING_CREATED'] })).toEqual(urlProblem(message));
  });

  it('lets an allow-listed host be loopback and plain http', async () => {
    expect(await create({ url: 'http://127.0.0.1:9/hook', events: ['ROOM_CHANGED'] })).toMatchObject({
      __typename: 'CreateWebhookEndpointSuccess',
      endpoint: { url: 'http://127.0.0.1:9/hook', channel: null },
    });
  });

  it('wants at least one kind of change, and knows only the feed’s', async () => {
    expect(await create({ url: 'https://hooks.partner.test/', events: [] })).toEqual(
      answer.validation([{ path: ['input', 'events'], message: 'Choose at least one kind of change.' }]),
    );
    const unknown = await t.graphql(
      'mutation { createWebhookEndpoint(input: { url: "https://hooks.partner.test/", events: [BOOKING_TELEPORTED] }) { __typename } }',
    );
    expect(unknown.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it(`allows ${MAX_ENDPOINTS_PER_OWNER} endpoints to each owner`, async () => {
    const token = t.tokens.otherPartner;
    for (let i = 0; i < MAX_ENDPOINTS_PER_OWNER; i++) {
      expect((await create({ url: `https://hooks.b.test/${i}`, events: ['BOOKING_CREATED'] }, token)).__typename).toBe('CreateWebhookEndpointSuccess');
    }
    expect(await create({ url: 'https://hooks.b.test/one-too-many', events: ['BOOKING_CREATED'] }, token)).toEqual(
      answer.businessRule('webhook_endpoint_limit', `At most ${MAX_ENDPOINTS_PER_OWNER} webhook endpoints each; delete one first.`),
    );
    const listed = await t.graphql(ENDPOINTS, {}, { token });
    expect(listed.data!.webhookEndpoints.totalCount).toBe(MAX_ENDPOINTS_PER_OWNER);
    for (const { id } of listed.data!.webhookEndpoints.nodes) {
      expect((await mutate(t, 'deleteWebhookEndpoint', { endpointId: id }, 'endpoint { id }', token)).__typename).toBe('DeleteWebhookEndpointSuccess');
    }
  });
});

describe('an endpoint belongs to its owner', () => {
  it('a partner sees and changes only its own; the hotel’s ADMIN every one; STAFF none', async () => {
    const own = (await create({ url: 'https://hooks.a.test/own', events: ['BOOKING_CREATED'] }, t.tokens.partner)).endpoint.id;
    const hotels = (await create({ url: 'https://hooks.hotel.test/', events: ['RATE_CHANGED'] })).endpoint.id;
    const seenBy = async (token: string) =>
      ((await t.graphql(ENDPOINTS, {}, { token })).data?.webhookEndpoints?.nodes ?? []).map((endpoint: { id: string }) => endpoint.id);
    expect(await seenBy(t.tokens.partner)).toContain(own);
    expect(await seenBy(t.tokens.partner)).not.toContain(hotels);
    expect(await seenBy(t.tokens.otherPartner)).toEqual([]);
    expect(await seenBy(t.tokens.admin)).toEqual(expect.arrayContaining([own, hotels]));
    const asStaff = await t.graphql(ENDPOINTS, {}, { token: t.tokens.staff });
    expect(asStaff.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const notFound = answer.notFound('WebhookEndpoint', own, `No webhook endpoint with id ${own}.`);
    for (const name of ['disableWebhookEndpoint', 'enableWebhookEndpoint', 'deleteWebhookEndpoint']) {
      expect(await mutate(t, name, { endpointId: own }, 'endpoint { id }', t.tokens.otherPartner)).toEqual(notFound);
    }
    expect((await t.graphql(DELIVERIES, { id: own }, { token: t.tokens.otherPartner })).data!.webhookDeliveries).toBeNull();
    expect((await t.graphql(DELIVERIES, { id: hotels }, { token: t.tokens.partner })).data!.webhookDeliveries).toBeNull();
    expect((await t.graphql(DELIVERIES, { id: own }, { token: t.tokens.partner })).data!.webhookDeliveries).toEqual({ totalCount: 0, nodes: [] });
    expect((await t.graphql(DELIVERIES, { id: '999999' })).data!.webhookDeliveries).toBeNull();
  });

  it('disabling and enabling are audited and idempotent; deleting takes the delivery log with it', async () => {
    const id = (await create({ url: 'https://hooks.a.test/switch', events: ['BOOKING_CREATED'] }, t.tokens.partner)).endpoint.id;
    const [{ id: eventId }] = await t.database.rows<{ id: string }>(
      `insert into change_events (kind, entity, entity_id, version, channel) values ('BOOKING_CREATED', 'BOOKING', '424242', 1, 'partner-a') returning id::text`,
    );
    expect(await t.database.rows('select status from webhook_deliveries where endpoint_id = $1 and event_id = $2', [id, eventId])).toEqual([
      { status: 'PENDING' },
    ]);
    const disabled = await mutate(t, 'disableWebhookEndpoint', { endpointId: id }, 'endpoint { enabled disabledAt disabledReason }', t.tokens.partner);
    expect(disabled.endpoint).toEqual({ enabled: false, disabledAt: expect.any(String), disabledReason: 'Disabled by hand.' });
    expect(await t.database.rows('select status from webhook_deliveries where endpoint_id = $1', [id])).toEqual([{ status: 'FAILED' }]);
    expect((await mutate(t, 'disableWebhookEndpoint', { endpointId: id }, 'endpoint { disabledAt }', t.tokens.partner)).endpoint).toEqual({
      disabledAt: disabled.endpoint.disabledAt,
    });
    expect((await mutate(t, 'enableWebhookEndpoint', { endpointId: id }, 'endpoint { enabled disabledAt }', t.tokens.partner)).endpoint).toEqual({
      enabled: true,
      disabledAt: null,
    });
    expect((await mutate(t, 'enableWebhookEndpoint', { endpointId: id }, 'endpoint { enabled }', t.tokens.partner)).endpoint).toEqual({ enabled: true });
    const audited = await t.database.rows<{ action: string; changes: unknown; details: unknown }>(
      `select action, changes, details from audit_entries where entity = 'WEBHOOK_ENDPOINT' and entity_id = $1 order by id`,
      [id],
    );
    expect(audited).toEqual([
      { action: 'CREATE_WEBHOOK_ENDPOINT', changes: expect.any(Object), details: {} },
      { action: 'DISABLE_WEBHOOK_ENDPOINT', changes: { enabled: { before: true, after: false } }, details: { givenUp: 1 } },
      { action: 'ENABLE_WEBHOOK_ENDPOINT', changes: { enabled: { before: false, after: true } }, details: {} },
    ]);
    const deleted = await mutate(t, 'deleteWebhookEndpoint', { endpointId: id }, 'endpoint { id url }', t.tokens.partner);
    expect(deleted).toEqual({ __typename: 'DeleteWebhookEndpointSuccess', endpoint: { id, url: 'https://hooks.a.test/switch' } });
    expect(await t.database.rows('select 1 from webhook_deliveries where endpoint_id = $1', [id])).toEqual([]);
    expect((await t.database.rows(`select action from audit_entries where entity_id = $1 order by id desc limit 1`, [id]))[0].action).toBe(
      'DELETE_WEBHOOK_ENDPOINT',
    );
  });

  it('redelivers only a delivery of an endpoint the caller owns', async () => {
    const id = (await create({ url: 'https://hooks.a.test/redeliver', events: ['BOOKING_NO_SHOW'] }, t.tokens.partner)).endpoint.id;
    await t.database.sql.query(
      `insert into change_events (kind, entity, entity_id, version, channel) values ('BOOKING_NO_SHOW', 'BOOKING', '434343', 1, 'partner-a')`,
    );
    const [{ id: deliveryId }] = await t.database.rows<{ id: string }>('select id::text from webhook_deliveries where endpoint_id = $1', [id]);
    expect(await mutate(t, 'redeliverWebhook', { deliveryId }, 'delivery { id }', t.tokens.otherPartner)).toEqual(
      answer.notFound('WebhookDelivery', deliveryId, `No webhook delivery with id ${deliveryId}.`),
    );
    expect(await mutate(t, 'redeliverWebhook', { deliveryId: 'x' }, 'delivery { id }')).toEqual(
      answer.validation([{ path: ['input', 'deliveryId'], message: 'Not a valid id.' }]),
    );
    expect(await mutate(t, 'redeliverWebhook', { deliveryId }, 'delivery { id kind entity entityId version status attempts }', t.tokens.partner)).toEqual({
      __typename: 'RedeliverWebhookSuccess',
      delivery: { id: deliveryId, kind: 'BOOKING_NO_SHOW', entity: 'BOOKING', entityId: '434343', version: 1, status: 'PENDING', attempts: 0 },
    });
  });
});
