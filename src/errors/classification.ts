import { ErrorCategory, ErrorCode, ErrorSeverity } from './error-code';

export interface Classification {
  category: ErrorCategory;
  severity: ErrorSeverity;
  /** Whether the same request may succeed if simply sent again. */
  retryable: boolean;
  /** Safe to show a user when nothing more precise is known. */
  message: string;
  /**
   * The HTTP status of a response that fails with this code at the top level, when it is
   * not 200: what proxies and clients act on (401 ask for a token, 429 and 503 come back
   * after Retry-After).
   */
  httpStatus?: 401 | 429 | 503;
}

const { DATABASE, VALIDATION, AUTHENTICATION, AUTHORIZATION, BUSINESS_LOGIC, SYSTEM } = ErrorCategory;
const { LOW, MEDIUM, HIGH, CRITICAL } = ErrorSeverity;

/** The one table from code to category, severity, retryability and default message. */
export const CLASSIFICATION: Readonly<Record<ErrorCode, Classification>> = {
  VALIDATION_FAILED: { category: VALIDATION, severity: LOW, retryable: false, message: 'The input is not valid.' },
  BAD_USER_INPUT: { category: VALIDATION, severity: LOW, retryable: false, message: 'The request is not valid.' },
  NOT_FOUND: { category: VALIDATION, severity: LOW, retryable: false, message: 'No such record.' },
  ALREADY_EXISTS: { category: DATABASE, severity: LOW, retryable: false, message: 'A record with these values already exists.' },
  ROOM_UNAVAILABLE: { category: BUSINESS_LOGIC, severity: LOW, retryable: false, message: 'The room is already booked for some of these nights.' },
  ROOM_OCCUPIED: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'Guests are booked into the room for some of these nights; move them first.',
  },
  ROOM_TYPE_SOLD_OUT: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'No room of this type is left to sell for some of these nights.',
  },
  PRICE_CHANGED: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'The price of the stay has changed since it was quoted; quote again and book at the new price.',
  },
  CONFLICT: { category: DATABASE, severity: MEDIUM, retryable: false, message: 'The change conflicts with existing records.' },
  REFERENCE_NOT_FOUND: { category: DATABASE, severity: LOW, retryable: false, message: 'A referenced record does not exist.' },
  DELETE_RESTRICTED: { category: DATABASE, severity: MEDIUM, retryable: false, message: 'Other records still depend on this one; it cannot be deleted.' },
  IMPACT_CHANGED: {
    category: BUSINESS_LOGIC,
    severity: LOW,
    retryable: false,
    message: 'What this delete would remove has changed since the preview; review the new impact.',
  },
  CONSTRAINT_VIOLATION: { category: DATABASE, severity: MEDIUM, retryable: false, message: 'The change breaks a rule of the hotel data.' },
  INVALID_DATA: { category: DATABASE, severity: LOW, retryable: false, message: 'A value is not valid for its field.' },
  INVALID_STATE_TRANSITION: { category: BUSINESS_LOGIC, severity: LOW, retryable: false, message: 'This change is not allowed in the current state.' },
  BUSINESS_RULE_VIOLATION: { category: BUSINESS_LOGIC, severity: LOW, retryable: false, message: 'This change breaks a rule of the hotel.' },
  IDEMPOTENCY_KEY_REUSED: {
    category: VALIDATION,
    severity: MEDIUM,
    retryable: false,
    message: 'This idempotency key was already used for a different request.',
  },
  SERIALIZATION_FAILURE: {
    category: DATABASE,
    severity: MEDIUM,
    retryable: true,
    message: 'The change collided with another one; try again.',
    httpStatus: 503,
  },
  DEADLOCK_DETECTED: { category: DATABASE, severity: MEDIUM, retryable: true, message: 'The change collided with another one; try again.', httpStatus: 503 },
  CONNECTION_LOST: { category: DATABASE, severity: HIGH, retryable: true, message: 'The database connection was lost; try again.', httpStatus: 503 },
  RESOURCES_EXHAUSTED: {
    category: DATABASE,
    severity: CRITICAL,
    retryable: true,
    message: 'The database is out of resources; try again later.',
    httpStatus: 503,
  },
  STATEMENT_TIMEOUT: { category: DATABASE, severity: HIGH, retryable: true, message: 'The database took too long to answer; try again.', httpStatus: 503 },
  SERVICE_UNAVAILABLE: { category: SYSTEM, severity: HIGH, retryable: true, message: 'The service is briefly unavailable; try again.', httpStatus: 503 },
  COMMIT_OUTCOME_UNKNOWN: {
    category: DATABASE,
    severity: HIGH,
    retryable: false,
    message:
      'The database connection was lost while committing; the change may or may not be saved. Check before sending it again, or resend it with the same idempotency key.',
  },
  CHANGE_SAVED: {
    category: DATABASE,
    severity: HIGH,
    retryable: false,
    message: 'The change was saved, but its result could not be read; read it again instead of sending the change again.',
  },
  LOCK_TIMEOUT: { category: DATABASE, severity: MEDIUM, retryable: true, message: 'The records are busy with another change; try again.', httpStatus: 503 },
  REQUEST_TIMEOUT: {
    category: SYSTEM,
    severity: HIGH,
    retryable: true,
    message: 'The request took too long and was stopped; nothing was changed. Try again.',
    httpStatus: 503,
  },
  SHUTTING_DOWN: {
    category: SYSTEM,
    severity: MEDIUM,
    retryable: true,
    message: 'The service is restarting; nothing was changed. Send the request again.',
    httpStatus: 503,
  },
  UNAUTHENTICATED: { category: AUTHENTICATION, severity: LOW, retryable: false, message: 'A valid bearer token is required.', httpStatus: 401 },
  INVALID_CREDENTIALS: { category: AUTHENTICATION, severity: LOW, retryable: false, message: 'The email address or password is not correct.' },
  FORBIDDEN: { category: AUTHORIZATION, severity: MEDIUM, retryable: false, message: 'You are not allowed to do this.' },
  RATE_LIMITED: { category: AUTHENTICATION, severity: MEDIUM, retryable: true, message: 'Too many attempts; wait and try again.', httpStatus: 429 },
  COST_BUDGET_EXCEEDED: {
    category: AUTHORIZATION,
    severity: LOW,
    retryable: true,
    message: 'This token has spent its query-cost budget for now; send it again after Retry-After, when the budget resets.',
    httpStatus: 429,
  },
  // Requests refused before or while GraphQL reads them: the request, not the data, is at fault.
  BAD_REQUEST: { category: VALIDATION, severity: LOW, retryable: false, message: 'The request could not be read.' },
  PAYLOAD_TOO_LARGE: { category: VALIDATION, severity: LOW, retryable: false, message: 'The request body is too large.' },
  BATCHING_NOT_SUPPORTED: { category: VALIDATION, severity: LOW, retryable: false, message: 'Send one operation per request.' },
  CSRF_PREVENTED: { category: VALIDATION, severity: LOW, retryable: false, message: 'Blocked as a possible cross-site request forgery.' },
  QUERY_TOO_DEEP: { category: VALIDATION, severity: LOW, retryable: false, message: 'The query nests too deeply.' },
  QUERY_TOO_COMPLEX: { category: VALIDATION, severity: LOW, retryable: false, message: 'The query asks for too much at once.' },
  TOO_MANY_ALIASES: { category: VALIDATION, severity: LOW, retryable: false, message: 'The query uses too many aliases.' },
  TOO_MANY_DIRECTIVES: { category: VALIDATION, severity: LOW, retryable: false, message: 'The query uses too many directives.' },
  TOO_MANY_TOKENS: { category: VALIDATION, severity: LOW, retryable: false, message: 'The query document is too long.' },
  INTERNAL_SERVER_ERROR: { category: SYSTEM, severity: CRITICAL, retryable: false, message: 'Internal server error' },
};
