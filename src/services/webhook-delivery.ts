import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Config } from '../config';
import type { ControlPool } from '../db/control-pool';
import { MAX_DELIVERY_ERROR_LENGTH } from '../entities/outbox-delivery';
import { MAX_RESPONSE_BODY_LENGTH } from '../entities/webhook-delivery.entity';
import { guardedLookup, isAllowListed, staticProblemOf } from './webhook-target';

/**
 * Sending webhooks: claiming the deliveries due, signing and POSTing each, recording what
 * came of it. Each step is one short statement of its own: no transaction is open while a
 * receiver is waited for, so a slow or dead receiver holds no lock and no connection.
 */

type Query = ControlPool['query'];

/** A delivery claimed for one attempt, with what it carries. */
export interface ClaimedDelivery {
  id: string;
  /** This attempt's number: it fences the outcome off from a process whose lease ran out meanwhile. */
  attempt: number;
  endpointId: number;
  url: string;
  secret: string;
  event: { id: string; kind: string; entity: string; entityId: string; version: number; occurredAt: Date };
}

/** The lease of a claim: past it, another process may send the delivery again (the first one is taken to have died). */
export const leaseMsOf = (config: Pick<Config, 'webhookTimeoutMs'>) => 2 * config.webhookTimeoutMs + 5_000;

/**
 * Claims up to `batchSize` deliveries due, for a lease, raising their attempt counts: those
 * pending, due, unclaimed (or whose claim ran out), of an enabled endpoint, and with no
 * earlier event of the same record still pending for the same endpoint, so each endpoint
 * is sent one record's events in their order. SKIP LOCKED lets every API process claim at
 * once, each its own rows.
 */
export async function claimDueDeliveries(query: Query, options: { batchSize: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const rows = await query<{
    id: string;
    attempts: number;
    endpoint_id: number;
    url: string;
    secret: string;
    event_id: string;
    kind: string;
    entity: string;
    entity_id: string;
    version: number;
    occurred_at: Date | string;
  }>(
    `with due as (
       select d.id from webhook_deliveries d
       join webhook_endpoints w on w.id = d.endpoint_id and w.enabled
       join change_events e on e.id = d.event_id
       where d.status = 'PENDING' and d.next_attempt_at <= now() and (d.claimed_until is null or d.claimed_until <= now())
         and not exists (
           select 1 from change_events earlier
           join webhook_deliveries waiting on waiting.event_id = earlier.id and waiting.endpoint_id = d.endpoint_id and waiting.status = 'PENDING'
           where earlier.entity = e.entity and earlier.entity_id = e.entity_id and earlier.version < e.version)
       order by d.next_attempt_at, d.id
       limit $1
       for update of d skip locked)
     update webhook_deliveries d
       set attempts = d.attempts + 1, claimed_until = now() + make_interval(secs => $2::float8 / 1000), last_attempt_at = now()
     from due, webhook_endpoints w, change_events e
     where d.id = due.id and w.id = d.endpoint_id and e.id = d.event_id
     returning d.id::text, d.attempts, d.endpoint_id, w.url, w.secret, e.id::text as event_id, e.kind, e.entity, e.entity_id, e.version, e.occurred_at`,
    [options.batchSize, options.leaseMs],
  );
  return rows.map((row) => ({
    id: row.id,
    attempt: row.attempts,
    endpointId: row.endpoint_id,
    url: row.url,
    secret: row.secret,
    event: { id: row.event_id, kind: row.kind, entity: row.entity, entityId: row.entity_id, version: row.version, occurredAt: new Date(row.occurred_at) },
  }));
}

/** The signature of a delivery: hex HMAC-SHA256, keyed with the endpoint's secret, of `<timestamp>.<body>`. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** What a delivery POSTs: the event as the feed tells it, with its id, and which endpoint and delivery this is. */
export function webhookBody(delivery: ClaimedDelivery): string {
  const { event } = delivery;
  return JSON.stringify({
    deliveryId: delivery.id,
    endpointId: String(delivery.endpointId),
    event: {
      id: event.id,
      kind: event.kind,
      entity: event.entity,
      entityId: event.entityId,
      version: event.version,
      occurredAt: event.occurredAt.toISOString(),
    },
  });
}

/** What one attempt came to. */
export interface AttemptOutcome {
  delivered: boolean;
  statusCode?: number;
  error?: string;
  responseBody?: string;
}

/** Text PostgreSQL can keep: no NUL, at most `length` characters. */
const storable = (text: string, length: number) => text.replaceAll('\u0000', '').slice(0, length);

/** An error as the delivery log says it: Node's own message (connect ECONNREFUSED 127.0.0.1:4000, …). */
const describe = (error: unknown) =>
  storable(error instanceof Error ? error.message || String((error as NodeJS.ErrnoException).code) : String(error), MAX_DELIVERY_ERROR_LENGTH);

/** How one signed POST is sent: its time limit, the hosts allowed past the SSRF guard, an abort. */
export interface PostOptions {
  timeoutMs: number;
  allowHosts: readonly string[];
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * POSTs one delivery, signed, within `timeoutMs` in all, and reads at most the start of the
 * answer. 2xx is delivered; anything else, redirects included (never followed), is a failed
 * attempt, as is a target the SSRF guard refuses (webhook-target.ts).
 */
export function sendDelivery(delivery: ClaimedDelivery, options: PostOptions): Promise<AttemptOutcome> {
  return postSigned(
    { url: delivery.url, secret: delivery.secret },
    webhookBody(delivery),
    { 'x-hotel-event-id': delivery.event.id, 'x-hotel-delivery-id': delivery.id },
    options,
  );
}

/**
 * POSTs `body` to `target.url` with X-Hotel-Timestamp and X-Hotel-Signature (webhookSignature
 * with `target.secret`) beside `headers`: the one way the API sends signed JSON, partner
 * webhooks and alerts alike.
 */
export function postSigned(
  target: { url: string; secret: string },
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<AttemptOutcome> {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return Promise.resolve({ delivered: false, error: 'The endpoint URL is not valid.' });
  }
  const refused = staticProblemOf(url, options.allowHosts);
  if (refused) return Promise.resolve({ delivered: false, error: storable(refused, MAX_DELIVERY_ERROR_LENGTH) });
  const timestamp = Math.floor((options.now?.() ?? Date.now()) / 1000);
  const sent = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': 'hotel-api-webhooks',
    ...headers,
    'x-hotel-timestamp': String(timestamp),
    'x-hotel-signature': webhookSignature(target.secret, timestamp, body),
  };
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = send(
      url,
      {
        method: 'POST',
        headers: sent,
        agent: false,
        signal: options.signal,
        ...(isAllowListed(url, options.allowHosts) ? {} : { lookup: guardedLookup as never }),
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        const answered = () => {
          const responseBody = storable(Buffer.concat(chunks).toString('utf8'), MAX_RESPONSE_BODY_LENGTH);
          const delivered = statusCode >= 200 && statusCode < 300;
          finish({
            delivered,
            statusCode: statusCode >= 100 && statusCode <= 599 ? statusCode : undefined,
            responseBody,
            error: delivered ? undefined : `HTTP ${statusCode}${statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : ''}`,
          });
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          kept += chunk.length;
          // Enough to show; the rest is not waited for.
          if (kept >= MAX_RESPONSE_BODY_LENGTH * 4) {
            answered();
            response.destroy();
          }
        });
        response.on('end', answered);
        response.on('error', answered);
        response.on('close', answered);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`No answer within ${options.timeoutMs} ms.`)), options.timeoutMs);
    request.on('error', (error) => finish({ delivered: false, error: describe(error) }));
    request.end(body);
  });
}

/**
 * The wait before attempt `attempt + 1`: base·2^(attempt−1), at most the cap, less a random
 * part of up to half of it, so that the deliveries of one outage do not all come back at once.
 */
export function backoffMs(attempt: number, config: Pick<Config, 'webhookBackoffBaseMs' | 'webhookBackoffCapMs'>, random = Math.random): number {
  const ceiling = Math.min(config.webhookBackoffCapMs, config.webhookBackoffBaseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Records an attempt's outcome, when the attempt is still the delivery's latest (else a
 * later claim owns it). Delivered: so marked, whatever happened meanwhile, and its endpoint
 * no longer failing. Failed: due again after the backoff, and its endpoint failing since
 * its first failure after the last success. Answers whether the endpoint has now failed
 * for longer than the window, and is to be disabled.
 */
export async function recordOutcome(
  query: Query,
  delivery: ClaimedDelivery,
  outcome: AttemptOutcome,
  config: Pick<Config, 'webhookBackoffBaseMs' | 'webhookBackoffCapMs' | 'webhookDisableAfterMs'>,
): Promise<{ disable: boolean }> {
  const answer = [delivery.id, delivery.attempt, outcome.statusCode ?? null, outcome.error ?? null, outcome.responseBody ?? null];
  if (outcome.delivered) {
    await query(
      `with done as (
         update webhook_deliveries set status = 'DELIVERED', delivered_at = now(), claimed_until = null,
           last_status_code = $3, last_error = $4, last_response_body = $5
         where id = $1 and attempts = $2 returning endpoint_id)
       update webhook_endpoints w set failing_since = null from done where w.id = done.endpoint_id and w.failing_since is not null`,
      answer,
    );
    return { disable: false };
  }
  const rows = await query<{ past_window: boolean }>(
    `with failed as (
       update webhook_deliveries set next_attempt_at = now() + make_interval(secs => $6::float8 / 1000), claimed_until = null,
         last_status_code = $3, last_error = $4, last_response_body = $5
       where id = $1 and attempts = $2 and status = 'PENDING' returning endpoint_id)
     update webhook_endpoints w set failing_since = coalesce(w.failing_since, now()) from failed
     where w.id = failed.endpoint_id and w.enabled
     returning w.failing_since <= now() - make_interval(secs => $7::float8 / 1000) as past_window`,
    [...answer, backoffMs(delivery.attempt, config), config.webhookDisableAfterMs],
  );
  return { disable: rows[0]?.past_window === true };
}
