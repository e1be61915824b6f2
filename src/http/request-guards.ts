import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ClassifiedError } from '../errors/classified-error';
import { ErrorCode } from '../errors/error-code';
import { RequestError } from '../errors/request-error';

/** Answers an error met before GraphQL sees the request, in the shape of GraphQL's own. */
export type JsonError = (req: Request, res: Response, status: number, error: ClassifiedError) => void;

/** One operation per request: a JSON array (a batch) would multiply every per-request limit. */
export function refuseBatches(jsonError: JsonError): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!Array.isArray(req.body)) return next();
    jsonError(
      req,
      res,
      400,
      new RequestError('Batched requests are not supported: send one operation per request, as a JSON object.', ErrorCode.BATCHING_NOT_SUPPORTED),
    );
  };
}

/** Content types a browser may send cross-site without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

/**
 * Apollo's CSRF prevention, answered with a code of its own: a request a browser could
 * send from another site without a preflight (GET, or a "simple" content type) must carry
 * a header only a preflighted request can. Apollo's own check stays on behind it.
 */
export function refuseCrossSiteRequests(jsonError: JsonError): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const contentType = req.get('content-type');
    const simple = contentType === undefined || SIMPLE_CONTENT_TYPES.has(contentType.split(';')[0].trim().toLowerCase());
    if (!simple || PREFLIGHT_HEADERS.some((header) => (req.get(header) ?? '').length > 0)) return next();
    jsonError(
      req,
      res,
      400,
      new RequestError(
        'Blocked as a possible cross-site request forgery: send the request as content-type application/json, or with a non-empty apollo-require-preflight header.',
        ErrorCode.CSRF_PREVENTED,
      ),
    );
  };
}
