import pg from 'pg';
import type { Logger } from '../logging/logger';

/** How long after a lost connection the listener tries again, doubling up to the most. */
const RETRY_FIRST_MS = 250;
const RETRY_MOST_MS = 10_000;

export interface NotificationListener {
  /** True while LISTEN holds on a live connection: only then is nothing missed. */
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface ListenHandlers {
  /** A notification arrived on the channel. */
  heard(payload: string | undefined): void;
  /** The connection was lost, or newly (re)established: whatever arrived in between is unknown. */
  gap(): void;
}

/**
 * LISTENs on one channel from a connection of its own, outside every pool, and keeps
 * listening: a lost connection (PostgreSQL restarted, the backend killed) is reported as
 * a gap and reconnected with a growing pause, and the moment LISTEN holds again is a gap
 * too, since what was announced in between is lost.
 */
export function listenFor(url: string, channel: string, handlers: ListenHandlers, options: { logger: Logger; timeoutMs: number }): NotificationListener {
  const { logger } = options;
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let retryMs = RETRY_FIRST_MS;
  let retry: NodeJS.Timeout | undefined;

  const lost = (current: pg.Client) => {
    if (client !== current) return;
    client = undefined;
    if (listening) logger.warn({ channel }, 'lost the connection listening for notifications; reconnecting');
    listening = false;
    handlers.gap();
    void current.end().catch(() => undefined);
    if (!closed) {
      retry = setTimeout(connect, retryMs);
      retry.unref();
      retryMs = Math.min(retryMs * 2, RETRY_MOST_MS);
    }
  };

  async function connect(): Promise<void> {
    // Bounded: a port that accepts and never answers (a restart under way) is a lost connection, not a wait.
    const current = new pg.Client({
      connectionString: url,
      application_name: 'hotel-api listener',
      keepAlive: true,
      connectionTimeoutMillis: options.timeoutMs,
      query_timeout: options.timeoutMs,
    });
    client = current;
    current.on('error', () => lost(current));
    current.on('end', () => lost(current));
    current.on('notification', (message) => {
      if (message.channel === channel) handlers.heard(message.payload);
    });
    try {
      await current.connect();
      await current.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (closed || client !== current) return;
      listening = true;
      retryMs = RETRY_FIRST_MS;
      handlers.gap();
    } catch {
      lost(current);
    }
  }

  void connect();
  return {
    get listening() {
      return listening;
    },
    close: async () => {
      closed = true;
      clearTimeout(retry);
      const current = client;
      client = undefined;
      listening = false;
      // A connection half made may never end politely; closing does not wait on it past the bound.
      await Promise.race([current?.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, options.timeoutMs).unref())]);
    },
  };
}
