/**
 * The triggers a promise of the hotel rests on, beside the constraints the entities
 * declare: the migrations create them, and the integrity report checks each is there and
 * enabled, since a trigger dropped or disabled by hand (or by a restore that left them
 * out) breaks its promise silently.
 */
export interface DeclaredTrigger {
  name: string;
  table: string;
  /** The promise it keeps. */
  keeps: string;
}

const ANNOUNCES = (table: string, event: string): DeclaredTrigger => ({
  name: `${table}_announce_${event}`,
  table,
  keeps: `every API process forgets the callers it cached when a row of ${table} changes who a caller is (${event})`,
});

export const DECLARED_TRIGGERS: readonly DeclaredTrigger[] = [
  { name: 'audit_entries_append_only', table: 'audit_entries', keeps: 'an audit entry is never changed or deleted' },
  { name: 'audit_entries_no_truncate', table: 'audit_entries', keeps: 'the audit trail is never emptied' },
  { name: 'bookings_bill_bound', table: 'bookings', keeps: "a booking's bill stays within its bound when its room total changes" },
  { name: 'folio_items_bill_bound', table: 'folio_items', keeps: "a booking's bill stays within its bound when a charge is posted or changed" },
  { name: 'booking_nightly_rate_default', table: 'bookings', keeps: 'a booking written without a nightly rate gets its total over its nights' },
  { name: 'bookings_room_type', table: 'bookings', keeps: "a booking in a room is a booking of that room's type" },
  {
    name: 'bookings_count_room_type_nights',
    table: 'bookings',
    keeps: 'every booking, cancellation, amendment and move counts its nights in the room-type inventory, whose CHECK refuses a night sold beyond its rooms',
  },
  { name: 'rooms_count_units', table: 'rooms', keeps: "a room's status or type counts in its room type's inventory" },
  { name: 'maintenance_requests_count_units', table: 'maintenance_requests', keeps: "an out-of-order window counts in its room type's inventory" },
  { name: 'rate_seasons_record_change', table: 'rate_seasons', keeps: 'every change of a rate season reaches the change feed as RATE_CHANGED' },
  { name: 'customers_erasure_final', table: 'customers', keeps: 'an erased guest stays erased: erased_at is never cleared or moved' },
  {
    name: 'change_events_webhook_fan_out',
    table: 'change_events',
    keeps: 'every committed change is queued for each enabled webhook endpoint it is for, in the transaction of the change',
  },
  ...['users', 'api_tokens'].flatMap((table) => ['update', 'delete', 'truncate'].map((event) => ANNOUNCES(table, event))),
  ...['bookings', 'payments', 'rooms', 'room_types'].map((table) => ({
    name: `${table}_record_change`,
    table,
    keeps: `every change of a row of ${table} reaches the change feed, in the transaction of the change`,
  })),
];
