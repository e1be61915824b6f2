import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isVisibleTo, listScope } from '../auth/visibility';
import { toId } from '../db/ids';
import { findPage, type Page, type PageRequest, pageSize } from '../db/keyset-page';
import type { ChangeKind } from '../entities/change-event.entity';
import { WebhookDeliveryStatus } from '../entities/outbox-delivery';
import { Role } from '../entities/role';
import { WebhookDelivery } from '../entities/webhook-delivery.entity';
import { MAX_WEBHOOK_URL_LENGTH, WebhookEndpoint } from '../entities/webhook-endpoint.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { RequestError } from '../errors/request-error';
import { audit } from '../kernel/audit';
import type { Caller } from '../kernel/caller';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { notifyDesk } from './notification.service';
import { targetProblemOf } from './webhook-target';

/**
 * Webhook endpoints and their delivery logs. An endpoint belongs to whoever registered it:
 * a partner's to its channel, whose events alone it is sent and which alone sees and
 * changes it; an ADMIN's to the hotel, sent every event. For any other caller another's
 * endpoint does not exist (NOT_FOUND, or null from a query).
 */

/** Endpoints one owner (a partner's channel, or the hotel) may have: each event is sent once per endpoint. */
export const MAX_ENDPOINTS_PER_OWNER = 10;

/** 256 random bits, shown once. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** What the audit trail keeps of an endpoint: never its secret. */
const audited = (endpoint: WebhookEndpoint) => ({
  url: endpoint.url,
  events: endpoint.events,
  channel: endpoint.channel ?? null,
  enabled: endpoint.enabled,
});

/** The endpoint `id` when the caller may see it. */
async function visibleEndpoint(ctx: OperationContext, id: number): Promise<WebhookEndpoint> {
  const endpoint = await ctx.em.findOne(WebhookEndpoint, { id });
  if (!endpoint || !isVisibleTo(ctx.caller, endpoint.channel)) throw new NotFoundError('WebhookEndpoint', id);
  return endpoint;
}

/** Its pending deliveries given up: a disabled endpoint is sent nothing, and what it missed is in the change feed. */
async function giveUpPending(em: EntityManager, endpointId: number): Promise<number> {
  return em.nativeUpdate(
    WebhookDelivery,
    { endpoint: endpointId, status: WebhookDeliveryStatus.PENDING },
    { status: WebhookDeliveryStatus.FAILED, claimedUntil: null },
  );
}

export interface CreateWebhookEndpointCommand {
  url: string;
  events: readonly ChangeKind[];
}

/**
 * Registers an endpoint for the caller (a partner: for its channel), sent from now on every
 * event of the kinds chosen that it may see. The URL must be a target the SSRF guard lets
 * through (webhook-target.ts). Answers the signing secret, the only time it is shown.
 */
export const createWebhookEndpoint = operation([BusinessRuleError], async (ctx, input: CreateWebhookEndpointCommand) => {
  const check = new InputCheck();
  const text = check.text('url', input.url, { max: MAX_WEBHOOK_URL_LENGTH });
  let url: URL | undefined;
  if (text !== undefined) {
    try {
      url = new URL(text);
    } catch {
      check.fail('url', 'Not a valid URL.');
    }
  }
  const problem = url && (await targetProblemOf(url, ctx.config.webhookAllowHosts));
  if (problem) check.fail('url', problem);
  if (url && url.href.length > MAX_WEBHOOK_URL_LENGTH) check.fail('url', `Must be at most ${MAX_WEBHOOK_URL_LENGTH} characters long.`);
  const events = [...new Set(input.events)];
  if (!events.length) check.fail('events', 'Choose at least one kind of change.');
  check.done();
  const channel = listScope(ctx.caller) ?? null;
  if ((await ctx.em.count(WebhookEndpoint, { channel })) >= MAX_ENDPOINTS_PER_OWNER) {
    throw new BusinessRuleError('webhook_endpoint_limit', `At most ${MAX_ENDPOINTS_PER_OWNER} webhook endpoints each; delete one first.`);
  }
  const secret = newSecret();
  const endpoint = ctx.em.create(WebhookEndpoint, { url: url!.href, events, channel, secret });
  await ctx.em.flush();
  audit(ctx, { action: 'CREATE_WEBHOOK_ENDPOINT', entity: 'WEBHOOK_ENDPOINT', entityId: endpoint.id, before: null, after: audited(endpoint) });
  return { endpoint, secret };
});

/** Stops sending to an endpoint: its pending deliveries are given up. Disabling one already disabled changes nothing. */
export const disableWebhookEndpoint = operation([NotFoundError], async (ctx, input: { endpointId: string }) => {
  const check = new InputCheck();
  const id = check.id('endpointId', input.endpointId);
  check.done();
  const endpoint = await visibleEndpoint(ctx, id!);
  if (!endpoint.enabled) return endpoint;
  const before = audited(endpoint);
  Object.assign(endpoint, { enabled: false, disabledAt: new Date(), disabledReason: 'Disabled by hand.' });
  await ctx.em.flush();
  const givenUp = await giveUpPending(ctx.em, endpoint.id);
  audit(ctx, { action: 'DISABLE_WEBHOOK_ENDPOINT', entity: 'WEBHOOK_ENDPOINT', entityId: endpoint.id, before, after: audited(endpoint), details: { givenUp } });
  return endpoint;
});

/**
 * Sends to an endpoint again, from the next event on, as one that has not failed yet. What
 * it missed while disabled is in the change feed (`changes`), and a delivery given up can
 * be sent again with redeliverWebhook.
 */
export const enableWebhookEndpoint = operation([NotFoundError], async (ctx, input: { endpointId: string }) => {
  const check = new InputCheck();
  const id = check.id('endpointId', input.endpointId);
  check.done();
  const endpoint = await visibleEndpoint(ctx, id!);
  if (endpoint.enabled) return endpoint;
  const before = audited(endpoint);
  Object.assign(endpoint, { enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
  audit(ctx, { action: 'ENABLE_WEBHOOK_ENDPOINT', entity: 'WEBHOOK_ENDPOINT', entityId: endpoint.id, before, after: audited(endpoint) });
  return endpoint;
});

/** Deletes an endpoint and its delivery log (the database cascades); answers it as it was. */
export const deleteWebhookEndpoint = operation([NotFoundError], async (ctx, input: { endpointId: string }) => {
  const check = new InputCheck();
  const id = check.id('endpointId', input.endpointId);
  check.done();
  const endpoint = await visibleEndpoint(ctx, id!);
  await ctx.em.nativeDelete(WebhookEndpoint, { id: endpoint.id });
  audit(ctx, { action: 'DELETE_WEBHOOK_ENDPOINT', entity: 'WEBHOOK_ENDPOINT', entityId: endpoint.id, before: audited(endpoint), after: null });
  return endpoint;
});

/** A window as a person says it: 24 hours, 90 minutes, 0.3 seconds. */
function durationInWords(ms: number): string {
  const [unit, size] = ms >= 3_600_000 ? ['hours', 3_600_000] : ms >= 60_000 ? ['minutes', 60_000] : ['seconds', 1000];
  return `${Number((ms / (size as number)).toFixed(1))} ${unit}`;
}

/**
 * An endpoint whose attempts have failed for longer than WEBHOOK_DISABLE_AFTER_SECONDS,
 * disabled by the delivery worker: its pending deliveries given up, the ADMIN desk told,
 * the audit trail written. Nothing when it was disabled meanwhile or has since succeeded.
 */
export async function disableFailingEndpoint(
  ctx: OperationContext,
  input: { endpointId: number; lastError: string | undefined },
): Promise<WebhookEndpoint | null> {
  const window = ctx.config.webhookDisableAfterMs;
  const [row] = await ctx.em.execute(
    `update webhook_endpoints set enabled = false, disabled_at = now(), disabled_reason = ?
     where id = ? and enabled and failing_since <= now() - make_interval(secs => ?::float8 / 1000) returning *`,
    [`Every attempt failed for ${durationInWords(window)}; the last: ${input.lastError ?? 'unknown'}`.slice(0, 300), input.endpointId, window],
  );
  if (!row) return null;
  const endpoint = ctx.em.map(WebhookEndpoint, row);
  const givenUp = await giveUpPending(ctx.em, endpoint.id);
  const owner = endpoint.channel ? `partner ${endpoint.channel}` : 'the hotel';
  notifyDesk(ctx, Role.ADMIN, {
    kind: 'WEBHOOK_ENDPOINT_DISABLED',
    message: `Webhook endpoint ${endpoint.id} of ${owner} was disabled: every attempt failed since ${new Date(endpoint.failingSince!).toISOString()}. ${givenUp} pending ${givenUp === 1 ? 'delivery was' : 'deliveries were'} given up. enableWebhookEndpoint sends to it again.`,
    entity: 'WEBHOOK_ENDPOINT',
    entityId: endpoint.id,
  });
  audit(ctx, {
    action: 'DISABLE_WEBHOOK_ENDPOINT',
    entity: 'WEBHOOK_ENDPOINT',
    entityId: endpoint.id,
    reason: endpoint.disabledReason,
    before: { ...audited(endpoint), enabled: true },
    after: audited(endpoint),
    details: { givenUp, failingSince: new Date(endpoint.failingSince!).toISOString(), by: 'webhook delivery worker' },
  });
  return endpoint;
}

/** Sends a delivery again, as soon as its turn comes (after the pending earlier events of its record for that endpoint). */
export const redeliverWebhook = operation([NotFoundError, BusinessRuleError], async (ctx, input: { deliveryId: string }) => {
  const check = new InputCheck();
  const id = check.id('deliveryId', input.deliveryId);
  check.done();
  const [found] = await ctx.em.execute<{ channel: string | null; enabled: boolean }[]>(
    `select w.channel, w.enabled from webhook_deliveries d join webhook_endpoints w on w.id = d.endpoint_id where d.id = ? for update of d`,
    [id],
  );
  if (!found || !isVisibleTo(ctx.caller, found.channel)) throw new NotFoundError('WebhookDelivery', id!);
  if (!found.enabled) throw new BusinessRuleError('webhook_endpoint_enabled', 'The endpoint is disabled; enable it before redelivering to it.');
  // A claim still under way keeps its lease: its outcome is recorded, and the delivery is sent at most once at a time.
  await ctx.em.execute(`update webhook_deliveries set status = ?, next_attempt_at = now() where id = ?`, [WebhookDeliveryStatus.PENDING, id]);
  return (await deliveriesWhere(ctx.em, 'd.id = ?', [id], 1))[0];
});

/** The caller's endpoints, oldest first: a partner its channel's, an ADMIN every one. */
export function listWebhookEndpoints(em: EntityManager, caller: Caller | null, page: PageRequest): Promise<Page<WebhookEndpoint>> {
  const channel = listScope(caller);
  return findPage(em, WebhookEndpoint, channel === undefined ? {} : { channel }, ['id'], page);
}

/** One delivery as its log shows it. */
export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  kind: ChangeKind;
  entity: string;
  entityId: string;
  version: number;
  occurredAt: Date;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponseBody: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

// Raw statements hand timestamps back as text.
const instant = (value: string | Date | null) => (value === null ? null : new Date(value));

async function deliveriesWhere(em: EntityManager, condition: string, params: unknown[], limit: number): Promise<WebhookDeliveryView[]> {
  const rows = await em.execute(
    `select d.id::text, d.endpoint_id::text, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error,
            d.last_response_body, d.delivered_at, d.created_at, e.id::text as event_id, e.kind, e.entity, e.entity_id, e.version, e.occurred_at
     from webhook_deliveries d join change_events e on e.id = d.event_id
     where ${condition} order by d.id desc limit ?`,
    [...params, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    kind: row.kind,
    entity: row.entity,
    entityId: row.entity_id,
    version: row.version,
    occurredAt: instant(row.occurred_at)!,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === WebhookDeliveryStatus.PENDING ? instant(row.next_attempt_at) : null,
    lastAttemptAt: instant(row.last_attempt_at),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastResponseBody: row.last_response_body,
    deliveredAt: instant(row.delivered_at),
    createdAt: instant(row.created_at)!,
  }));
}

const encodeCursor = (id: string) => Buffer.from(JSON.stringify([id]), 'utf8').toString('base64url');

function decodeCursor(cursor: string): number {
  try {
    const [id, ...rest] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const position = typeof id === 'string' && !rest.length ? toId(id) : undefined;
    if (position !== undefined) return position;
  } catch {
    // fall through
  }
  throw new RequestError('after is not a cursor returned by webhookDeliveries');
}

/** An endpoint's delivery log, newest first; null when the caller may not see the endpoint (or there is none). */
export async function listWebhookDeliveries(
  em: EntityManager,
  caller: Caller | null,
  endpointId: number | undefined,
  page: PageRequest,
): Promise<Page<WebhookDeliveryView> | null> {
  const size = pageSize(page.first);
  const after = page.after ? decodeCursor(page.after) : null;
  const endpoint = endpointId === undefined ? null : await em.findOne(WebhookEndpoint, { id: endpointId });
  if (!endpoint || !isVisibleTo(caller, endpoint.channel)) return null;
  const rows = await deliveriesWhere(em, 'd.endpoint_id = ? and (?::int is null or d.id < ?::int)', [endpoint.id, after, after], size + 1);
  const nodes = rows.slice(0, size);
  return {
    nodes,
    cursors: nodes.map((node) => encodeCursor(node.id)),
    hasNextPage: rows.length > size,
    // Read forward only: a cursor's own delivery lies behind the page.
    hasPreviousPage: after !== null,
    totalCount: async () => em.count(WebhookDelivery, { endpoint: endpoint.id }),
  };
}
