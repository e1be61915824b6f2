import { ErrorCategory, ErrorCode, ErrorSeverity } from './error-code';

export interface Classification {
  category: ErrorCategory;
  severity: ErrorSeverity;
  /** Whether the same request may succeed if simply sent again. */
  retryable: boolean;
  /** Safe to show a user when nothing more precise is known. */
  message: string;
  /** What a client should do about it: the ErrorCode value's description and the README's error table end with it. */
  advice: string;
  /**
   * The HTTP status of a response that fails with this code at the top level, when it is
   * not 200: what proxies and clients act on (401 ask for a token, 429 and 503 come back
   * after Retry-After).
   */
  httpStatus?: 401 | 429 | 503;
}

const { DATABASE, VALIDATION, AUTHENTICATION, AUTHORIZATION, BUSINESS_LOGIC, SYSTEM } = ErrorCategory;
const { LOW, MEDIUM, HIGH, CRITICAL } = ErrorSeverity;

/** The advice of a transient failure: the same request may well succeed a moment later. */
const SEND_AGAIN = 'Wait retryAfterMs (also the Retry-After header when the whole request failed), then send the same request again.';
/** Two transactions PostgreSQL could not both let through; the one it stopped may simply run again. */
const COLLISION = {
  category: DATABASE,
  severity: MEDIUM,
  retryable: true,
  message: 'The change collided with another one; try again.',
  httpStatus: 503,
  advice: SEND_AGAIN,
} as const;

/** The one table from code to category, severity, retryability, default message and advice. */
export const CLASSIFICATION: Readonly<Record<ErrorCode, Classification>> = {
  VALIDATION_FAILED: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'The input is not valid.',
    advice: 'Fix the fields that fieldErrors names and send again.',
  },
  BAD_USER_INPUT: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'The request is not valid.',
    advice: 'Fix the argument the message names and send again.',
  },
  NOT_FOUND: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'No such record.',
    advice: 'Check the id: the record does not exist, was deleted, or is not one this caller may see.',
  },
  ALREADY_EXISTS: {
    category: DATABASE,
    severity: LOW,
    retryable: false,
    message: 'A record with these values already exists.',
    advice: 'Use the existing record (conflictingIds, when known), or change the value that must be unique and send again.',
  },
  ROOM_UNAVAILABLE: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'The room is already booked for some of these nights.',
    advice: 'Choose another room or other dates (availableRooms); conflictingIds names the bookings in the way.',
  },
  ROOM_OCCUPIED: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'Guests are booked into the room for some of these nights; move them first.',
    advice: 'conflictingIds names those bookings: give them other rooms with moveRoom, then send again.',
  },
  ROOM_TYPE_SOLD_OUT: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'No room of this type is left to sell for some of these nights.',
    advice: 'Offer another room type or other dates (availability), or put the guest on the waitlist.',
  },
  PRICE_CHANGED: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'The price of the stay has changed since it was quoted; quote again and book at the new price.',
    advice: 'Show the guest the new total (PriceChangedError.total); to accept it, book again with it as quotedTotal.',
  },
  CONFLICT: {
    category: DATABASE,
    severity: MEDIUM,
    retryable: false,
    message: 'The change conflicts with existing records.',
    advice: 'Read the records in conflictingIds again and decide anew; the same change sent again fails the same way.',
  },
  REFERENCE_NOT_FOUND: {
    category: DATABASE,
    severity: LOW,
    retryable: false,
    message: 'A referenced record does not exist.',
    advice: 'Check the id in the field that fieldErrors names: the record it refers to does not exist.',
  },
  DELETE_RESTRICTED: {
    category: DATABASE,
    severity: MEDIUM,
    retryable: false,
    message: 'Other records still depend on this one; it cannot be deleted.',
    advice: 'Deal with the rows in blockers first (deleteImpact lists them), or keep the record.',
  },
  IMPACT_CHANGED: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'What this delete would remove has changed since the preview; review the new impact.',
    advice: 'Review the new impact; if the delete is still wanted, send it again with the new impact token.',
  },
  CONSTRAINT_VIOLATION: {
    category: DATABASE,
    severity: MEDIUM,
    retryable: false,
    message: 'The change breaks a rule of the hotel data.',
    advice: 'Correct the value that fieldErrors names so the rule in the message holds, and send again.',
  },
  INVALID_DATA: {
    category: DATABASE,
    severity: LOW,
    retryable: false,
    message: 'A value is not valid for its field.',
    advice: 'Correct the value that fieldErrors names (its length, range or shape) and send again.',
  },
  INVALID_STATE_TRANSITION: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'This change is not allowed in the current state.',
    advice: 'Read the record again: its status allows other changes only; sending this one again fails the same way.',
  },
  BUSINESS_RULE_VIOLATION: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'This change breaks a rule of the hotel.',
    advice: 'Change the request or the records so the rule in the message holds; sending it unchanged fails the same way.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    category: VALIDATION,
    severity: MEDIUM,
    retryable: false,
    message: 'This idempotency key was already used for a different request.',
    advice: 'Use a new idempotency key for a new request; reuse a key only to resend the very same request.',
  },
  SERIALIZATION_FAILURE: COLLISION,
  DEADLOCK_DETECTED: COLLISION,
  CONNECTION_LOST: {
    category: DATABASE,
    severity: HIGH,
    retryable: true,
    message: 'The database connection was lost; try again.',
    httpStatus: 503,
    advice: SEND_AGAIN,
  },
  RESOURCES_EXHAUSTED: {
    category: DATABASE,
    severity: CRITICAL,
    retryable: true,
    message: 'The database is out of resources; try again later.',
    httpStatus: 503,
    advice: `${SEND_AGAIN} Tell the operator if it lasts.`,
  },
  STATEMENT_TIMEOUT: {
    category: DATABASE,
    severity: HIGH,
    retryable: true,
    message: 'The database took too long to answer; try again.',
    httpStatus: 503,
    advice: `${SEND_AGAIN} A read that keeps timing out should ask for less: a smaller page, fewer nights.`,
  },
  SERVICE_UNAVAILABLE: {
    category: SYSTEM,
    severity: HIGH,
    retryable: true,
    message: 'The service is briefly unavailable; try again.',
    httpStatus: 503,
    advice: SEND_AGAIN,
  },
  COMMIT_OUTCOME_UNKNOWN: {
    category: DATABASE,
    severity: HIGH,
    retryable: false,
    message:
      'The database connection was lost while committing; the change may or may not be saved. Check before sending it again, or resend it with the same idempotency key.',
    advice: 'An idempotency key makes the resend safe: the first result comes back instead of the change applied twice.',
  },
  CHANGE_SAVED: {
    category: DATABASE,
    severity: HIGH,
    retryable: false,
    message: 'The change was saved, but its result could not be read; read it again instead of sending the change again.',
    advice: 'Query the record, or the change feed, for the outcome.',
  },
  LOCK_TIMEOUT: {
    category: DATABASE,
    severity: MEDIUM,
    retryable: true,
    message: 'The records are busy with another change; try again.',
    httpStatus: 503,
    advice: SEND_AGAIN,
  },
  REQUEST_TIMEOUT: {
    category: SYSTEM,
    severity: HIGH,
    retryable: true,
    message: 'The request took too long and was stopped; nothing was changed. Try again.',
    httpStatus: 503,
    advice: 'Wait retryAfterMs and send it again; a query that keeps timing out should ask for less.',
  },
  SHUTTING_DOWN: {
    category: SYSTEM,
    severity: MEDIUM,
    retryable: true,
    message: 'The service is restarting; nothing was changed. Send the request again.',
    httpStatus: 503,
    advice: 'Wait retryAfterMs and send it again: another API process, or this one restarted, answers it.',
  },
  UNAUTHENTICATED: {
    category: AUTHENTICATION,
    severity: LOW,
    retryable: false,
    message: 'A valid bearer token is required.',
    httpStatus: 401,
    advice: 'Send `Authorization: Bearer <token>` with a token that is valid, unexpired and not revoked; log in again for a new session.',
  },
  INVALID_CREDENTIALS: {
    category: AUTHENTICATION,
    severity: LOW,
    retryable: false,
    message: 'The email address or password is not correct.',
    advice: 'Check the email address and password; repeated failures are throttled (RATE_LIMITED).',
  },
  FORBIDDEN: {
    category: AUTHORIZATION,
    severity: MEDIUM,
    retryable: false,
    message: 'You are not allowed to do this.',
    advice: "Do it with a token of a role the field's description allows; this token will be refused again.",
  },
  RATE_LIMITED: {
    category: AUTHENTICATION,
    severity: MEDIUM,
    retryable: true,
    message: 'Too many attempts; wait and try again.',
    httpStatus: 429,
    advice: 'Wait retryAfterMs (Retry-After) before the next attempt; every failure meanwhile prolongs the wait.',
  },
  COST_BUDGET_EXCEEDED: {
    category: AUTHORIZATION,
    severity: LOW,
    retryable: true,
    message: 'This token has spent its query-cost budget for now; send it again after Retry-After, when the budget resets.',
    httpStatus: 429,
    advice: 'Ask for less per query (smaller pages, fewer fields) to make the budget last; extensions.cost shows what is left.',
  },
  // Requests refused before or while GraphQL reads them: the request, not the data, is at fault.
  BAD_REQUEST: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'The request could not be read.',
    advice: 'Send a POST with Content-Type: application/json and a body {"query", "variables"}.',
  },
  PAYLOAD_TOO_LARGE: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'The request body is too large.',
    advice: 'Send a smaller body: shorter variables, or the work split over several requests.',
  },
  BATCHING_NOT_SUPPORTED: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'Send one operation per request.',
    advice: 'Split the array into separate requests; they may run side by side.',
  },
  CSRF_PREVENTED: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'Blocked as a possible cross-site request forgery.',
    advice: 'Send Content-Type: application/json, or an Apollo-Require-Preflight header.',
  },
  QUERY_TOO_DEEP: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'The query nests too deeply.',
    advice: 'Nest less: split the query into several.',
  },
  QUERY_TOO_COMPLEX: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'The query asks for too much at once.',
    advice: 'Ask for fewer fields or smaller pages, or split the query into several.',
  },
  TOO_MANY_ALIASES: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'The query uses too many aliases.',
    advice: 'Use fewer aliases: split the query into several.',
  },
  TOO_MANY_DIRECTIVES: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'The query uses too many directives.',
    advice: 'Use fewer directives in one query.',
  },
  TOO_MANY_TOKENS: {
    category: VALIDATION,
    severity: LOW,
    retryable: false,
    message: 'The query document is too long.',
    advice: 'Send a shorter document: split the query, or pass values as variables.',
  },
  INTERNAL_SERVER_ERROR: {
    category: SYSTEM,
    severity: CRITICAL,
    retryable: false,
    message: 'Internal server error',
    advice: 'Not the fault of the request: give the operator the errorId from extensions, which finds the full story in the log.',
  },
};
