import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express, { type Express, type Request, type Response } from 'express';
import { parseBearer } from '../auth/api-tokens';
import type { Config } from '../config';
import { bearerChallenge } from './http-status';
import type { HttpMetrics } from './metrics';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * /metrics is not for strangers. With METRICS_PORT it is served on a port of its own (and
 * not on the API's); else with METRICS_TOKEN it asks for that bearer token; with neither,
 * only clients on the machine itself (the socket's address, never a forwarded one) get it.
 * Returns the server of its own port, for the caller to listen with and to close.
 */
export function serveMetrics(app: Express, metrics: HttpMetrics, config: Pick<Config, 'metricsPort' | 'metricsToken'>): Server | undefined {
  const send = async (_req: Request, res: Response) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
  if (config.metricsPort !== undefined) {
    const own = express();
    own.disable('x-powered-by');
    own.get('/metrics', send);
    return createServer(own);
  }
  app.get('/metrics', async (req, res) => {
    const allowed = config.metricsToken
      ? sameSecret(parseBearer(req.get('authorization')), config.metricsToken)
      : LOOPBACK.test(req.socket.remoteAddress ?? '');
    if (allowed) return send(req, res);
    if (config.metricsToken) res.setHeader('www-authenticate', bearerChallenge(Boolean(req.get('authorization'))));
    res
      .status(config.metricsToken ? 401 : 403)
      .json({ status: config.metricsToken ? 'METRICS_TOKEN required' : 'loopback clients only; set METRICS_TOKEN or METRICS_PORT' });
  });
  return undefined;
}
