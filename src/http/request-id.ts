import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,64}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
  }
}

/** Keeps a caller's X-Request-Id when it is sane, else makes one; echoes it on the response. */
export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get('x-request-id');
  req.requestId = incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', req.requestId);
  next();
}
