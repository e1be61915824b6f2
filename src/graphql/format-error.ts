import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { CLASSIFICATION } from '../errors/classification';
import { ClassifiedError } from '../errors/classified-error';
import { classifyPgError } from '../errors/classify-pg-error';
import { ErrorCode } from '../errors/error-code';
import type { ErrorMonitor } from '../errors/error-monitor';
import { RequestError } from '../errors/request-error';
import { ServiceUnavailableError } from '../errors/service-unavailable-error';
import { ValidationError } from '../errors/validation-error';
import { requestScope } from '../logging/request-context';

/**
 * Codes Apollo and graphql-js give their errors about the request document itself. Their
 * messages describe the caller's query, never the server, so they pass through.
 */
const FOREIGN_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'INTROSPECTION_DISABLED',
  'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
]);

/** Our own request-level codes (the query limits, Apollo's BAD_USER_INPUT and BAD_REQUEST): RequestError's. */
const ownRequestCode = (code: string): code is (typeof RequestError.codes)[number] => RequestError.owns(code as ErrorCode);

const isRequestErrorCode = (code: unknown): code is string => typeof code === 'string' && (FOREIGN_REQUEST_CODES.has(code) || ownRequestCode(code));

/**
 * The error behind what Apollo hands the formatter: inside a resolver's GraphQLError, or
 * one of context creation (wrapped without a path); a thrown ClassifiedError, which is not
 * an Error, arrives as graphql-js's NonErrorThrown carrying it as `thrownValue`.
 */
function originalOf(raw: unknown): unknown {
  const unwrapped = unwrapResolverError(raw);
  const error = unwrapped instanceof GraphQLError && unwrapped.originalError ? unwrapped.originalError : unwrapped;
  const thrown = (error as { thrownValue?: unknown } | null)?.thrownValue;
  return thrown instanceof ClassifiedError ? thrown : error;
}

/**
 * The code of an error about the request document, most precise first: Apollo wraps the
 * errors of validation rules and of parsing under GRAPHQL_VALIDATION_FAILED or
 * GRAPHQL_PARSE_FAILED, keeping a rule's own code on the original error (our query limits)
 * or in `validationErrorCode` (its introspection switch).
 */
function requestErrorCode(formatted: GraphQLFormattedError, original: unknown): string | undefined {
  const candidates = [
    original instanceof GraphQLError ? original.extensions.code : undefined,
    formatted.extensions?.validationErrorCode,
    formatted.extensions?.code,
  ];
  return candidates.find(isRequestErrorCode);
}

/**
 * What an error is, classified: thrown classified, or PostgreSQL's or the driver's,
 * classified by SQLSTATE, on queries as on mutations. Reading the result of a mutation
 * that committed can only fail to show the change, not undo it: that says CHANGE_SAVED.
 */
function classified(error: unknown, formatted: GraphQLFormattedError, committed: ReadonlySet<string> | undefined): unknown {
  const known = error instanceof ClassifiedError ? error : (classifyPgError(error) ?? error);
  const underCommitted = (formatted.path?.length ?? 0) > 1 && committed?.has(String(formatted.path![0]));
  const unreadable = !(known instanceof ClassifiedError) || known instanceof ServiceUnavailableError;
  return underCommitted && unreadable ? new ServiceUnavailableError(ErrorCode.CHANGE_SAVED, { cause: error }) : known;
}

export interface ErrorFormatterOptions {
  /** HOTEL_DEBUG_ERRORS=1: attach the original message and stack for local debugging. */
  exposeDetails: boolean;
}

/**
 * The top-level formatter: every error gets code, category, severity, retryable and an
 * errorId that finds it in the log. Classified errors keep their safe message; errors about
 * the request document keep theirs; everything else becomes "Internal server error".
 */
export function createErrorFormatter(monitor: ErrorMonitor, options: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const scope = requestScope.getStore();
    const error = classified(originalOf(raw), formatted, scope?.committed);
    const occurrence = { operation: scope?.operationName, requestId: scope?.requestId };
    const base = { locations: formatted.locations, path: formatted.path };
    const debug =
      options.exposeDetails && (error instanceof Error || error instanceof ClassifiedError) ? { debug: { message: error.message, stack: error.stack } } : {};

    if (error instanceof ClassifiedError) {
      const errorId = monitor.record(error, occurrence);
      return {
        ...base,
        message: error.message,
        extensions: {
          code: error.code,
          category: error.category,
          severity: error.severity,
          retryable: error.retryable,
          errorId,
          ...(error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {}),
          ...('retryAfterMs' in error ? { retryAfterMs: error.retryAfterMs } : {}),
          ...debug,
        },
      };
    }

    const code = requestErrorCode(formatted, error);
    if (code) {
      // Counted under its own code when it is ours, under BAD_USER_INPUT when graphql-js's.
      const classified = new RequestError(formatted.message, ownRequestCode(code) ? code : ErrorCode.BAD_USER_INPUT);
      const errorId = monitor.record(classified, occurrence);
      return {
        ...base,
        message: formatted.message,
        extensions: { code, category: classified.category, severity: classified.severity, retryable: classified.retryable, errorId, ...debug },
      };
    }

    const errorId = monitor.record(error, occurrence);
    const internal = CLASSIFICATION.INTERNAL_SERVER_ERROR;
    return {
      ...base,
      message: internal.message,
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        category: internal.category,
        severity: internal.severity,
        retryable: internal.retryable,
        errorId,
        ...debug,
      },
    };
  };
}
