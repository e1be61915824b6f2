/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Where a booking is in its life: CONFIRMED, then CHECKED_IN and CHECKED_OUT, or CANCELLED or NO_SHOW instead. */
export type BookingStatus =
  /** Cancelled before arrival: its nights are free again; a cancellation fee, if any, stays on its folio. */
  | 'CANCELLED'
  /** The guest is in the house, in the booking’s room. */
  | 'CHECKED_IN'
  /** The guest has left; the stay has its invoice. */
  | 'CHECKED_OUT'
  /** Booked, the guest still to arrive: it may be amended, cancelled, checked in, or become a no-show. */
  | 'CONFIRMED'
  /** The guest never came (markNoShow, or the night audit): its nights are free again and the no-show fee is on its folio. */
  | 'NO_SHOW';

/** A stay to book: in a room or of a room type, for a customer, over [checkIn, checkOut). */
export type CreateBookingInput = {
  /** The partner's own reference for the booking (at most 100 characters), unique within its channel. */
  channelReference?: string | null | undefined;
  /** The arrival date: the first night; not before the business date. */
  checkIn: string;
  /** The morning of departure: the last night is the one before. */
  checkOut: string;
  /** The guest who stays; a partner’s own channel’s only. */
  customerId: string | number;
  /** Retries with the same key and input return the first result and write nothing (24 hours). */
  idempotencyKey?: string | null | undefined;
  /** Guests in the party, 1 to the room type’s capacity. */
  numGuests: number;
  /** The total a quote gave: the booking is made only at that price, else PriceChangedError tells the new one and nothing is booked. */
  quotedTotal?: string | null | undefined;
  /** The room to book; or roomTypeId, one of the two. */
  roomId?: string | number | null | undefined;
  /** The room type to book, without a room: the booking holds a unit of the type on each night until a room is assigned (assignRoom, or at check-in). */
  roomTypeId?: string | number | null | undefined;
  /** The waitlist offer (a NOTIFIED entry) the booking is made from: it must be for the entry's customer, room type, dates and party, and fulfils it. */
  waitlistEntryId?: string | number | null | undefined;
};

/** A guest’s details. */
export type CreateCustomerInput = {
  /** Email address, stored lower-cased; unique within the caller’s channel. */
  email: string;
  /** Given name, not blank (at most 100 characters). */
  firstName: string;
  /** Family name, not blank (at most 100 characters). */
  lastName: string;
  /** Phone number, at most 40 characters. */
  phone?: string | null | undefined;
  /** The staff account of a customer who is also staff. */
  userId?: string | number | null | undefined;
};

/** What kind of failure an error is. */
export type ErrorCategory =
  /** Who is calling is not established: no valid token, wrong credentials, too many attempts. */
  | 'AUTHENTICATION'
  /** The caller may not do this, or has spent its query-cost budget for now. */
  | 'AUTHORIZATION'
  /** A rule of the hotel refuses it: availability, a status, a price. */
  | 'BUSINESS_LOGIC'
  /** The database refused or could not finish the change: a constraint, a collision, a lost connection, a timeout. */
  | 'DATABASE'
  /** The service itself: unavailable, timed out, restarting, or an unexpected error. */
  | 'SYSTEM'
  /** The request or its input is not valid as sent. */
  | 'VALIDATION';

/** The stable code of an error, in ClassifiedError.code and in errors[].extensions.code. Each value says its category, severity and retryability, where it is answered, its default message and what to do. */
export type ErrorCode =
  /** DATABASE, LOW, not retryable; ConflictError in a mutation's result, else a top-level error. A record with these values already exists. Use the existing record (conflictingIds, when known), or change the value that must be unique and send again. */
  | 'ALREADY_EXISTS'
  /** VALIDATION, LOW, not retryable; a top-level error. The request could not be read. Send a POST with Content-Type: application/json and a body {"query", "variables"}. */
  | 'BAD_REQUEST'
  /** VALIDATION, LOW, not retryable; a top-level error. The request is not valid. Fix the argument the message names and send again. */
  | 'BAD_USER_INPUT'
  /** VALIDATION, LOW, not retryable; a top-level error. Send one operation per request. Split the array into separate requests; they may run side by side. */
  | 'BATCHING_NOT_SUPPORTED'
  /** BUSINESS_LOGIC, LOW, not retryable; BusinessRuleError in a mutation's result, else a top-level error. This change breaks a rule of the hotel. Change the request or the records so the rule in the message holds; sending it unchanged fails the same way. */
  | 'BUSINESS_RULE_VIOLATION'
  /** DATABASE, HIGH, not retryable; ServiceUnavailableError in a mutation's result, else a top-level error. The change was saved, but its result could not be read; read it again instead of sending the change again. Query the record, or the change feed, for the outcome. */
  | 'CHANGE_SAVED'
  /** DATABASE, HIGH, not retryable; ServiceUnavailableError in a mutation's result, else a top-level error. The database connection was lost while committing; the change may or may not be saved. Check before sending it again, or resend it with the same idempotency key. An idempotency key makes the resend safe: the first result comes back instead of the change applied twice. */
  | 'COMMIT_OUTCOME_UNKNOWN'
  /** DATABASE, MEDIUM, not retryable; ConflictError in a mutation's result, else a top-level error. The change conflicts with existing records. Read the records in conflictingIds again and decide anew; the same change sent again fails the same way. */
  | 'CONFLICT'
  /** DATABASE, HIGH, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The database connection was lost; try again. Wait retryAfterMs (also the Retry-After header when the whole request failed), then send the same request again. */
  | 'CONNECTION_LOST'
  /** DATABASE, MEDIUM, not retryable; ValidationError in a mutation's result, else a top-level error. The change breaks a rule of the hotel data. Correct the value that fieldErrors names so the rule in the message holds, and send again. */
  | 'CONSTRAINT_VIOLATION'
  /** AUTHORIZATION, LOW, retryable; a top-level error, HTTP 429. This token has spent its query-cost budget for now; send it again after Retry-After, when the budget resets. Ask for less per query (smaller pages, fewer fields) to make the budget last; extensions.cost shows what is left. */
  | 'COST_BUDGET_EXCEEDED'
  /** VALIDATION, LOW, not retryable; a top-level error. Blocked as a possible cross-site request forgery. Send Content-Type: application/json, or an Apollo-Require-Preflight header. */
  | 'CSRF_PREVENTED'
  /** DATABASE, MEDIUM, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The change collided with another one; try again. Wait retryAfterMs (also the Retry-After header when the whole request failed), then send the same request again. */
  | 'DEADLOCK_DETECTED'
  /** DATABASE, MEDIUM, not retryable; RestrictedError in a mutation's result, else a top-level error. Other records still depend on this one; it cannot be deleted. Deal with the rows in blockers first (deleteImpact lists them), or keep the record. */
  | 'DELETE_RESTRICTED'
  /** AUTHORIZATION, MEDIUM, not retryable; a top-level error. You are not allowed to do this. Do it with a token of a role the field's description allows; this token will be refused again. */
  | 'FORBIDDEN'
  /** VALIDATION, MEDIUM, not retryable; ValidationError in a mutation's result, else a top-level error. This idempotency key was already used for a different request. Use a new idempotency key for a new request; reuse a key only to resend the very same request. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** BUSINESS_LOGIC, LOW, not retryable; ImpactChangedError in a mutation's result, else a top-level error. What this delete would remove has changed since the preview; review the new impact. Review the new impact; if the delete is still wanted, send it again with the new impact token. */
  | 'IMPACT_CHANGED'
  /** SYSTEM, CRITICAL, not retryable; a top-level error, masked. Internal server error. Not the fault of the request: give the operator the errorId from extensions, which finds the full story in the log. */
  | 'INTERNAL_SERVER_ERROR'
  /** AUTHENTICATION, LOW, not retryable; InvalidCredentialsError in a mutation's result, else a top-level error. The email address or password is not correct. Check the email address and password; repeated failures are throttled (RATE_LIMITED). */
  | 'INVALID_CREDENTIALS'
  /** DATABASE, LOW, not retryable; ValidationError in a mutation's result, else a top-level error. A value is not valid for its field. Correct the value that fieldErrors names (its length, range or shape) and send again. */
  | 'INVALID_DATA'
  /** BUSINESS_LOGIC, LOW, not retryable; BusinessRuleError in a mutation's result, else a top-level error. This change is not allowed in the current state. Read the record again: its status allows other changes only; sending this one again fails the same way. */
  | 'INVALID_STATE_TRANSITION'
  /** DATABASE, MEDIUM, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The records are busy with another change; try again. Wait retryAfterMs (also the Retry-After header when the whole request failed), then send the same request again. */
  | 'LOCK_TIMEOUT'
  /** VALIDATION, LOW, not retryable; NotFoundError in a mutation's result, else a top-level error. No such record. Check the id: the record does not exist, was deleted, or is not one this caller may see. */
  | 'NOT_FOUND'
  /** VALIDATION, LOW, not retryable; a top-level error. The request body is too large. Send a smaller body: shorter variables, or the work split over several requests. */
  | 'PAYLOAD_TOO_LARGE'
  /** BUSINESS_LOGIC, LOW, not retryable; PriceChangedError in a mutation's result, else a top-level error. The price of the stay has changed since it was quoted; quote again and book at the new price. Show the guest the new total (PriceChangedError.total); to accept it, book again with it as quotedTotal. */
  | 'PRICE_CHANGED'
  /** VALIDATION, LOW, not retryable; a top-level error. The query asks for too much at once. Ask for fewer fields or smaller pages, or split the query into several. */
  | 'QUERY_TOO_COMPLEX'
  /** VALIDATION, LOW, not retryable; a top-level error. The query nests too deeply. Nest less: split the query into several. */
  | 'QUERY_TOO_DEEP'
  /** AUTHENTICATION, MEDIUM, retryable; a top-level error, HTTP 429. Too many attempts; wait and try again. Wait retryAfterMs (Retry-After) before the next attempt; every failure meanwhile prolongs the wait. */
  | 'RATE_LIMITED'
  /** DATABASE, LOW, not retryable; ValidationError in a mutation's result, else a top-level error. A referenced record does not exist. Check the id in the field that fieldErrors names: the record it refers to does not exist. */
  | 'REFERENCE_NOT_FOUND'
  /** SYSTEM, HIGH, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The request took too long and was stopped; nothing was changed. Try again. Wait retryAfterMs and send it again; a query that keeps timing out should ask for less. */
  | 'REQUEST_TIMEOUT'
  /** DATABASE, CRITICAL, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The database is out of resources; try again later. Wait retryAfterMs (also the Retry-After header when the whole request failed), then send the same request again. Tell the operator if it lasts. */
  | 'RESOURCES_EXHAUSTED'
  /** BUSINESS_LOGIC, LOW, not retryable; ConflictError in a mutation's result, else a top-level error. Guests are booked into the room for some of these nights; move them first. conflictingIds names those bookings: give them other rooms with moveRoom, then send again. */
  | 'ROOM_OCCUPIED'
  /** BUSINESS_LOGIC, LOW, not retryable; ConflictError in a mutation's result, else a top-level error. No room of this type is left to sell for some of these nights. Offer another room type or other dates (availability), or put the guest on the waitlist. */
  | 'ROOM_TYPE_SOLD_OUT'
  /** BUSINESS_LOGIC, LOW, not retryable; ConflictError in a mutation's result, else a top-level error. The room is already booked for some of these nights. Choose another room or other dates (availableRooms); conflictingIds names the bookings in the way. */
  | 'ROOM_UNAVAILABLE'
  /** DATABASE, MEDIUM, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The change collided with another one; try again. Wait retryAfterMs (also the Retry-After header when the whole request failed), then send the same request again. */
  | 'SERIALIZATION_FAILURE'
  /** SYSTEM, HIGH, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The service is briefly unavailable; try again. Wait retryAfterMs (also the Retry-After header when the whole request failed), then send the same request again. */
  | 'SERVICE_UNAVAILABLE'
  /** SYSTEM, MEDIUM, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The service is restarting; nothing was changed. Send the request again. Wait retryAfterMs and send it again: another API process, or this one restarted, answers it. */
  | 'SHUTTING_DOWN'
  /** DATABASE, HIGH, retryable; ServiceUnavailableError in a mutation's result, else a top-level error (HTTP 503). The database took too long to answer; try again. Wait retryAfterMs (also the Retry-After header when the whole request failed), then send the same request again. A read that keeps timing out should ask for less: a smaller page, fewer nights. */
  | 'STATEMENT_TIMEOUT'
  /** VALIDATION, LOW, not retryable; a top-level error. The query uses too many aliases. Use fewer aliases: split the query into several. */
  | 'TOO_MANY_ALIASES'
  /** VALIDATION, LOW, not retryable; a top-level error. The query uses too many directives. Use fewer directives in one query. */
  | 'TOO_MANY_DIRECTIVES'
  /** VALIDATION, LOW, not retryable; a top-level error. The query document is too long. Send a shorter document: split the query, or pass values as variables. */
  | 'TOO_MANY_TOKENS'
  /** AUTHENTICATION, LOW, not retryable; a top-level error, HTTP 401. A valid bearer token is required. Send `Authorization: Bearer <token>` with a token that is valid, unexpired and not revoked; log in again for a new session. */
  | 'UNAUTHENTICATED'
  /** VALIDATION, LOW, not retryable; ValidationError in a mutation's result, else a top-level error. The input is not valid. Fix the fields that fieldErrors names and send again. */
  | 'VALIDATION_FAILED';

/** A stay to price: what createBooking with these values would charge. */
export type QuoteInput = {
  /** The arrival date. */
  checkIn: string;
  /** The morning of departure: the last night is the one before. */
  checkOut: string;
  /** Guests in the party. */
  numGuests: number;
  /** The room type. */
  roomTypeId: string | number;
};

export type BusinessDateQueryVariables = Exact<{ [key: string]: never; }>;


export type BusinessDateQuery = { businessDate: string };

export type AvailabilityQueryVariables = Exact<{
  from: string;
  to: string;
  roomTypeId?: string | number | null | undefined;
}>;


export type AvailabilityQuery = { availability: Array<{ date: string, free: number, price: string, closedToArrival: boolean, roomType: { id: string, name: string, capacity: number } }> };

export type QuoteQueryVariables = Exact<{
  input: QuoteInput;
}>;


export type QuoteQuery = { quote: { total: string, bookable: boolean, refusals: Array<string>, nights: Array<{ date: string, price: string }> } };

export type FindGuestQueryVariables = Exact<{
  email: string;
}>;


export type FindGuestQuery = { customers: { nodes: Array<{ id: string, email: string }> } };

export type CreateGuestMutationVariables = Exact<{
  input: CreateCustomerInput;
}>;


export type CreateGuestMutation = { createCustomer:
    | { __typename: 'CreateCustomerSuccess', customer: { id: string } }
    | { __typename: 'NotFoundError', code: ErrorCode, category: ErrorCategory, message: string, retryable: boolean }
    | { __typename: 'ServiceUnavailableError', code: ErrorCode, category: ErrorCategory, message: string, retryable: boolean }
    | { __typename: 'ValidationError', code: ErrorCode, category: ErrorCategory, message: string, retryable: boolean }
   };

export type CreateBookingMutationVariables = Exact<{
  input: CreateBookingInput;
}>;


export type CreateBookingMutation = { createBooking:
    | { __typename: 'BusinessRuleError', code: ErrorCode, category: ErrorCategory, message: string, retryable: boolean, rule: string }
    | { __typename: 'ConflictError', code: ErrorCode, category: ErrorCategory, message: string, retryable: boolean, conflictingIds: Array<string> }
    | { __typename: 'CreateBookingSuccess', replayed: boolean, booking: { id: string, channelReference: string | null, status: BookingStatus, checkIn: string, checkOut: string, totalAmount: string, roomType: { id: string } } }
    | { __typename: 'NotFoundError', code: ErrorCode, category: ErrorCategory, message: string, retryable: boolean, entity: string, id: string }
    | { __typename: 'PriceChangedError', code: ErrorCode, category: ErrorCategory, message: string, retryable: boolean, quotedTotal: string, total: string }
    | { __typename: 'ServiceUnavailableError', code: ErrorCode, category: ErrorCategory, message: string, retryable: boolean, retryAfterMs: number }
    | { __typename: 'ValidationError', code: ErrorCode, category: ErrorCategory, message: string, retryable: boolean, fieldErrors: Array<{ path: Array<string>, message: string }> }
   };


export const BusinessDateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BusinessDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"businessDate"}}]}}]} as unknown as DocumentNode<BusinessDateQuery, BusinessDateQueryVariables>;
export const AvailabilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Availability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"roomTypeId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"availability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"roomTypeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"roomTypeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"free"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"closedToArrival"}},{"kind":"Field","name":{"kind":"Name","value":"roomType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}}]}}]}}]}}]} as unknown as DocumentNode<AvailabilityQuery, AvailabilityQueryVariables>;
export const QuoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Quote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"QuoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"bookable"}},{"kind":"Field","name":{"kind":"Name","value":"refusals"}},{"kind":"Field","name":{"kind":"Name","value":"nights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"price"}}]}}]}}]}}]} as unknown as DocumentNode<QuoteQuery, QuoteQueryVariables>;
export const FindGuestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindGuest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<FindGuestQuery, FindGuestQueryVariables>;
export const CreateGuestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateGuest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCustomerSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClassifiedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}}]}}]}}]}}]} as unknown as DocumentNode<CreateGuestMutation, CreateGuestMutationVariables>;
export const CreateBookingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateBookingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createBooking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateBookingSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"booking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channelReference"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"checkIn"}},{"kind":"Field","name":{"kind":"Name","value":"checkOut"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"}},{"kind":"Field","name":{"kind":"Name","value":"roomType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClassifiedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conflictingIds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PriceChangedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quotedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entity"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BusinessRuleError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterMs"}}]}}]}}]}}]} as unknown as DocumentNode<CreateBookingMutation, CreateBookingMutationVariables>;