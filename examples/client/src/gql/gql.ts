/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query BusinessDate {\n    businessDate\n  }\n": typeof types.BusinessDateDocument,
    "\n  query Availability($from: Date!, $to: Date!, $roomTypeId: ID) {\n    availability(from: $from, to: $to, roomTypeId: $roomTypeId) {\n      date\n      free\n      price\n      closedToArrival\n      roomType {\n        id\n        name\n        capacity\n      }\n    }\n  }\n": typeof types.AvailabilityDocument,
    "\n  query Quote($input: QuoteInput!) {\n    quote(input: $input) {\n      total\n      bookable\n      refusals\n      nights {\n        date\n        price\n      }\n    }\n  }\n": typeof types.QuoteDocument,
    "\n  query FindGuest($email: String!) {\n    customers(search: $email, first: 5) {\n      nodes {\n        id\n        email\n      }\n    }\n  }\n": typeof types.FindGuestDocument,
    "\n  mutation CreateGuest($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on CreateCustomerSuccess {\n        customer {\n          id\n        }\n      }\n      ... on ClassifiedError {\n        code\n        category\n        message\n        retryable\n      }\n    }\n  }\n": typeof types.CreateGuestDocument,
    "\n  mutation CreateBooking($input: CreateBookingInput!) {\n    createBooking(input: $input) {\n      __typename\n      ... on CreateBookingSuccess {\n        replayed\n        booking {\n          id\n          channelReference\n          status\n          checkIn\n          checkOut\n          totalAmount\n          roomType {\n            id\n          }\n        }\n      }\n      ... on ClassifiedError {\n        code\n        category\n        message\n        retryable\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ConflictError {\n        conflictingIds\n      }\n      ... on PriceChangedError {\n        quotedTotal\n        total\n      }\n      ... on NotFoundError {\n        entity\n        id\n      }\n      ... on BusinessRuleError {\n        rule\n      }\n      ... on ServiceUnavailableError {\n        retryAfterMs\n      }\n    }\n  }\n": typeof types.CreateBookingDocument,
};
const documents: Documents = {
    "\n  query BusinessDate {\n    businessDate\n  }\n": types.BusinessDateDocument,
    "\n  query Availability($from: Date!, $to: Date!, $roomTypeId: ID) {\n    availability(from: $from, to: $to, roomTypeId: $roomTypeId) {\n      date\n      free\n      price\n      closedToArrival\n      roomType {\n        id\n        name\n        capacity\n      }\n    }\n  }\n": types.AvailabilityDocument,
    "\n  query Quote($input: QuoteInput!) {\n    quote(input: $input) {\n      total\n      bookable\n      refusals\n      nights {\n        date\n        price\n      }\n    }\n  }\n": types.QuoteDocument,
    "\n  query FindGuest($email: String!) {\n    customers(search: $email, first: 5) {\n      nodes {\n        id\n        email\n      }\n    }\n  }\n": types.FindGuestDocument,
    "\n  mutation CreateGuest($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on CreateCustomerSuccess {\n        customer {\n          id\n        }\n      }\n      ... on ClassifiedError {\n        code\n        category\n        message\n        retryable\n      }\n    }\n  }\n": types.CreateGuestDocument,
    "\n  mutation CreateBooking($input: CreateBookingInput!) {\n    createBooking(input: $input) {\n      __typename\n      ... on CreateBookingSuccess {\n        replayed\n        booking {\n          id\n          channelReference\n          status\n          checkIn\n          checkOut\n          totalAmount\n          roomType {\n            id\n          }\n        }\n      }\n      ... on ClassifiedError {\n        code\n        category\n        message\n        retryable\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ConflictError {\n        conflictingIds\n      }\n      ... on PriceChangedError {\n        quotedTotal\n        total\n      }\n      ... on NotFoundError {\n        entity\n        id\n      }\n      ... on BusinessRuleError {\n        rule\n      }\n      ... on ServiceUnavailableError {\n        retryAfterMs\n      }\n    }\n  }\n": types.CreateBookingDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BusinessDate {\n    businessDate\n  }\n"): (typeof documents)["\n  query BusinessDate {\n    businessDate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Availability($from: Date!, $to: Date!, $roomTypeId: ID) {\n    availability(from: $from, to: $to, roomTypeId: $roomTypeId) {\n      date\n      free\n      price\n      closedToArrival\n      roomType {\n        id\n        name\n        capacity\n      }\n    }\n  }\n"): (typeof documents)["\n  query Availability($from: Date!, $to: Date!, $roomTypeId: ID) {\n    availability(from: $from, to: $to, roomTypeId: $roomTypeId) {\n      date\n      free\n      price\n      closedToArrival\n      roomType {\n        id\n        name\n        capacity\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Quote($input: QuoteInput!) {\n    quote(input: $input) {\n      total\n      bookable\n      refusals\n      nights {\n        date\n        price\n      }\n    }\n  }\n"): (typeof documents)["\n  query Quote($input: QuoteInput!) {\n    quote(input: $input) {\n      total\n      bookable\n      refusals\n      nights {\n        date\n        price\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindGuest($email: String!) {\n    customers(search: $email, first: 5) {\n      nodes {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query FindGuest($email: String!) {\n    customers(search: $email, first: 5) {\n      nodes {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGuest($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on CreateCustomerSuccess {\n        customer {\n          id\n        }\n      }\n      ... on ClassifiedError {\n        code\n        category\n        message\n        retryable\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGuest($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on CreateCustomerSuccess {\n        customer {\n          id\n        }\n      }\n      ... on ClassifiedError {\n        code\n        category\n        message\n        retryable\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBooking($input: CreateBookingInput!) {\n    createBooking(input: $input) {\n      __typename\n      ... on CreateBookingSuccess {\n        replayed\n        booking {\n          id\n          channelReference\n          status\n          checkIn\n          checkOut\n          totalAmount\n          roomType {\n            id\n          }\n        }\n      }\n      ... on ClassifiedError {\n        code\n        category\n        message\n        retryable\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ConflictError {\n        conflictingIds\n      }\n      ... on PriceChangedError {\n        quotedTotal\n        total\n      }\n      ... on NotFoundError {\n        entity\n        id\n      }\n      ... on BusinessRuleError {\n        rule\n      }\n      ... on ServiceUnavailableError {\n        retryAfterMs\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBooking($input: CreateBookingInput!) {\n    createBooking(input: $input) {\n      __typename\n      ... on CreateBookingSuccess {\n        replayed\n        booking {\n          id\n          channelReference\n          status\n          checkIn\n          checkOut\n          totalAmount\n          roomType {\n            id\n          }\n        }\n      }\n      ... on ClassifiedError {\n        code\n        category\n        message\n        retryable\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ConflictError {\n        conflictingIds\n      }\n      ... on PriceChangedError {\n        quotedTotal\n        total\n      }\n      ... on NotFoundError {\n        entity\n        id\n      }\n      ... on BusinessRuleError {\n        rule\n      }\n      ... on ServiceUnavailableError {\n        retryAfterMs\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;