import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

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

  /** BOOKING_CREATED, BOOKING_CANCELLED, PAYMENT_RECORDED, ROOM_CHANGED, … */
  @Property({ type: 'string', length: 60 })
  kind!: string;

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
