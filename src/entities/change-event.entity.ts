import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * What a change event says happened: the kinds record_change() writes, stated once here (a
 * CHECK holds the table to it, so a kind the trigger learns must be added here first);
 * webhooks subscribe to these.
 */
export enum ChangeKind {
  BOOKING_CREATED = 'BOOKING_CREATED',
  BOOKING_AMENDED = 'BOOKING_AMENDED',
  BOOKING_MOVED = 'BOOKING_MOVED',
  BOOKING_ROOM_ASSIGNED = 'BOOKING_ROOM_ASSIGNED',
  BOOKING_CANCELLED = 'BOOKING_CANCELLED',
  BOOKING_CHECKED_IN = 'BOOKING_CHECKED_IN',
  BOOKING_CHECKED_OUT = 'BOOKING_CHECKED_OUT',
  BOOKING_NO_SHOW = 'BOOKING_NO_SHOW',
  PAYMENT_RECORDED = 'PAYMENT_RECORDED',
  PAYMENT_REFUNDED = 'PAYMENT_REFUNDED',
  ROOM_CHANGED = 'ROOM_CHANGED',
  RATE_CHANGED = 'RATE_CHANGED',
}
export const CHANGE_KIND_MEANINGS: Readonly<Record<ChangeKind, string>> = {
  BOOKING_CREATED: 'A booking was made.',
  BOOKING_AMENDED: 'A booking’s dates, party, price or channel reference changed, or its status changed otherwise than below.',
  BOOKING_MOVED: 'A booking moved to another room (moveRoom).',
  BOOKING_ROOM_ASSIGNED: 'A booking of a room type was given its room (assignRoom, or at check-in).',
  BOOKING_CANCELLED: 'A booking was cancelled.',
  BOOKING_CHECKED_IN: 'The guest of a booking checked in.',
  BOOKING_CHECKED_OUT: 'The guest of a booking checked out.',
  BOOKING_NO_SHOW: 'A booking became a no-show.',
  PAYMENT_RECORDED: 'A payment was taken.',
  PAYMENT_REFUNDED: 'A payment was refunded, in part or in full.',
  ROOM_CHANGED: 'A room was added, or its status, housekeeping status or room type changed. The hotel’s only: never sent to partners.',
  RATE_CHANGED:
    'A room type was added or its base rate, capacity or minimum stay changed, or one of its rate seasons changed. The hotel’s only: never sent to partners.',
};

/**
 * One committed change a client may follow (the change feed): written by a trigger in the
 * transaction of the change itself, so no path that changes a booking, a payment, a room or
 * a rate can forget it (a transactional outbox). `txId` is that transaction's id: the feed
 * reads only events of transactions older than every one still running, so an event that
 * commits late is never skipped by a cursor that moved past a later one.
 */
@Entity({ tableName: 'change_events' })
@Index({ name: 'change_events_position_index', properties: ['txId', 'id'] })
@Index({
  name: 'change_events_entity_version_unique',
  expression: 'create unique index "change_events_entity_version_unique" on "change_events" ("entity", "entity_id", "version")',
})
export class ChangeEvent {
  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Property({ columnType: 'xid8', defaultRaw: 'pg_current_xact_id()' })
  txId!: Opt<string>;

  @Enum({ items: () => ChangeKind, type: 'string' })
  kind!: ChangeKind;

  @Property({ type: 'string', length: 60 })
  entity!: string;

  @Property({ type: 'string', length: 60 })
  entityId!: string;

  /** 1 for the entity's first event, then one more per event. */
  @Property({ type: 'integer' })
  version!: number;

  /** The booking's channel: a partner follows its own; null for what only the hotel sees (rooms, rates). */
  @Property({ type: 'string', length: 60, nullable: true })
  channel?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp' })
  occurredAt!: Opt<Date>;
}
