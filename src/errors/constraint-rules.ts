import { EARLIEST_DATE, LATEST_DATE } from '../dates';
import { MAX_BILL_AMOUNT, MAX_ITEM_AMOUNT } from '../money';
import { ErrorCode } from './error-code';

/**
 * What a violated constraint means to the caller: the code (and so the error type) to
 * answer, the input field it concerns or the rule it states, and what to tell them.
 * Keyed by the constraint names the entities declare; a test checks that every constraint
 * of the live schema has an entry, so none surfaces as a bare code.
 */
export interface ConstraintRule {
  code: ErrorCode;
  /** Input path of the field at fault; absent when no single field is. */
  path?: string[];
  /** BUSINESS_RULE_VIOLATION: the rule's name, as services name it. */
  rule?: string;
  message: string;
}

/** A value of this input field breaks it: a ValidationError there. */
const field = (name: string, message: string): ConstraintRule => ({ code: ErrorCode.VALIDATION_FAILED, path: ['input', name], message });

/** The id in this input field names no row: a ValidationError there, REFERENCE_NOT_FOUND. */
const reference = (name: string, message: string): ConstraintRule => ({ code: ErrorCode.REFERENCE_NOT_FOUND, path: ['input', name], message });

/** A rule of the hotel the database states: a BusinessRuleError named as the services name it. */
const rule = (name: string, message: string): ConstraintRule => ({ code: ErrorCode.BUSINESS_RULE_VIOLATION, rule: name, message });

/** A record the API keeps for itself: a fault of ours, never of the input. */
const internal: ConstraintRule = { code: ErrorCode.CONSTRAINT_VIOLATION, message: 'The service could not keep its own records; try again.' };

/** Rows that exist already: a ConflictError naming them. */
const conflict = (message: string): ConstraintRule => ({ code: ErrorCode.CONFLICT, message });

export const CONSTRAINT_RULES: Readonly<Record<string, ConstraintRule>> = {
  // users
  users_email_unique: field('email', 'This email address is already in use.'),
  users_email_lowercase_check: field('email', 'The email address must be lower case.'),
  users_name_check: field('name', 'The name must not be blank.'),
  users_role_check: field('role', 'Unknown role.'),
  // customers
  customers_channel_email_unique: field('email', 'A customer with this email address already exists.'),
  customers_user_id_unique: field('userId', 'This user already has a customer profile.'),
  customers_user_id_foreign: reference('userId', 'No user with this id.'),
  customers_loyalty_points_check: rule('loyalty_balance', 'The loyalty balance cannot go below zero.'),
  customers_names_check: field('firstName', 'First and last name must not be blank.'),
  customers_email_lowercase_check: field('email', 'The email address must be lower case.'),
  // Also raised by the trigger customers_erasure_final: an erasure is not undone.
  customers_erased_check: rule('customer_erased', 'This guest was erased: the record keeps no personal data and cannot be changed.'),
  // room types and rooms
  room_types_name_unique: field('name', 'A room type with this name already exists.'),
  room_types_capacity_check: field('capacity', 'Capacity must be at least 1.'),
  room_types_base_rate_check: field('baseRate', 'The base rate cannot be negative.'),
  room_types_base_rate_bound_check: field('baseRate', `The base rate can be at most ${MAX_ITEM_AMOUNT}.`),
  room_types_name_check: field('name', 'The name must not be blank.'),
  rooms_number_unique: field('number', 'A room with this number already exists.'),
  rooms_number_check: field('number', 'The room number must not be blank.'),
  rooms_floor_check: field('floor', 'The floor must be between -5 and 200.'),
  rooms_room_type_id_foreign: reference('roomTypeId', 'No room type with this id.'),
  rooms_status_check: field('status', 'Unknown room status.'),
  rooms_housekeeping_status_check: field('housekeepingStatus', 'Unknown housekeeping status.'),
  // bookings
  bookings_no_overlap: { code: ErrorCode.ROOM_UNAVAILABLE, message: 'The room is already booked for some of these nights.' },
  bookings_dates_check: field('checkOut', 'Check-out must be after check-in.'),
  bookings_num_guests_check: field('numGuests', 'The number of guests must be at least 1.'),
  bookings_total_amount_check: field('totalAmount', 'The total cannot be negative.'),
  bookings_calendar_check: field('checkIn', `The stay must lie between ${EARLIEST_DATE} and ${LATEST_DATE}.`),
  // Raised by the trigger booking_bill_within_bound, not a CHECK: a bill spans rows.
  bookings_bill_bound_check: rule('booking_bill_bound', `The bill of one booking cannot exceed ${MAX_BILL_AMOUNT} either way.`),
  bookings_room_id_foreign: reference('roomId', 'No room with this id.'),
  bookings_customer_id_foreign: reference('customerId', 'No customer with this id.'),
  bookings_cancelled_by_id_foreign: reference('cancelledById', 'No user with this id.'),
  bookings_status_check: field('status', 'Unknown booking status.'),
  bookings_nightly_rate_check: field('nightlyRate', 'The nightly rate cannot be negative.'),
  bookings_in_room_from_check: field('roomId', 'A room move falls within the stay, after its first night.'),
  bookings_room_type_id_foreign: reference('roomTypeId', 'No room type with this id.'),
  // Raised by the trigger booking_room_type: a booking in a room is a booking of that room's type.
  bookings_room_type_matches_room: field('roomId', "The room is not of the booking's room type."),
  bookings_channel_reference_unique: field('channelReference', 'This channel already has a booking with this reference.'),
  bookings_channel_reference_check: field('channelReference', 'The reference must not be blank.'),
  bookings_room_assigned_check: rule('room_assigned', 'A booking checked in or out has a room; assign one first (assignRoom).'),
  // rates and the room-type inventory
  room_types_min_stay_check: field('minStay', 'The minimum stay is between 1 and 365 nights.'),
  rate_seasons_room_type_id_foreign: reference('roomTypeId', 'No room type with this id.'),
  rate_seasons_nights_check: field('lastNight', 'The last night of a season cannot come before its first.'),
  rate_seasons_calendar_check: field('firstNight', `A season must lie between ${EARLIEST_DATE} and ${LATEST_DATE}.`),
  rate_seasons_nightly_rate_check: field('nightlyRate', `The nightly rate is between 0 and ${MAX_ITEM_AMOUNT}.`),
  rate_seasons_min_stay_check: field('minStay', 'The minimum stay is between 1 and 365 nights.'),
  rate_seasons_name_check: field('name', 'The name must not be blank.'),
  rate_seasons_no_overlap: conflict('Another season of this room type covers some of these nights.'),
  room_type_nights_not_oversold_check: {
    code: ErrorCode.ROOM_TYPE_SOLD_OUT,
    message: 'No room of this type is left for some nights of this stay: every unit of the type is sold.',
  },
  room_type_nights_available_check: internal,
  room_type_nights_sold_check: internal,
  room_type_nights_room_type_id_foreign: internal,
  room_type_nights_night_unique: internal,
  // the hotel's day: business date, policies, receivables
  hotel_calendar_single_row_check: internal,
  night_audits_counts_check: internal,
  night_audits_business_date_unique: rule('business_date_current', 'This business date is closed already.'),
  night_audits_closed_by_id_foreign: reference('closedById', 'No user with this id.'),
  cancellation_policies_room_type_id_unique: conflict('This room type already has a cancellation policy.'),
  cancellation_policies_one_default: conflict('The hotel already has a default cancellation policy.'),
  cancellation_policies_room_type_id_foreign: reference('roomTypeId', 'No room type with this id.'),
  cancellation_policies_free_until_check: field('freeUntilDays', 'Free cancellation ends between 0 and 365 days before arrival.'),
  cancellation_policies_cancellation_fee_kind_check: field('cancellationFeeKind', 'Unknown fee kind.'),
  cancellation_policies_cancellation_fee_check: field(
    'cancellationFeeValue',
    'A PERCENT fee takes a value above 0 and at most 100, a FIXED fee an amount above 0, NONE and FIRST_NIGHT no value.',
  ),
  cancellation_policies_no_show_fee_kind_check: field('noShowFeeKind', 'Unknown fee kind.'),
  cancellation_policies_no_show_fee_check: field(
    'noShowFeeValue',
    'A PERCENT fee takes a value above 0 and at most 100, a FIXED fee an amount above 0, NONE and FIRST_NIGHT no value.',
  ),
  receivables_booking_id_unique: conflict('This booking already has a receivable.'),
  receivables_booking_id_foreign: reference('bookingId', 'No booking with this id.'),
  receivables_created_by_id_foreign: reference('createdById', 'No user with this id.'),
  receivables_amount_check: field('amount', 'A receivable is an amount above zero.'),
  receivables_reason_check: field('reason', 'The reason must not be blank.'),
  // payments and folio
  payments_amount_check: field('amount', 'The amount must be greater than zero.'),
  payments_amount_bound_check: field('amount', `One payment can be at most ${MAX_ITEM_AMOUNT}.`),
  payments_refunded_amount_check: rule('refund_within_payment', 'A refund cannot exceed what was paid.'),
  payments_currency_check: field('currency', 'The currency must be a three-letter ISO code.'),
  payments_booking_id_foreign: reference('bookingId', 'No booking with this id.'),
  payments_processed_by_id_foreign: reference('processedById', 'No user with this id.'),
  payments_method_check: field('method', 'Unknown payment method.'),
  payments_status_check: field('status', 'Unknown payment status.'),
  folio_items_amount_check: field('amount', 'The amount must not be zero.'),
  folio_items_amount_bound_check: field('amount', `One charge can be at most ${MAX_ITEM_AMOUNT} either way.`),
  folio_items_description_check: field('description', 'The description must not be blank.'),
  folio_items_booking_id_foreign: reference('bookingId', 'No booking with this id.'),
  folio_items_posted_by_id_foreign: reference('postedById', 'No user with this id.'),
  folio_items_kind_check: field('kind', 'Unknown folio item kind.'),
  folio_items_fee_once: rule('fee_once', 'This fee has already been posted on the booking.'),
  folio_items_loyalty_credit_check: rule('loyalty_redemption_credit', 'A loyalty redemption is a credit: its amount is negative.'),
  invoices_booking_id_foreign: reference('bookingId', 'No booking with this id.'),
  invoices_booking_id_unique: conflict('This booking already has an invoice.'),
  invoices_number_unique: conflict('An invoice with this number already exists.'),
  invoices_amount_check: field('amount', 'An invoice cannot be negative.'),
  invoices_currency_check: field('currency', 'The currency must be a three-letter ISO code.'),
  booking_logs_booking_id_foreign: reference('bookingId', 'No booking with this id.'),
  booking_logs_actor_id_foreign: reference('actorId', 'No user with this id.'),
  // notifications, loyalty, housekeeping, maintenance, waitlist
  notifications_recipient_check: field('userId', 'A notification needs a user, a customer or a desk.'),
  notifications_user_id_foreign: reference('userId', 'No user with this id.'),
  notifications_customer_id_foreign: reference('customerId', 'No customer with this id.'),
  notifications_for_role_check: field('forRole', 'A notification is for the STAFF or the ADMIN desk.'),
  loyalty_transactions_points_check: field('points', 'Points must not be zero.'),
  loyalty_transactions_customer_id_foreign: reference('customerId', 'No customer with this id.'),
  loyalty_transactions_booking_id_foreign: reference('bookingId', 'No booking with this id.'),
  housekeeping_tasks_room_id_foreign: reference('roomId', 'No room with this id.'),
  housekeeping_tasks_assigned_to_id_foreign: reference('assignedToId', 'No user with this id.'),
  housekeeping_tasks_kind_check: field('kind', 'Unknown task kind.'),
  housekeeping_tasks_status_check: field('status', 'Unknown task status.'),
  maintenance_requests_window_check: field('outOfOrderTo', 'The out-of-order window must end after it starts.'),
  maintenance_requests_description_check: field('description', 'The description must not be blank.'),
  maintenance_requests_room_id_foreign: reference('roomId', 'No room with this id.'),
  maintenance_requests_reported_by_id_foreign: reference('reportedById', 'No user with this id.'),
  maintenance_requests_assigned_to_id_foreign: reference('assignedToId', 'No user with this id.'),
  maintenance_requests_severity_check: field('severity', 'Unknown severity.'),
  maintenance_requests_status_check: field('status', 'Unknown maintenance status.'),
  maintenance_requests_started_check: internal,
  waitlist_entries_dates_check: field('checkOut', 'Check-out must be after check-in.'),
  waitlist_entries_num_guests_check: field('numGuests', 'The number of guests must be at least 1.'),
  waitlist_entries_customer_id_foreign: reference('customerId', 'No customer with this id.'),
  waitlist_entries_room_type_id_foreign: reference('roomTypeId', 'No room type with this id.'),
  waitlist_entries_status_check: field('status', 'Unknown waitlist status.'),
  // Written by createBooking from the booking it has just made, never from a client's id.
  waitlist_entries_booking_id_foreign: internal,
  waitlist_entries_booking_id_unique: internal,
  waitlist_entries_booking_check: internal,
  waitlist_entries_closed_check: internal,
  // credentials
  api_tokens_secret_hash_unique: conflict('Could not issue a unique token; try again.'),
  api_tokens_partner_channel_check: field('channel', 'A PARTNER token needs a channel.'),
  api_tokens_user_id_foreign: reference('userId', 'No user with this id.'),
  api_tokens_role_check: field('role', 'Unknown role.'),
  api_tokens_kind_check: field('kind', 'Unknown token kind.'),
  api_tokens_cost_budget_check: field('costBudget', 'The cost budget must be at least 1.'),
  idempotency_records_pkey: conflict('Another request with this idempotency key is in progress; try again.'),
  // what the API keeps for itself: never written from a client's input
  login_attempts_key_check: internal,
  cost_budget_windows_spent_check: internal,
  cost_budget_windows_token_id_foreign: internal,
  cost_budget_windows_token_id_unique: internal,
  // Raised by the trigger audit_entries_append_only: the API never changes an audit entry.
  audit_entries_append_only: internal,
  error_counts_count_check: internal,
  error_totals_total_check: internal,
  error_minutes_count_check: internal,
  error_minutes_minute_check: internal,
  // webhooks: endpoints from a client's input; the feed's kinds and the deliveries written by triggers and the delivery worker
  webhook_endpoints_events_check: field('events', 'Choose at least one kind of change.'),
  webhook_endpoints_url_check: field('url', 'Must be an http or https URL.'),
  webhook_endpoints_disabled_check: internal,
  change_events_kind_check: internal,
  webhook_deliveries_status_check: internal,
  webhook_deliveries_attempts_check: internal,
  webhook_deliveries_last_status_code_check: internal,
  webhook_deliveries_delivered_check: internal,
  webhook_deliveries_event_endpoint_unique: internal,
  webhook_deliveries_endpoint_id_foreign: internal,
  webhook_deliveries_event_id_foreign: internal,
  // integrity runs and their results, written by the report's runner, never from a client's input
  integrity_runs_trigger_check: internal,
  integrity_runs_mode_check: internal,
  integrity_runs_outcome_check: internal,
  integrity_runs_duration_check: internal,
  integrity_runs_counts_check: internal,
  integrity_runs_caller_check: internal,
  integrity_runs_aborted_check: internal,
  integrity_run_checks_counts_check: internal,
  integrity_run_checks_passed_check: internal,
  integrity_run_checks_newly_failing_check: internal,
  integrity_run_checks_run_name_unique: internal,
  integrity_run_checks_run_id_foreign: internal,
  integrity_run_totals_total_check: internal,
  // Written by the capture triggers only.
  integrity_changes_version_check: internal,
  // alerts: claimed and sent by the API itself
  alert_deliveries_status_check: internal,
  alert_deliveries_attempts_check: internal,
  alert_deliveries_last_status_code_check: internal,
  alert_deliveries_delivered_check: internal,
};
