import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

/** One POST the receiver accepted, with what it said and whether its signature held. */
export interface Received {
  path: string;
  deliveryId: string;
  endpointId: string;
  eventId: string;
  kind: string;
  entity: string;
  entityId: string;
  version: number;
  /** X-Hotel-Event-Id equals the body's event id. */
  eventIdHeader: boolean;
  signatureValid: boolean;
  /** An alert's POST (ALERT_WEBHOOK_URL): its `alert`; the event fields are then undefined. */
  alert?: Record<string, any>;
}

/** The check a receiver makes, as the README shows it: hex HMAC-SHA256 of `<timestamp>.<raw body>`. */
export function signatureHolds(secret: string, timestamp: string | undefined, body: string, signature: string | undefined): boolean {
  if (!timestamp || !signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A webhook receiver on 127.0.0.1, started by a test: it verifies every signature with the
 * secret registered for the path it is posted to, keeps what it accepted in order, and
 * answers 200 (or what `answerWith` says). stop() closes it as a receiver that went away
 * does: new connections are refused at once, and what it is answering is finished first.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly secrets = new Map<string, string>();
  private server: Server | undefined;
  /** The status a path answers with; 200 where none is set. */
  readonly answerWith = new Map<string, number>();
  /** How long each answer takes: a slow receiver, so that attempts overlap. */
  answerAfterMs = 0;
  /** Called with each accepted POST, after it is kept and answered. */
  onReceive: (received: Received) => void = () => undefined;
  port = 0;

  /** The URL of a path, to register as an endpoint. */
  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The secret createWebhookEndpoint answered for the endpoint at `path`. */
  expect(path: string, secret: string): void {
    this.secrets.set(path, secret);
  }

  async start(): Promise<this> {
    const server = createServer(async (request, response) => {
      const body = await bodyOf(request);
      if (this.answerAfterMs) await new Promise((resolve) => setTimeout(resolve, this.answerAfterMs));
      const path = request.url ?? '/';
      const status = this.answerWith.get(path) ?? 200;
      const secret = this.secrets.get(path);
      const timestamp = request.headers['x-hotel-timestamp'] as string | undefined;
      const signatureValid = secret !== undefined && signatureHolds(secret, timestamp, body, request.headers['x-hotel-signature'] as string | undefined);
      if (status >= 300) {
        response.writeHead(status, { 'content-type': 'text/plain' }).end('not now');
        return;
      }
      const payload = JSON.parse(body);
      const event = payload.event ?? {};
      const received: Received = {
        path,
        deliveryId: payload.deliveryId,
        endpointId: payload.endpointId,
        eventId: event.id,
        kind: event.kind,
        entity: event.entity,
        entityId: event.entityId,
        version: event.version,
        eventIdHeader: request.headers['x-hotel-event-id'] === event.id,
        signatureValid,
        ...(payload.alert ? { alert: payload.alert } : {}),
      };
      this.received.push(received);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      this.onReceive(received);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : this.port;
    this.server = server;
    return this;
  }

  /** Refuses connections from now on; resolves once the answers under way are sent. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** What was accepted at `path`. */
  at(path: string): Received[] {
    return this.received.filter((received) => received.path === path);
  }
}

/** A port nothing listens on: taken from the system, then let go. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
