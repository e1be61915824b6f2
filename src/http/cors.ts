import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError } from '../errors/forbidden-error';
import { REPLAYED_HEADER } from './apollo-plugins';
import type { JsonError } from './request-guards';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * Request headers a page may send: the token, JSON, the idempotency key, Apollo's CSRF
 * headers, its own request id, and W3C trace context (a traced SPA joins its spans to ours).
 */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  REQUEST_ID_HEADER,
  'traceparent',
  'tracestate',
];

/** Response headers a page may read besides the simple ones: when to retry, which request it was, a replay, why a token was refused. */
const EXPOSED_HEADERS = ['retry-after', REQUEST_ID_HEADER, REPLAYED_HEADER, 'www-authenticate'];

/** Ten minutes: a browser asks again soon after the allowed headers change with a deploy. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the pages of `allowedOrigins`, answered before the CSRF guard: a preflight
 * (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin gets 204 and the
 * methods and headers it may use; one from any other origin gets 403 FORBIDDEN, so the
 * browser never sends the request. An allowed origin's requests then get
 * `Access-Control-Allow-Origin`, so its page can read the answer. Any other request goes on
 * as before, to the CSRF guard.
 *
 * No `Access-Control-Allow-Credentials`: the API authenticates by bearer token alone and
 * sets no cookies, so a page has nothing to send but the header it writes itself, and
 * without credentials a page of another origin can never ride on a staff member's
 * browser session.
 */
export function allowCrossOrigin(allowedOrigins: readonly string[], jsonError: JsonError): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get('origin');
    // What is answered depends on Origin wherever a list is set: a cache must keep them apart.
    if (allowed.size > 0) res.vary('Origin');
    const preflight = req.method === 'OPTIONS' && origin !== undefined && req.get('access-control-request-method') !== undefined;
    if (origin === undefined || !allowed.has(origin)) {
      if (!preflight) return next();
      return jsonError(req, res, 403, new ForbiddenError('Pages of this origin may not call the API: it is not one of its CORS origins.'));
    }
    res.setHeader('access-control-allow-origin', origin);
    if (!preflight) {
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS.join(', '));
      return next();
    }
    res.setHeader('access-control-allow-methods', 'POST, GET, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS.join(', '));
    res.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
    res.status(204).end();
  };
}
