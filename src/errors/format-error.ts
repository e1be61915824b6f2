import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { requestScope } from '../logging/request-context';
import { CLASSIFICATION } from './classification';
import { ErrorCategory, ErrorCode, ErrorSeverity } from './error-code';
import type { ErrorMonitor } from './error-monitor';
import { HotelError, ValidationFailed } from './hotel-error';

/**
 * Errors Apollo and graphql-js raise about the request document itself. Their messages
 * describe the caller's query, never the server, so they pass through.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'INTROSPECTION_DISABLED',
  'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
]);

/** Codes a plugin or limit attaches to its own rejections, with the classification they mean. */
const EXTRA_REQUEST_CODES: Record<string, ErrorCategory> = {};

export function registerRequestErrorCode(code: string, category: ErrorCategory = ErrorCategory.VALIDATION): void {
  EXTRA_REQUEST_CODES[code] = category;
}

const isRequestErrorCode = (code: unknown): code is string => typeof code === 'string' && (REQUEST_ERROR_CODES.has(code) || code in EXTRA_REQUEST_CODES);

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
    const unwrapped = unwrapResolverError(raw);
    // Errors from context creation arrive wrapped without a path; look inside them too.
    const error = unwrapped instanceof GraphQLError && unwrapped.originalError ? unwrapped.originalError : unwrapped;
    const scope = requestScope.getStore();
    const occurrence = { operation: scope?.operationName, requestId: scope?.requestId };
    const base = { locations: formatted.locations, path: formatted.path };
    const debug = options.exposeDetails && error instanceof Error ? { debug: { message: error.message, stack: error.stack } } : {};

    if (error instanceof HotelError) {
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
          ...(error instanceof ValidationFailed ? { fieldErrors: error.fieldErrors } : {}),
          ...('retryAfterMs' in error ? { retryAfterMs: error.retryAfterMs } : {}),
          ...debug,
        },
      };
    }

    const code = requestErrorCode(formatted, error);
    if (code) {
      const errorId = monitor.record(new HotelError(ErrorCode.BAD_USER_INPUT, formatted.message), occurrence);
      return {
        ...base,
        message: formatted.message,
        extensions: {
          code,
          category: EXTRA_REQUEST_CODES[code] ?? ErrorCategory.VALIDATION,
          severity: ErrorSeverity.LOW,
          retryable: false,
          errorId,
          ...debug,
        },
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
