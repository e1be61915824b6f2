/**
 * A partner's booking, typed end to end: what a booking channel's integration does, in
 * about the fewest lines that handle every answer. It reads the availability of a stay,
 * asks for a quote, finds or registers the guest, books one room type at the quoted total
 * with an `Idempotency-Key`, and sends the booking a second time with the same key, as a
 * client whose connection dropped before the answer came would: the answer is the first
 * booking, replayed, and nothing is booked twice. One JSON line per step on stdout.
 *
 *   HOTEL_API_URL=http://127.0.0.1:4000/graphql HOTEL_PARTNER_TOKEN=$(cat .data/partner-token) \
 *     node -r ./scripts/register-ts.cjs examples/client/src/partner.ts
 *
 * Optional: ROOM_TYPE_ID (else the first room type free every night for the guests),
 * CHECK_IN and CHECK_OUT (else 30 and 32 days after the hotel's business date), GUESTS (2),
 * GUEST_FIRST_NAME, GUEST_LAST_NAME, GUEST_EMAIL, CHANNEL_REFERENCE (your reservation
 * number; else a random one), IDEMPOTENCY_KEY (else a random UUID).
 *
 * Exit status: 0 booked, 1 refused (the last line says why and what to do), 2 the request
 * itself failed (transport, authentication, a top-level GraphQL error).
 *
 * The types come from `npm run client:codegen` (examples/client/codegen.ts), which reads
 * the documents below and schema/schema.graphql. Plain fetch: no client library.
 */
import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { graphql } from './gql';
import type { CreateBookingMutation, ErrorCategory, ErrorCode } from './gql/graphql';

const BusinessDate = graphql(`
  query BusinessDate {
    businessDate
  }
`);

const Availability = graphql(`
  query Availability($from: Date!, $to: Date!, $roomTypeId: ID) {
    availability(from: $from, to: $to, roomTypeId: $roomTypeId) {
      date
      free
      price
      closedToArrival
      roomType {
        id
        name
        capacity
      }
    }
  }
`);

const Quote = graphql(`
  query Quote($input: QuoteInput!) {
    quote(input: $input) {
      total
      bookable
      refusals
      nights {
        date
        price
      }
    }
  }
`);

const FindGuest = graphql(`
  query FindGuest($email: String!) {
    customers(search: $email, first: 5) {
      nodes {
        id
        email
      }
    }
  }
`);

const CreateGuest = graphql(`
  mutation CreateGuest($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      __typename
      ... on CreateCustomerSuccess {
        customer {
          id
        }
      }
      ... on ClassifiedError {
        code
        category
        message
        retryable
      }
    }
  }
`);

const CreateBooking = graphql(`
  mutation CreateBooking($input: CreateBookingInput!) {
    createBooking(input: $input) {
      __typename
      ... on CreateBookingSuccess {
        replayed
        booking {
          id
          channelReference
          status
          checkIn
          checkOut
          totalAmount
          roomType {
            id
          }
        }
      }
      ... on ClassifiedError {
        code
        category
        message
        retryable
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
      ... on ConflictError {
        conflictingIds
      }
      ... on PriceChangedError {
        quotedTotal
        total
      }
      ... on NotFoundError {
        entity
        id
      }
      ... on BusinessRuleError {
        rule
      }
      ... on ServiceUnavailableError {
        retryAfterMs
      }
    }
  }
`);

type BookingResult = CreateBookingMutation['createBooking'];
type Refusal = Exclude<BookingResult, { __typename: 'CreateBookingSuccess' }>;

/** A request the API did not answer with data: transport, HTTP status or a top-level GraphQL error. */
class RequestFailed extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message);
  }
}

const settings = {
  url: required('HOTEL_API_URL'),
  token: required('HOTEL_PARTNER_TOKEN'),
  roomTypeId: process.env.ROOM_TYPE_ID || null,
  checkIn: process.env.CHECK_IN || null,
  checkOut: process.env.CHECK_OUT || null,
  guests: Number(process.env.GUESTS || 2),
  guest: {
    firstName: process.env.GUEST_FIRST_NAME || 'Grace',
    lastName: process.env.GUEST_LAST_NAME || 'Hopper',
    email: (process.env.GUEST_EMAIL || 'grace.hopper@example.com').toLowerCase(),
  },
  channelReference: process.env.CHANNEL_REFERENCE || `EX-${randomUUID().slice(0, 8).toUpperCase()}`,
  idempotencyKey: process.env.IDEMPOTENCY_KEY || randomUUID(),
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    say({ step: 'settings', outcome: 'error', message: `${name} is not set` });
    process.exit(2);
  }
  return value;
}

/** One JSON line: what a log collector or the next program in a pipe reads. */
function say(line: { step: string } & Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const TRIES = 3;

/**
 * Sends one operation and returns its data. A lost connection, a 503 or a 429 is tried
 * again (after Retry-After, at most TRIES times): safe for a query, and for a mutation
 * because it carries its Idempotency-Key, so a resend never books twice.
 */
async function execute<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  headers: Record<string, string> = {},
): Promise<{ data: Result; headers: Headers }> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.token}`, ...headers },
        body: JSON.stringify({ query: print(document), variables }),
      });
    } catch (error) {
      if (attempt < TRIES) continue;
      throw new RequestFailed(`no answer from ${settings.url}: ${error instanceof Error ? error.message : String(error)}`, null, null);
    }
    if ((response.status === 503 || response.status === 429) && attempt < TRIES) {
      const seconds = Math.min(Number(response.headers.get('retry-after')) || 1, 10);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    const body = (await response.json().catch(() => ({}))) as { data?: Result | null; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      const [first] = body.errors ?? [];
      throw new RequestFailed(first?.message ?? `HTTP ${response.status} without data`, response.status, first?.extensions?.code ?? null);
    }
    return { data: body.data, headers: response.headers };
  }
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The stay: as given, or a two-night stay a month after the hotel's business date (its "today"). */
async function stay(): Promise<{ checkIn: string; checkOut: string }> {
  if (settings.checkIn && settings.checkOut) return { checkIn: settings.checkIn, checkOut: settings.checkOut };
  const { data } = await execute(BusinessDate, {});
  const checkIn = settings.checkIn ?? addDays(data.businessDate, 30);
  return { checkIn, checkOut: settings.checkOut ?? addDays(checkIn, 2) };
}

/** The room type to book: the one asked for, else the first one free every night and big enough; null when there is none. */
async function chooseRoomType(checkIn: string, checkOut: string): Promise<string | null> {
  const { data } = await execute(Availability, { from: checkIn, to: checkOut, roomTypeId: settings.roomTypeId });
  const byType = new Map<string, { id: string; name: string; capacity: number; freeEveryNight: boolean; total: number }>();
  for (const night of data.availability) {
    const type = byType.get(night.roomType.id) ?? { ...night.roomType, freeEveryNight: true, total: 0 };
    type.freeEveryNight &&= night.free > 0 && !(night.date === checkIn && night.closedToArrival);
    // Only to show; the quote below gives the exact total in decimal.
    type.total += Number(night.price);
    byType.set(type.id, type);
  }
  const types = [...byType.values()];
  const chosen = settings.roomTypeId ?? types.find((type) => type.freeEveryNight && type.capacity >= settings.guests)?.id ?? null;
  say({ step: 'availability', checkIn, checkOut, roomTypes: types.map(({ id, name, freeEveryNight }) => ({ id, name, freeEveryNight })), chosen });
  return chosen;
}

/** The guest's id in the partner's own channel: found by email, else registered; null when refused. */
async function guestId(): Promise<string | null> {
  const found = await execute(FindGuest, { email: settings.guest.email });
  const known = found.data.customers.nodes.find((customer) => customer.email === settings.guest.email);
  if (known) {
    say({ step: 'guest', outcome: 'found', customerId: known.id });
    return known.id;
  }
  const { data } = await execute(CreateGuest, { input: settings.guest }, { 'idempotency-key': `${settings.idempotencyKey}:guest` });
  const result = data.createCustomer;
  switch (result.__typename) {
    case 'CreateCustomerSuccess':
      say({ step: 'guest', outcome: 'registered', customerId: result.customer.id });
      return result.customer.id;
    case 'NotFoundError':
    case 'ValidationError':
    case 'ServiceUnavailableError':
      say({ step: 'guest', outcome: 'refused', __typename: result.__typename, code: result.code, message: result.message, next: nextStep(result) });
      return null;
    default:
      return unreachable(result);
  }
}

/** What the integration does about a refusal: by its code where the code has a plan of its own, else by whether it may resend, else by category. */
function nextStep(error: { code: ErrorCode; category: ErrorCategory; retryable: boolean }): string {
  switch (error.code) {
    case 'ROOM_TYPE_SOLD_OUT':
    case 'ROOM_UNAVAILABLE':
      return 'sold out for some of these nights: offer other dates or another room type';
    case 'PRICE_CHANGED':
      return 'the price moved since the quote: quote again and show the guest the new total';
    case 'IDEMPOTENCY_KEY_REUSED':
      return 'this key already booked something else: a new booking needs a new key';
    case 'COMMIT_OUTCOME_UNKNOWN':
      return 'the hotel may or may not have saved it: resend with the same Idempotency-Key, the answer tells which';
    case 'VALIDATION_FAILED':
      return 'fix the fields named in fieldErrors';
    case 'NOT_FOUND':
      return 'the guest or room type is not (or no longer) there: look it up again';
    default:
      break;
  }
  if (error.retryable) return 'resend the same request with the same Idempotency-Key after retryAfterMs';
  switch (error.category) {
    case 'VALIDATION':
      return 'fix the request: the message says what is wrong';
    case 'BUSINESS_LOGIC':
      return 'the hotel’s rules refuse this stay: tell the guest the message';
    case 'AUTHENTICATION':
    case 'AUTHORIZATION':
      return 'check the PARTNER token';
    case 'DATABASE':
    case 'SYSTEM':
      return 'report it to the hotel with the message';
    default:
      return unreachable(error.category);
  }
}

/** One answer to createBooking as a line: the booking, or the refusal with what it carries and what to do. */
function bookingLine(attempt: number, result: BookingResult, replayedHeader: boolean): { step: string } & Record<string, unknown> {
  const step = 'createBooking';
  switch (result.__typename) {
    case 'CreateBookingSuccess': {
      const { booking } = result;
      return {
        step,
        attempt,
        outcome: 'booked',
        replayed: result.replayed,
        replayedHeader,
        bookingId: booking.id,
        channelReference: booking.channelReference,
        status: booking.status,
        checkIn: booking.checkIn,
        checkOut: booking.checkOut,
        totalAmount: booking.totalAmount,
      };
    }
    case 'ConflictError':
      return refusalLine(attempt, result, { conflictingIds: result.conflictingIds });
    case 'PriceChangedError':
      return refusalLine(attempt, result, { quotedTotal: result.quotedTotal, total: result.total });
    case 'ValidationError':
      return refusalLine(attempt, result, { fieldErrors: result.fieldErrors });
    case 'NotFoundError':
      return refusalLine(attempt, result, { entity: result.entity, id: result.id });
    case 'BusinessRuleError':
      return refusalLine(attempt, result, { rule: result.rule });
    case 'ServiceUnavailableError':
      return refusalLine(attempt, result, { retryAfterMs: result.retryAfterMs });
    default:
      // A member added to CreateBookingResult fails to compile here after codegen: handle it above.
      return unreachable(result);
  }
}

function refusalLine(attempt: number, error: Refusal, details: Record<string, unknown>) {
  const { __typename, code, category, message, retryable } = error;
  return { step: 'createBooking', attempt, outcome: 'refused', __typename, code, category, retryable, message, ...details, next: nextStep(error) };
}

function unreachable(value: never): never {
  throw new Error(`unhandled answer: ${JSON.stringify(value)}`);
}

async function main(): Promise<number> {
  const { checkIn, checkOut } = await stay();
  const roomTypeId = await chooseRoomType(checkIn, checkOut);
  if (!roomTypeId) return 1;

  const { data } = await execute(Quote, { input: { roomTypeId, checkIn, checkOut, numGuests: settings.guests } });
  const { total, bookable, refusals } = data.quote;
  say({ step: 'quote', roomTypeId, total, bookable, refusals });
  // The quote is advice: a unit may go between the quote and the booking, whose answer decides.

  const customerId = await guestId();
  if (!customerId) return 1;

  const input = { roomTypeId, customerId, checkIn, checkOut, numGuests: settings.guests, quotedTotal: total, channelReference: settings.channelReference };
  const book = async (attempt: number) => {
    const answer = await execute(CreateBooking, { input }, { 'idempotency-key': settings.idempotencyKey });
    const line = bookingLine(attempt, answer.data.createBooking, answer.headers.get('idempotent-replayed') === 'true');
    say(line);
    return line;
  };
  const first = await book(1);
  if (first.outcome !== 'booked') return 1;
  // The same request again, as after a timeout: the hotel answers with the booking already made.
  const again = await book(2);
  say({ step: 'replay', sameBooking: again.bookingId === first.bookingId, bookingId: first.bookingId });
  return again.bookingId === first.bookingId ? 0 : 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { status = null, code = null } = error instanceof RequestFailed ? error : {};
    say({ step: 'request', outcome: 'error', status, code, message: error instanceof Error ? error.message : String(error) });
    process.exitCode = 2;
  },
);
