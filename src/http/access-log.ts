import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Caller } from '../kernel/caller';
import type { Logger } from '../logging/logger';
import type { RequestScope } from '../logging/request-context';

declare module 'express-serve-static-core' {
  interface Request {
    /** Who sent it, once its bearer token has been checked (GraphQL requests): the access log names the token. */
    caller?: Caller | null;
    /** Its scope, once entered (GraphQL requests): the access log takes the operation from it. */
    scope?: RequestScope;
  }
}

/**
 * Probes and scrapes come every few seconds from the orchestrator and Prometheus; at
 * `info` they would drown the requests people make. They log at `debug`, unless they fail.
 */
const FREQUENT_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The name a client gives its operation is its own to choose: enough of it to recognise, not a whole document. */
const OPERATION_NAME_LENGTH = 100;

/**
 * One `http request` line per request, when its response has gone out or its connection
 * closed first (`aborted`): method, path (no query string: a GET carries its query and
 * variables there), the operation as the metrics label it (`operation: query:bookings`) and
 * by the name the client gave it (`operationName: Bookings`), status, duration, request id,
 * the caller's token id and the client address.
 * Never a header or the body: a bearer secret, a password of `login` or a guest's data would
 * land in the log.
 */
export function logAccess(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // `close` follows `finish` on a completed response, and comes alone on an aborted one.
    res.once('close', () => {
      const path = req.originalUrl.split('?')[0];
      const status = res.headersSent ? res.statusCode : null;
      const level = FREQUENT_PATHS.has(path) && status !== null && status < 400 ? 'debug' : 'info';
      const operationName = req.scope?.clientOperationName?.slice(0, OPERATION_NAME_LENGTH);
      logger[level](
        {
          method: req.method,
          path,
          ...(req.scope?.operationName ? { operation: req.scope.operationName } : {}),
          ...(operationName ? { operationName } : {}),
          status,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
          requestId: req.requestId,
          tokenId: req.caller?.tokenId ?? null,
          clientAddress: req.ip ?? req.socket.remoteAddress ?? null,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'http request',
      );
    });
    next();
  };
}
